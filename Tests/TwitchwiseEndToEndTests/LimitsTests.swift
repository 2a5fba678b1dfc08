import Foundation
import Testing
import TwitchwiseCore
import TwitchwiseContentLoading
import TwitchwiseProtocol
import TwitchwiseTestSupport

/// The documented limits (docs/limits.md).
@Suite("Limits")
struct LimitsTests {
    /// A request line of exactly `size` bytes: `{"id":"<id>","text":"aaaa..."}`.
    static func line(id: String, size: Int, word: String = "twitch ") -> [UInt8] {
        let head = Array("{\"id\":\"\(id)\",\"text\":\"".utf8), tail = Array("\"}".utf8)
        let fill = Array(String(repeating: word, count: size / word.utf8.count + 1).utf8.prefix(size - head.count - tail.count))
        return head + fill + tail
    }

    @Test func a20KiBLineIsAnswered() throws {
        let big = Self.line(id: "big", size: 20 * 1024, word: "why does my neck twitch ")
        let result = try Driver.run(["--json"], input: big + [0x0A])
        ProtocolTests.checkWellFormed(result)
        let replies = try result.lines.map(Driver.parse)
        try #require(replies.count == 1)
        #expect(replies[0]["id"] == .string("big"))
        #expect(replies[0].errorCode == nil)
        #expect(replies[0]["kind"]?.stringValue != nil)
    }

    @Test func theLimitIs64KiB() throws {
        #expect(ProtocolHandler.maxLineBytes == 65_536)
        var input: [UInt8] = []
        input += Self.line(id: "at", size: 65_536) + [0x0A]
        input += Self.line(id: "over", size: 65_537) + [0x0A]
        input += Self.line(id: "at-crlf", size: 65_535) + [0x0D, 0x0A]
        input += Array("{\"id\":\"after\",\"command\":\"ping\"}\n".utf8)
        let result = try Driver.run(["--json"], input: input)
        ProtocolTests.checkWellFormed(result)
        let replies = try result.lines.map(Driver.parse)
        try #require(replies.count == 4)
        #expect(replies.map { $0["id"] } == [.string("at"), .string("over"), .string("at-crlf"), .string("after")])
        #expect(replies.map(\.errorCode) == [nil, "too_long", nil, nil])
    }

    @Test func a100KiBLineIsTooLong() throws {
        var input: [UInt8] = []
        input += Self.line(id: "long", size: 100 * 1024) + [0x0A]
        input += Array("{\"id\":1,\"command\":\"ping\"}\n".utf8)
        // The id after the cut cannot be read.
        let text = String(repeating: "a", count: 100 * 1024)
        input += Array("{\"text\":\"\(text)\",\"id\":\"late\"}\n".utf8)
        // A number id cut by the limit is not echoed half-read.
        input += Array("{\"text\":\"\(text.prefix(65_536 - 12))\",\"id\":123456789}\n".utf8)
        input += Self.line(id: "last", size: 100 * 1024)  // no newline at the end
        let result = try Driver.run(["--json"], input: input)
        ProtocolTests.checkWellFormed(result)
        let replies = try result.lines.map(Driver.parse)
        try #require(replies.count == 5)
        #expect(replies.map { $0["id"] } == [.string("long"), .number("1"), .null, .null, .string("last")])
        #expect(replies.map(\.errorCode) == ["too_long", nil, "too_long", "too_long", "too_long"])
        #expect(result.lines.allSatisfy { $0.utf8.count < 200 })
    }

    static let hasProc = FileManager.default.fileExists(atPath: "/proc/self/status")

    /// A 32 MiB line is cut without being held in memory.
    @Test(.enabled(if: hasProc, "reads /proc/PID/status"))
    func aHugeLineUsesBoundedMemory() throws {
        let process = try Interactive(["--json"])
        try process.send(#"{"id":"warm","text":"why does my neck twitch?"}"#)
        #expect(process.readLine()?.hasPrefix(#"{"id":"warm","#) == true)
        let before = try #require(process.memory())
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20)
        try process.send(Array(#"{"id":"huge","text":""#.utf8))
        for _ in 0..<32 { try process.send(chunk) }
        try process.send(Array("\"}\n".utf8))
        #expect(process.readLine()?.hasPrefix(#"{"id":"huge","error":{"code":"too_long""#) == true)
        try process.send(#"{"id":"next","command":"ping"}"#)
        #expect(process.readLine()?.hasPrefix(#"{"id":"next","#) == true)
        let after = try #require(process.memory())
        #expect(after.peak - before.peak < 4 * 1024, "peak RSS grew from \(before.peak) KiB to \(after.peak) KiB")
        try process.closeInput()
        #expect(process.wait()?.status == 0)
    }

    @Test func nestingDeeperThan64IsRefused() throws {
        func request(_ depth: Int) -> String {
            // The request object is level 1; `text` holds depth - 1 arrays.
            "{\"id\":\"d\(depth)\",\"text\":" + String(repeating: "[", count: depth - 1) + String(repeating: "]", count: depth - 1) + "}"
        }
        let result = try Driver.run(["--json"], lines: [request(64), request(65), request(10_000),
                                                        String(repeating: "[", count: 30_000)])
        ProtocolTests.checkWellFormed(result)
        let replies = try result.lines.map(Driver.parse)
        try #require(replies.count == 4)
        #expect(replies[0].errorCode == "invalid_request")  // parsed: `text` is an array
        #expect(replies[1].errorCode == "invalid_json")
        #expect(replies[1]["id"] == .string("d65"))
        #expect(replies[1]["error"]?["message"]?.stringValue?.contains("nested deeper than 64 levels") == true)
        #expect(replies[2].errorCode == "invalid_json")
        #expect(replies[3].errorCode == "invalid_json")
    }

    /// Past 10,000 live sessions the least recently used are forgotten.
    @Test func leastRecentlyUsedSessionsAreEvicted() throws {
        var lines = [
            #"{"id":"a1","session":"alice","text":"why does my neck twitch when I'm stressed?"}"#,
            #"{"id":"b1","session":"bob","text":"why does my neck twitch when I'm stressed?"}"#,
        ]
        for k in 0..<10_000 {
            lines.append(#"{"session":"s\#(k)","text":"hello"}"#)
            if k == 9_000 { lines.append(#"{"id":"b2","session":"bob","text":"why does my neck twitch when I'm stressed?"}"#) }
        }
        lines.append(#"{"id":"a3","session":"alice","text":"and how do I stop it?"}"#)
        lines.append(#"{"id":"b3","session":"bob","text":"and how do I stop it?"}"#)
        let result = try Driver.run(["--json"], lines: lines, timeout: 120)
        #expect(result.status == 0)
        let replies = try result.lines.suffix(2).map(Driver.parse)
        #expect(result.lines.count == lines.count)
        try #require(replies.count == 2)
        #expect(replies[0]["id"] == .string("a3"))
        #expect(replies[0]["slots"] == .object([]), "alice was the least recently used: forgotten")
        #expect(replies[1]["id"] == .string("b3"))
        #expect(replies[1]["slots"]?["body_part"] == .string("neck"), "bob was used recently: kept")
    }

    /// Long session names work as names, but a live session keeps at most 256 bytes of its name.
    @Test(.enabled(if: hasProc, "reads /proc/PID/status"))
    func longSessionNamesUseBoundedMemory() throws {
        let long = String(repeating: "x", count: 16 * 1024)
        let (result, replies) = try Driver.json([
            #"{"id":1,"session":"\#(long)a","text":"why does my neck twitch when I'm stressed?"}"#,
            #"{"id":2,"session":"\#(long)b","text":"my calf cramps at night"}"#,
            #"{"id":3,"session":"\#(long)a","text":"and how do I stop it?"}"#,
            #"{"id":4,"session":"\#(long)b","text":"and how do I stop it?"}"#,
            #"{"id":5,"session":"\#(long)a","command":"reset"}"#,
            #"{"id":6,"session":"\#(long)a","text":"and how do I stop it?"}"#,
        ])
        ProtocolTests.checkWellFormed(result)
        try #require(replies.count == 6)
        #expect(replies[2]["session"] == .string(long + "a"))
        #expect(replies[2]["slots"]?["body_part"] == .string("neck"))
        #expect(replies[3]["slots"]?["body_part"] == .string("calf"))
        #expect(replies[5]["slots"] == .object([]))

        let process = try Interactive(["--json"])
        try process.send(#"{"id":0,"session":"warm","text":"why does my neck twitch?"}"#)
        _ = process.readLine()
        let before = try #require(process.memory())
        let count = 4_000  // 64 MiB of names
        Thread {
            for k in 0..<count { try? process.send(#"{"id":\#(k),"session":"\#(k)\#(long)","text":"hello"}"#) }
        }.start()
        for _ in 0..<count { _ = process.readLine() }
        let after = try #require(process.memory())
        #expect(after.current - before.current < 24 * 1024, "RSS grew from \(before.current) KiB to \(after.current) KiB")
        try process.closeInput()
        #expect(process.wait()?.status == 0)
    }

    static let engine: Engine = {
        let (content, _) = try! ContentSource.embedded.load()
        return Engine(content: content)
    }()

    @Test func theSessionStoreStaysBounded() {
        var handler = ProtocolHandler(engine: Self.engine, sessionCapacity: 100)
        for k in 0..<1_000 {
            _ = handler.handle(line: Array(#"{"session":"s\#(k)","text":"my calf cramps at night"}"#.utf8))
            #expect(handler.sessions.count <= 100)
        }
        #expect(handler.sessions.count >= 90)
        #expect(ProtocolHandler(engine: Self.engine).sessions.capacity == 10_000)
    }

    /// A long conversation keeps a fixed amount of state.
    @Test func stateInOneSessionIsBounded() {
        let messages = ["why does my neck twitch when I'm stressed?", "and how do I stop it?", "my calf cramps at night",
                        "is it serious?", "thanks", "what about my eyelid", "coffee", "1", "2", "hello", "twitch twitch twitch",
                        "my back and my leg and my arm and my neck twitch at night after coffee and exercise"]
        var state = SessionState()
        let slotNames = Set(Self.engine.content.lexicon.concepts.compactMap(\.slot)).union(["red_flag"])
        for k in 0..<2_000 {
            state = Self.engine.respond(to: messages[k % messages.count], in: state).1
            #expect(state.slots.count <= slotNames.count)
            #expect(Set(state.slots.keys).isSubset(of: slotNames))
            #expect(state.candidates.count <= 3)
        }
    }
}
