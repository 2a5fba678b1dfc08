// libFuzzer entry: the input is request lines; each is answered by the
// ProtocolHandler the server uses, and every reply is checked:
// - it is one line of strict JSON (re-parsed with JSONParser) that parses
//   back to the very value written, with no raw control character;
// - it is an object whose first member is `id`, a string, number or null;
// - the id is the request's own when the request is a readable object;
// - an error has exactly `id` and `error` {code, message} with a known code.
// The same bytes also go through LineReader (small limit) over a pipe.
#if canImport(Glibc)
import Glibc
#endif
import CFuzz
import FuzzSupport
import TwitchwiseCore
import TwitchwiseProtocol

let engine = FuzzContent.engine()

/// A small session capacity, so that eviction runs too.
nonisolated(unsafe) var handler = ProtocolHandler(engine: engine, sessionCapacity: 8)

let codes: Set<String> = ["invalid_json", "invalid_request", "too_long", "invalid_utf8", "unknown_command"]


/// Answers `line` as the server does, and checks the response line written.
func checkReply(line: [UInt8], truncated: Bool) {
    var writer = JSONWriter()
    handler.respond(to: line, truncated: truncated, into: &writer)
    let out = writer.bytes
    check(!out.contains { $0 < 0x20 || $0 == 0x7F }, "raw control byte in a reply")
    let reply: JSON
    do { reply = try JSONParser.parse(out) } catch {
        check(false, "reply is not JSON: \(error): \(String(decoding: out, as: UTF8.self))")
        return
    }
    var again: [UInt8] = []
    JSONWriter.write(reply, into: &again)
    check(again == out, "reply is not written back the same: \(String(decoding: out, as: UTF8.self))")
    guard case .object(let members) = reply, let first = members.first else {
        check(false, "reply is not an object")
        return
    }
    check(first.key == "id", "first member is not id")
    switch first.value {
    case .string, .number, .null: break
    default: check(false, "id of a wrong type")
    }
    if let error = reply["error"] {
        check(members.map(\.key) == ["id", "error"], "error reply keys")
        check(error["code"].flatMap { if case .string(let c) = $0 { codes.contains(c) } else { false } } == true, "unknown code")
        check(error["message"].map { if case .string(let m) = $0 { !m.isEmpty } else { false } } == true, "no message")
    }
    // A complete, readable request object: its id comes back unchanged.
    if !truncated, String(validating: line, as: UTF8.self) != nil, let request = try? JSONParser.parse(line),
       case .object = request {
        switch request["id"] {
        case nil: check(first.value == .null, "id invented")
        case .string?, .number?, .null?: check(first.value == request["id"]!, "id not echoed")
        default: check(first.value == .null, "an id of a wrong type echoed")
        }
    }
    if truncated {
        check(reply["error"]?["code"] == .string("too_long"), "a cut line is not too_long")
    }
}

/// LineReader over a pipe, with a limit of 16: lines as the server would cut them.
func checkLineReader(_ bytes: [UInt8]) {
    guard bytes.count < 32_768 else { return }  // stays within the pipe's buffer
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return }
    defer { close(fds[0]) }
    if !Output.write(bytes, to: fds[1]) { close(fds[1]); return }
    close(fds[1])
    let limit = 16
    var expected: [(bytes: [UInt8], truncated: Bool, blank: Bool)] = []
    var pieces = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
    if pieces.last?.isEmpty == true { pieces.removeLast() }
    for piece in pieces {
        let blank = piece.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        if piece.count > limit {
            expected.append((Array(piece.prefix(limit)), true, blank))
        } else {
            expected.append((Array(piece.last == 0x0D ? piece.dropLast() : piece), false, blank))
        }
    }
    var reader = LineReader(fd: fds[0], limit: limit)
    var got: [LineReader.Line] = []
    while let line = reader.next() {
        check(line.bytes.count <= limit, "LineReader returned a line longer than its limit")
        got.append(line)
        check(got.count <= expected.count, "LineReader returned more lines than there are")
    }
    check(reader.end == .input, "LineReader did not end at the end of input")
    check(got.count == expected.count, "LineReader returned \(got.count) lines, not \(expected.count)")
    for (g, e) in zip(got, expected) {
        check(g.bytes == e.bytes && g.truncated == e.truncated && g.blank == e.blank,
              "LineReader line \(g.bytes) \(g.truncated) \(g.blank) != \(e.bytes) \(e.truncated) \(e.blank)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for piece in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
        var line = Array(piece)
        if line.last == 0x0D { line.removeLast() }
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
        let truncated = line.count > ProtocolHandler.maxLineBytes
        if truncated { line.removeSubrange(ProtocolHandler.maxLineBytes...) }
        checkReply(line: line, truncated: truncated)
        // The same bytes as the beginning of a line that was too long.
        checkReply(line: line, truncated: true)
        check(handler.sessions.count <= handler.sessions.capacity, "more live sessions than the capacity")
    }
    checkLineReader(bytes)
    return 0
}

/// SwiftPM links executables with `main` = `FuzzRequest_main`: hand over to libFuzzer's driver.
@_cdecl("FuzzRequest_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
