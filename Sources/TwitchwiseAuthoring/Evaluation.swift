import FoundationEssentials
import TwitchwiseCore
import TwitchwiseContentLoading
import TwitchwiseProtocol

/// `twitchwise eval`: scores a question set in the format of docs/evaluation.md
/// (`{"id", "cat", "turns": [{"text", "kind", "intent": [...], "urgent",
/// "mentions": [[...]]}]}` per line), judging each turn the way the project's
/// scorer (score.py) does, in process.
public enum Evaluation {
    /// Page furniture that must never reach an answer (score.py's JUNK).
    static let junk = ["recommend\n", "[ad_1]", "[ad_2]", "<<:", ">>:", "bulksupplementsdirect",
                       "subscribe to our", "your trusted source", "what you will read next"]
    static let conversation: Set<String> = ["greet", "thanks", "goodbye", "help", "identity", "sources"]

    public struct Turn: Sendable {
        public var text: String
        public var kind: String
        public var intents: [String]
        public var urgent: Bool
        public var mentions: [[String]]
    }

    public struct Case: Sendable {
        public var id: String
        public var category: String
        public var turns: [Turn]
        public var line: Int
    }

    public struct Outcome: Sendable {
        public var caseID: String
        public var category: String
        public var turn: Turn
        public var reply: Reply
        public var failed: [String]
        /// The `mentions` groups none of whose words the answer holds.
        public var missing: [[String]] = []
    }

    /// The checks a turn fails, as score.py names them.
    public static func judge(_ turn: Turn, _ reply: Reply, documents: [String: String]? = nil) -> [String] {
        var failed: [String] = []
        var want = turn.kind
        if want == "any" { want = reply.kind == .fallback ? "fallback" : "answer" }
        if reply.kind.rawValue != want { failed.append("kind") }
        let urgentMet = turn.urgent && reply.urgent
        if want == "answer" && !urgentMet && !turn.intents.contains(reply.intent ?? "\u{0}") { failed.append("intent") }
        if reply.urgent != turn.urgent { failed.append("urgent") }
        let answer = reply.answer.lowercased()
        if !missingMentions(turn, reply).isEmpty { failed.append("mentions") }
        if junk.contains(where: { (answer + "\n").contains($0) }) { failed.append("clean") }
        if let documents, reply.kind == .answer, !conversation.contains(reply.intent ?? "") {
            if reply.sources.isEmpty { failed.append("grounded") }
            for source in reply.sources {
                let quote = squash(source.quote)
                guard let doc = documents[String(source.doc.prefix(3))], !quote.isEmpty, doc.contains(quote) else {
                    failed.append("grounded")
                    break
                }
            }
        }
        return failed
    }

    /// The groups of `mentions` with no word in the answer (case-insensitive substrings).
    public static func missingMentions(_ turn: Turn, _ reply: Reply) -> [[String]] {
        let answer = reply.answer.lowercased()
        return turn.mentions.filter { group in !group.contains(where: { answer.contains($0.lowercased()) }) }
    }

    static func squash(_ s: String) -> String {
        s.replacing(scalar: "\u{2019}", with: "'").split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
    }

    public static func run(_ cases: [Case], engine: Engine, documents: [String: String]? = nil) -> [Outcome] {
        var outcomes: [Outcome] = []
        for c in cases {
            var state = SessionState()
            for turn in c.turns {
                let (reply, next) = engine.respond(to: turn.text, in: state)
                state = next
                outcomes.append(Outcome(caseID: c.id, category: c.category, turn: turn, reply: reply,
                                        failed: judge(turn, reply, documents: documents), missing: missingMentions(turn, reply)))
            }
        }
        return outcomes
    }

    /// The figures of a run.
    public struct Summary: Sendable {
        public struct Ratio: Sendable {
            public var count: Int
            public var total: Int
            public var value: Double? { total == 0 ? nil : Double(count) / Double(total) }
        }

        public struct IntentFigures: Sendable {
            public var intent: String
            public var truePositives: Int
            public var predicted: Int
            public var expected: Int
            public var precision: Double? { predicted == 0 ? nil : Double(truePositives) / Double(predicted) }
            public var recall: Double? { expected == 0 ? nil : Double(truePositives) / Double(expected) }
        }

        public var turns: Int
        public var passed: Int
        public var accuracy: Double { turns == 0 ? 0 : Double(passed) / Double(turns) }
        public var categories: [(String, Ratio)]
        public var failedChecks: [(String, Int)]
        /// expected -> got, most frequent first.
        public var confusions: [(expected: String, got: String, count: Int)]
        public var intents: [IntentFigures]
        public var answeredRight: Ratio
        public var outOfScopeRejected: Ratio
        public var inScopeRejected: Ratio
        public var urgentRecognised: Ratio
        public var urgentFalseAlarms: Ratio
    }

    public static func summarize(_ outcomes: [Outcome]) -> Summary {
        var categories: [String: (Int, Int)] = [:]
        var checks: [String: Int] = [:]
        var confusions: [String: Int] = [:]
        var tp: [String: Int] = [:], predicted: [String: Int] = [:], expected: [String: Int] = [:]
        var right = 0, answerable = 0, oos = 0, oosRejected = 0, inScope = 0, inScopeRejected = 0
        var urgent = 0, caught = 0, calm = 0, falseAlarm = 0
        for o in outcomes {
            let ok = o.failed.isEmpty
            categories[o.category, default: (0, 0)].0 += ok ? 1 : 0
            categories[o.category, default: (0, 0)].1 += 1
            for check in Set(o.failed) { checks[check, default: 0] += 1 }
            let wantAnswer = o.turn.kind == "answer"
            let wantFallback = o.turn.kind == "fallback"
            let gotFallback = o.reply.kind == .fallback
            oos += wantFallback ? 1 : 0
            oosRejected += wantFallback && gotFallback ? 1 : 0
            inScope += wantAnswer ? 1 : 0
            inScopeRejected += wantAnswer && gotFallback ? 1 : 0
            urgent += o.turn.urgent ? 1 : 0
            caught += o.turn.urgent && o.reply.urgent ? 1 : 0
            calm += o.turn.urgent ? 0 : 1
            falseAlarm += !o.turn.urgent && o.reply.urgent ? 1 : 0
            answerable += wantAnswer ? 1 : 0
            right += wantAnswer && ok ? 1 : 0

            // Intents: for turns that want an answer, and not settled by the urgent layer.
            guard wantAnswer, !o.turn.intents.isEmpty, !(o.turn.urgent && o.reply.urgent) else { continue }
            let got = o.reply.kind == .answer ? (o.reply.intent ?? "?") : "(\(o.reply.kind.rawValue))"
            let gold = o.turn.intents.contains(got) ? got : o.turn.intents[0]
            expected[gold, default: 0] += 1
            if o.reply.kind == .answer { predicted[got, default: 0] += 1 }
            if gold == got { tp[got, default: 0] += 1 } else {
                confusions["\(o.turn.intents.joined(separator: "|"))\u{0}\(got)", default: 0] += 1
            }
        }
        func ratio(_ a: Int, _ b: Int) -> Summary.Ratio { Summary.Ratio(count: a, total: b) }
        let ids = Set(expected.keys).union(predicted.keys).sorted()
        return Summary(
            turns: outcomes.count, passed: outcomes.filter { $0.failed.isEmpty }.count,
            categories: categories.sorted { $0.key < $1.key }.map { ($0.key, ratio($0.value.0, $0.value.1)) },
            failedChecks: checks.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            confusions: confusions.map { key, count in
                let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
                return (parts[0], parts[1], count)
            }.sorted { ($1.count, $0.expected, $0.got) < ($0.count, $1.expected, $1.got) },
            intents: ids.map { Summary.IntentFigures(intent: $0, truePositives: tp[$0] ?? 0, predicted: predicted[$0] ?? 0,
                                                     expected: expected[$0] ?? 0) },
            answeredRight: ratio(right, answerable), outOfScopeRejected: ratio(oosRejected, oos),
            inScopeRejected: ratio(inScopeRejected, inScope), urgentRecognised: ratio(caught, urgent),
            urgentFalseAlarms: ratio(falseAlarm, calm))
    }

    static func percent(_ r: Summary.Ratio) -> String {
        guard let v = r.value else { return "n/a" }
        return TextFormat.fixed(100 * v, 1) + "% (\(r.count)/\(r.total))"
    }

    static func figure(_ v: Double?) -> String { v.map { TextFormat.fixed($0, 2) } ?? "  - " }

    /// The report for people.
    public static func text(_ s: Summary, outcomes: [Outcome], failures: Int = 10, confusions: Int = 15) -> String {
        var out = ""
        let failed = outcomes.filter { !$0.failed.isEmpty }
        for o in failed.prefix(failures) {
            out += "FAIL \(o.caseID) [\(o.category)] \(o.failed.joined(separator: ","))\n"
            out += "   asked:    \(TestRunner.clip(o.turn.text, 160))\n"
            out += "   expected: \(o.turn.kind) \(o.turn.intents.isEmpty ? "-" : o.turn.intents.joined(separator: "|")) urgent=\(o.turn.urgent)\n"
            out += "   got:      \(o.reply.kind.rawValue) \(o.reply.intent ?? "-") urgent=\(o.reply.urgent) conf=\(Reply.format(o.reply.confidence))\n"
            for group in o.missing {
                out += "   missing:  mentions group [\(group.map { "\"\($0)\"" }.joined(separator: ", "))]: the answer has none of "
                    + (group.count == 1 ? "it" : "them") + "\n"
            }
        }
        if failed.count > failures {
            let more = failed.count - failures
            out += "... and \(more) more failed turn\(more == 1 ? "" : "s")\n"
        }
        out += "\ncategory   passed/total\n"
        for (cat, r) in s.categories {
            out += "  " + TextFormat.left(cat, 9) + " " + TextFormat.right(String(r.count), 4) + "/" + TextFormat.left(String(r.total), 4)
                + " " + TextFormat.right(TextFormat.fixed(100 * (r.value ?? 0), 1), 5) + "%\n"
        }
        out += "failed checks: " + (s.failedChecks.isEmpty ? "none" : s.failedChecks.map { "\($0.0) \($0.1)" }.joined(separator: ", ")) + "\n"
        out += "\nmost frequent wrong intents (expected -> got, count):\n"
        if s.confusions.isEmpty { out += "  none\n" }
        for c in s.confusions.prefix(confusions) { out += "  \(c.expected) -> \(c.got)  \(c.count)\n" }
        out += "\nper intent: precision recall (right/predicted/expected)\n"
        for i in s.intents {
            out += "  " + TextFormat.left(i.intent, 26) + " \(figure(i.precision))  \(figure(i.recall))  (\(i.truePositives)/\(i.predicted)/\(i.expected))\n"
        }
        out += "\nanswerable turns right:     \(percent(s.answeredRight))\n"
        out += "out-of-scope rejected:      \(percent(s.outOfScopeRejected))\n"
        out += "in-scope wrongly rejected:  \(percent(s.inScopeRejected))\n"
        out += "urgent recognised:          \(percent(s.urgentRecognised))\n"
        out += "urgent false alarms:        \(percent(s.urgentFalseAlarms))\n"
        out += "accuracy: " + TextFormat.fixed(100 * s.accuracy, 1) + "%\n"
        out += "\(s.passed) passed, \(s.turns - s.passed) failed\n"
        return out
    }

    /// The report for machines: one JSON object.
    public static func json(_ s: Summary) -> JSON {
        func num(_ v: Double?) -> JSON { v.map { .number(TextFormat.fixed($0, 4)) } ?? .null }
        func int(_ v: Int) -> JSON { .number(String(v)) }
        func ratio(_ r: Summary.Ratio) -> JSON {
            .object([.init("count", int(r.count)), .init("total", int(r.total)), .init("rate", num(r.value))])
        }
        return .object([
            .init("turns", int(s.turns)),
            .init("passed", int(s.passed)),
            .init("failed", int(s.turns - s.passed)),
            .init("accuracy", num(s.accuracy)),
            .init("categories", .object(s.categories.map { .init($0.0, ratio($0.1)) })),
            .init("failed_checks", .object(s.failedChecks.map { .init($0.0, int($0.1)) })),
            .init("confusions", .array(s.confusions.map {
                .object([.init("expected", .string($0.expected)), .init("got", .string($0.got)), .init("count", int($0.count))])
            })),
            .init("intents", .array(s.intents.map {
                .object([.init("intent", .string($0.intent)), .init("precision", num($0.precision)), .init("recall", num($0.recall)),
                         .init("right", int($0.truePositives)), .init("predicted", int($0.predicted)), .init("expected", int($0.expected))])
            })),
            .init("answerable_right", ratio(s.answeredRight)),
            .init("out_of_scope_rejected", ratio(s.outOfScopeRejected)),
            .init("in_scope_rejected", ratio(s.inScopeRejected)),
            .init("urgent_recognised", ratio(s.urgentRecognised)),
            .init("urgent_false_alarms", ratio(s.urgentFalseAlarms)),
        ])
    }

    /// Runs `twitchwise eval`. Exit status: 2 when the set or `--seeds` cannot be used; 1 when
    /// a turn fails (or, with `minAccuracy`, a percentage, when the accuracy is below it); 0 otherwise.
    public static func main(path: String, source: ContentSource, seed: UInt64, json asJSON: Bool, seeds: String?,
                            failures: Int = 10, minAccuracy: Double? = nil) -> CommandOutput {
        let engine: Engine
        do {
            let (content, _) = try source.load()
            engine = Engine(content: content, options: EngineOptions(seed: seed))
        } catch {
            return CommandOutput(status: 2, stderr: error.description + "\n")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return CommandOutput(status: 2, stderr: "\(path): error: cannot read the file\n")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return CommandOutput(status: 2, stderr: "\(path): error: the file is not UTF-8 text\n")
        }
        let (cases, problems) = parse(text, path: path)
        if !problems.isEmpty {
            return CommandOutput(status: 2, stderr: problems.map(\.description).joined(separator: "\n") + "\n")
        }
        var documents: [String: String]?
        if let seeds {
            let (found, problem) = Self.documents(in: seeds)
            if let problem { return CommandOutput(status: 2, stderr: problem.description + "\n") }
            documents = found
        }
        let outcomes = run(cases, engine: engine, documents: documents)
        let summary = summarize(outcomes)
        var status: Int32 = summary.passed < summary.turns ? 1 : 0
        var verdict = ""
        if let minAccuracy {
            let below = 100 * summary.accuracy < minAccuracy
            status = below ? 1 : 0
            verdict = "accuracy " + TextFormat.fixed(100 * summary.accuracy, 1) + "% is " + (below ? "below" : "at or above")
                + " --min-accuracy " + TextFormat.fixed(minAccuracy, 1) + "%\n"
        }
        if asJSON { return CommandOutput(status: status, stdout: JSONWriter.string(json(summary)) + "\n", stderr: status == 0 ? "" : verdict) }
        return CommandOutput(status: status, stdout: Self.text(summary, outcomes: outcomes, failures: failures) + verdict)
    }
}
