// libFuzzer entry (issue 22): the input is grown into a long message and answered through the
// ProtocolHandler the server uses. The first two bytes choose the message's length (up to
// the 64 KiB line limit), the rest is the text repeated to that length, so one mutation of a
// few words ("talk fit jaw", a red-flag word, a typo) becomes the worst line of its shape.
// Every reply must be JSON carrying the request's id. Replies over 50 ms of CPU (with the
// sanitizers' slowdown) are counted and their inputs kept, to be timed in a release build.
#if canImport(Glibc)
import Glibc
#endif
import CFuzz
import FuzzSupport
import TwitchwiseCore
import TwitchwiseProtocol

let engine = FuzzContent.engine()
nonisolated(unsafe) var handler = ProtocolHandler(engine: engine, sessionCapacity: 8)
let tally = FuzzTally(name: "length")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 3 else { return 0 }
    let input = UnsafeBufferPointer(start: data, count: size)
    let length = (Int(input[0]) << 8 | Int(input[1])) + 1  // 1...65,536 bytes of text
    let unit = String(decoding: input[2...], as: UTF8.self)
    var text = ""
    text.reserveCapacity(length + unit.utf8.count)
    while text.utf8.count < length { text += unit }
    // The request line, cut to the line limit as the server would read it.
    var writer = JSONWriter()
    writer.value(.object([.init("id", .number("7")), .init("session", .string(String(size % 3))),
                          .init("text", .string(text)), .init("explain", .bool(size % 5 == 0))]))
    var line = writer.bytes
    let truncated = line.count > ProtocolHandler.maxLineBytes
    if truncated { line.removeSubrange(ProtocolHandler.maxLineBytes...) }

    var out = JSONWriter()
    let time = FuzzClock.milliseconds { handler.respond(to: line, truncated: truncated, into: &out) }
    tally.record(time, size: line.count, input: input)
    guard let reply = try? JSONParser.parse(out.bytes) else {
        check(false, "the reply is not JSON")
        return 0
    }
    check(reply["id"] == .number("7"), "the reply does not carry the request's id")
    return 0
}

/// SwiftPM links executables with `main` = `FuzzLength_main`: hand over to libFuzzer's driver.
@_cdecl("FuzzLength_main")
public func fuzzerMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    atexit { tally.report() }
    _ = handler.engine  // load the content before the clock starts
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzz(data!, size) }
}
