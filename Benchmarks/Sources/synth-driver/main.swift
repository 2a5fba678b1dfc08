// A small driver for profiling and checks, outside the benchmark harness.
//
//   synth-driver time SCALE [ROUNDS]     per-message time of the benchmark mix at SCALE (1, 10, 100)
//   synth-driver kinds SCALE [ROUNDS]    the same, per kind of message
//   synth-driver request 1 [ROUNDS]      a full request line to a response line, and the
//                                        decode+encode baseline (as the benchmark suite does)
//   synth-driver spread 1 [ROUNDS]       each full request and each baseline timed on its own, in turns
//                                        of 1,000: their percentiles and the median ratio
//   synth-driver handle 1 [ROUNDS]       only full requests (for callgrind and valgrind --tool=dhat)
//   synth-driver base 1 [ROUNDS]         only the baseline (callgrind: the instruction ratio is the
//                                        difference between 2N and N rounds of each)
//   synth-driver one SCALE KIND [ROUNDS] one kind of message (0 short .. 4 out-of-scope), for callgrind
//   synth-driver init SCALE              build the content and the engine, nothing else
//   synth-driver scores SCALE DEV.jsonl  the three best candidates for the dev questions and the
//                                        content's examples, and the full replies to the dev
//                                        conversations: diff two builds' output to check a
//                                        speed change keeps behaviour (run with
//                                        SWIFT_DETERMINISTIC_HASHING=1)
//   synth-driver worst 1                 issue 22: every 64 KiB line of each shape (WorstLines), each
//                                        answered through the ProtocolHandler: the slowest per shape
//   synth-driver curve 1 [ROUNDS]        issue 22: the slowest unit of each shape at 1 to 64 KiB:
//                                        time per line and per KiB (linear growth: per KiB flat)
//   synth-driver replay 1 FILE...        issue 22: inputs the FuzzLength target kept as slow (2 bytes of
//                                        length, then the text repeated to it), timed here, without
//                                        the sanitizers: the best of 5 per input
//   valgrind --tool=callgrind synth-driver time 100 20
import Foundation
import TwitchwiseCore
import TwitchwiseProtocol
import TwitchwiseSynth

let args = CommandLine.arguments
guard args.count >= 3, let scale = Int(args[2]) else {
    print("usage: synth-driver time|kinds|request|spread|handle|base|one|init|scores SCALE [ROUNDS|DEV.jsonl]")
    exit(2)
}
let mode = args[1]

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

let t0 = now()
let content = Synth.scaled(Synth.realContent(), factor: scale)
let t1 = now()
let engine = Engine(content: content)
let t2 = now()
let examples = content.intents.reduce(0) { $0 + $1.examples.count }
FileHandle.standardError.write(Data(String(format: "scale %d: %d intents, %d examples; content %.3f s, engine %.3f s\n",
                                           scale, content.intents.count, examples, t1 - t0, t2 - t1).utf8))

switch mode {
case "init":
    break
case "time", "kinds":
    let rounds = args.count > 3 ? Int(args[3]) ?? 200 : 200
    let mix = engine.preparedMix()
    let names = ["short", "long story", "typo-heavy", "follow-up", "out-of-scope"]
    var sink = 0
    for m in mix { sink &+= engine.respond(to: m.text, in: m.state).0.answer.count }  // warm up
    if mode == "time" {
        let start = now()
        for _ in 0..<rounds { for m in mix { sink &+= engine.respond(to: m.text, in: m.state).0.answer.count } }
        let per = (now() - start) / Double(rounds * mix.count)
        print(String(format: "scale %d: %.1f us per message (mix of %d kinds, %d rounds)", scale, per * 1e6, mix.count, rounds))
    } else {
        for (name, m) in zip(names, mix) {
            let start = now()
            for _ in 0..<rounds { sink &+= engine.respond(to: m.text, in: m.state).0.answer.count }
            print(String(format: "scale %d: %-13@ %8.1f us", scale, name as NSString, (now() - start) / Double(rounds) * 1e6))
        }
    }
    if sink == 42 { print("") }
case "request":
    let rounds = args.count > 3 ? Int(args[3]) ?? 20_000 : 20_000
    var handler = ProtocolHandler(engine: engine)
    let fixed = RequestPair.fixedReply(engine)
    var out = JSONWriter(capacity: 4096)
    // The two paths write the same line (the handler's first turn in the session comes first).
    RequestPair.full(&handler, into: &out)
    RequestPair.full(&handler, into: &out)
    let fullLine = out.bytes
    RequestPair.baseline(fixed, into: &out)
    guard out.bytes == fullLine else { fatalError("the baseline writes another line than the full request") }
    func measure(_ body: () -> Void) -> Double {
        for _ in 0..<rounds / 10 { body() }
        var times: [Double] = []
        for _ in 0..<5 {
            let start = now()
            for _ in 0..<rounds / 5 { body() }
            times.append((now() - start) / Double(rounds / 5) * 1e6)
        }
        return times.sorted()[2]
    }
    let full = measure { RequestPair.full(&handler, into: &out) }
    let base = measure { RequestPair.baseline(fixed, into: &out) }
    print(String(format: "full request %.2f us, baseline %.2f us, ratio %.2fx (%d bytes out)", full, base, full / base, out.bytes.count))
    // Where a request goes: the engine's parts for the same message, as the request runs them
    // (no explanation; the best two, small talk halved for a message with a word about muscles).
    let text = "why does my eye twitch"
    let state = engine.respond(to: text, in: SessionState(), explaining: false).1
    let analysis = engine.matcher.analyzer.analyze(text)
    let respond = measure { _ = engine.respond(to: text, in: state, explaining: false) }
    let analyze = measure { _ = engine.matcher.analyzer.analyze(text) }
    let rank = measure { _ = engine.matcher.rank(analysis, smallTalk: .halve, limit: 2) }
    let rankAll = measure { _ = engine.matcher.rank(analysis) }
    let a2 = engine.matcher.analyzer.analyze("what helps with eyelid twitching")
    let rank2 = measure { _ = engine.matcher.rank(a2, smallTalk: .halve, limit: 2) }
    let request = String(decoding: RequestPair.line, as: UTF8.self)
    let parse = measure { _ = try? JSONParser.parse(request) }
    print(String(format: "  rank all %.2f us; rank 'what helps with eyelid twitching' %.2f us", rankAll, rank2))
    let reply = engine.respond(to: text, in: state, explaining: false).0
    var writer = JSONWriter(capacity: 4096)
    let toJSON = measure { writer.removeAll(); reply.write(id: .number("17"), session: "bench-1", explain: false, into: &writer) }
    print(String(format: "  respond %.2f us (analyze %.2f, rank %.2f); request parsed %.2f us; reply written %.2f us",
                 respond, analyze, rank, parse, toJSON))
case "one":
    // One kind of message (0 short, 1 long story, 2 typo-heavy, 3 follow-up, 4 out-of-scope), ROUNDS times: for callgrind.
    let kind = args.count > 3 ? Int(args[3]) ?? 0 : 0
    let rounds = args.count > 4 ? Int(args[4]) ?? 100 : 100
    let m = engine.preparedMix()[kind]
    var sink = 0
    for _ in 0..<rounds { sink &+= engine.respond(to: m.text, in: m.state, explaining: false).0.answer.count }
    print(sink)
case "handle":
    // Only full requests, for callgrind: instructions per request = total / ROUNDS.
    let rounds = args.count > 3 ? Int(args[3]) ?? 1_000 : 1_000
    var handler = ProtocolHandler(engine: engine)
    var out = JSONWriter(capacity: 4096)
    for _ in 0..<rounds { RequestPair.full(&handler, into: &out) }
    print(out.bytes.count)
case "base":
    // Only the decode+encode baseline, for callgrind: compare with `handle` at the same ROUNDS.
    let rounds = args.count > 3 ? Int(args[3]) ?? 1_000 : 1_000
    let fixed = RequestPair.fixedReply(engine)
    var out = JSONWriter(capacity: 4096)
    for _ in 0..<rounds { RequestPair.baseline(fixed, into: &out) }
    print(out.bytes.count)
case "spread":
    // Each request timed on its own, as the benchmark suite does: percentiles of the full request
    // and of the baseline, interleaved in rounds of 1,000 so that machine noise falls on both.
    let rounds = args.count > 3 ? Int(args[3]) ?? 100_000 : 100_000
    var handler = ProtocolHandler(engine: engine)
    let fixed = RequestPair.fixedReply(engine)
    var out = JSONWriter(capacity: 4096)
    var full: [UInt64] = [], base: [UInt64] = []
    full.reserveCapacity(rounds)
    base.reserveCapacity(rounds)
    for _ in 0..<1_000 { RequestPair.full(&handler, into: &out); RequestPair.baseline(fixed, into: &out) }
    for _ in 0..<max(1, rounds / 1_000) {
        for _ in 0..<1_000 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            RequestPair.full(&handler, into: &out)
            full.append(DispatchTime.now().uptimeNanoseconds - t0)
        }
        for _ in 0..<1_000 {
            let t0 = DispatchTime.now().uptimeNanoseconds
            RequestPair.baseline(fixed, into: &out)
            base.append(DispatchTime.now().uptimeNanoseconds - t0)
        }
    }
    full.sort()
    base.sort()
    func at(_ a: [UInt64], _ p: Double) -> UInt64 { a[min(a.count - 1, Int(Double(a.count) * p))] }
    for (name, a) in [("full", full), ("baseline", base)] {
        print(name.padding(toLength: 9, withPad: " ", startingAt: 0),
              [0, 0.25, 0.5, 0.75, 0.9, 0.99].map { String(at(a, $0)) }.joined(separator: " "), "ns (p0 p25 p50 p75 p90 p99)")
    }
    print(String(format: "median ratio %.2fx", Double(at(full, 0.5)) / Double(at(base, 0.5))))
case "scores":
    guard args.count > 3, let dev = try? String(contentsOfFile: args[3], encoding: .utf8) else {
        print("scores needs the dev.jsonl file")
        exit(2)
    }
    var conversations: [[String]] = []
    for line in dev.split(separator: "\n") {
        guard case .object? = try? JSONParser.parse(String(line)), let value = try? JSONParser.parse(String(line)),
              case .array(let turns)? = value["turns"] else { continue }
        conversations.append(turns.compactMap { if case .string(let t)? = $0["text"] { return t } else { return nil } })
    }
    var out = ""
    func dump(_ text: String) {
        out += "# \(text)\n"
        for c in engine.matcher.rank(engine.matcher.analyzer.analyze(text)).prefix(3) {
            out += "\(c.intent) \(String(format: "%.6f", c.score)) \(c.viaPattern) \(c.evidence)\n"
        }
    }
    for turns in conversations { for t in turns { dump(t) } }
    // The content's own examples (at scale 1 only: at 10x there are 10,700).
    if scale == 1 { for intent in content.intents { for e in intent.examples { dump(e.text) } } }
    // Whole conversations through the protocol, with explanations (scores with context).
    var handler = ProtocolHandler(engine: engine)
    for (k, turns) in conversations.enumerated() {
        for t in turns {
            let request = JSONWriter.string(.object([.init("session", .string("s\(k)")), .init("text", .string(t)),
                                                     .init("explain", .bool(true))]))
            out += JSONWriter.string(handler.handle(line: Array(request.utf8))) + "\n"
        }
    }
    print(out, terminator: "")
case "worst":
    // Each line answered once, after one warm-up answer; the slowest line of each shape.
    var handler = ProtocolHandler(engine: engine)
    var out = JSONWriter(capacity: 1 << 16)
    _ = handler.handle(line: WorstLines.line("warm up"))
    var overall = 0.0
    for shape in WorstLines.shapes(content) {
        var slowest = (time: 0.0, unit: ""), total = 0.0
        for unit in shape.units {
            let line = WorstLines.line(unit)
            out.removeAll()
            let start = now()
            handler.respond(to: line, into: &out)
            let time = now() - start
            total += time
            if time > slowest.time { slowest = (time, unit) }
        }
        overall = max(overall, slowest.time)
        let name = slowest.unit.count > 24 ? String(slowest.unit.prefix(24)) + "..." : slowest.unit
        print(String(format: "%-18@ %4d lines of 64 KiB: mean %6.2f ms, slowest %6.2f ms ('%@')", shape.name as NSString,
                     shape.units.count, total / Double(shape.units.count) * 1000, slowest.time * 1000, name as NSString))
    }
    print(String(format: "slowest of all: %.2f ms (bound 50 ms)", overall * 1000))
case "replay":
    var handler = ProtocolHandler(engine: engine)
    var out = JSONWriter(capacity: 1 << 16)
    for path in args.dropFirst(3) {
        guard let data = FileManager.default.contents(atPath: path), data.count >= 3 else { continue }
        let input = [UInt8](data)
        let length = (Int(input[0]) << 8 | Int(input[1])) + 1
        let unit = String(decoding: input[2...], as: UTF8.self)
        var text = ""
        while text.utf8.count < length { text += unit }
        var writer = JSONWriter()
        writer.value(.object([.init("id", .number("7")), .init("text", .string(text))]))
        var line = writer.bytes
        let truncated = line.count > ProtocolHandler.maxLineBytes
        if truncated { line.removeSubrange(ProtocolHandler.maxLineBytes...) }
        var best = Double.infinity
        for _ in 0..<5 {
            out.removeAll()
            let start = now()
            handler.respond(to: line, truncated: truncated, into: &out)
            best = min(best, now() - start)
        }
        print(String(format: "%@: a line of %d bytes, %.2f ms", (path as NSString).lastPathComponent as NSString, line.count, best * 1000))
    }
case "curve":
    // The slowest unit of each shape (found at 64 KiB), timed at 1 to 64 KiB: the best of ROUNDS.
    let rounds = args.count > 3 ? Int(args[3]) ?? 5 : 5
    var handler = ProtocolHandler(engine: engine)
    var out = JSONWriter(capacity: 1 << 16)
    func time(_ line: [UInt8]) -> Double {
        var best = Double.infinity
        for _ in 0..<rounds {
            out.removeAll()
            let start = now()
            handler.respond(to: line, into: &out)
            best = min(best, now() - start)
        }
        return best
    }
    let sizes = [1, 2, 4, 8, 16, 32, 64].map { $0 * 1024 }
    print("shape".padding(toLength: 18, withPad: " ", startingAt: 0) + sizes.map { String(format: "%9@", "\($0 / 1024) KiB" as NSString) }.joined()
          + "   µs per KiB at 1 → 64 KiB")
    for shape in WorstLines.shapes(content) {
        let worst = shape.units.max { time(WorstLines.line($0)) < time(WorstLines.line($1)) } ?? ""
        let times = sizes.map { time(WorstLines.line(worst, bytes: min($0, ProtocolHandler.maxLineBytes))) }
        print(shape.name.padding(toLength: 18, withPad: " ", startingAt: 0) + times.map { String(format: "%7.2fms", $0 * 1000) }.joined()
              + String(format: "   %.0f → %.0f", times[0] * 1e6, times.last! * 1e6 / 64))
    }
default:
    print("unknown mode \(mode)")
    exit(2)
}
