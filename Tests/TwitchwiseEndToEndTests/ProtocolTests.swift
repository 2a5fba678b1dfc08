import Foundation
import Testing
import TwitchwiseProtocol
import TwitchwiseTestSupport

/// docs/protocol.md, through the built binary: `twitchwise --json` over pipes.
@Suite("JSON-lines protocol, end to end")
struct ProtocolTests {
    static let answerKeys = ["id", "session", "kind", "intent", "confidence", "urgent", "slots", "answer", "sources", "suggestions"]

    /// Every reply line: a strict JSON object on one line, with no raw control character.
    static func checkWellFormed(_ result: Driver.Result, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.exited && result.status == 0, "exit status \(result.status)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty || result.stdout.last == 0x0A, "the last reply ends with a newline", sourceLocation: sourceLocation)
        for line in result.lines {
            #expect((try? Driver.parse(line)) != nil, "not a JSON object: \(line.prefix(200))", sourceLocation: sourceLocation)
            let raw = Array(line.utf8)
            #expect(!raw.contains { $0 < 0x20 || $0 == 0x7F }, "raw control byte in \(line.prefix(200))", sourceLocation: sourceLocation)
            #expect(!line.unicodeScalars.contains { (0x80...0x9F).contains($0.value) || $0.value == 0x2028 || $0.value == 0x2029 },
                    "raw C1 control or line separator in \(line.prefix(200))", sourceLocation: sourceLocation)
        }
    }

    @Test func textRequestHasTheResponseShape() throws {
        let (result, replies) = try Driver.json([
            #"{"id": "q1", "session": "alice", "text": "why does my neck twitch when I'm stressed?"}"#,
            #"{"id": "q2", "text": "why does my neck twitch?", "explain": true}"#,
            #"{"id": "q3", "session": "other", "text": "qwerty zxcv asdf", "explain": false}"#,
        ])
        Self.checkWellFormed(result)
        try #require(replies.count == 3)
        #expect(replies[0].keys == Self.answerKeys)
        #expect(replies[0]["id"] == .string("q1"))
        #expect(replies[0]["session"] == .string("alice"))
        #expect(replies[0]["kind"] == .string("answer"))
        #expect(replies[0]["intent"]?.stringValue != nil)
        #expect(replies[0]["slots"]?["body_part"] == .string("neck"))
        let confidence = try #require(replies[0]["confidence"]?.numberText.flatMap(Double.init))
        #expect((0...1).contains(confidence))
        #expect(replies[0]["urgent"] == .bool(false))
        let sources = try #require(replies[0]["sources"]?.arrayItems)
        #expect(!sources.isEmpty)
        for source in sources { #expect(source.keys == ["doc", "title", "quote"]) }
        #expect(replies[0]["suggestions"]?.arrayItems?.allSatisfy { $0.stringValue != nil } == true)

        #expect(replies[1].keys == Self.answerKeys + ["explain"])
        #expect(replies[1]["session"] == .string("default"))
        #expect(replies[1]["explain"]?["normalized"]?.stringValue != nil)

        // A fallback carries the safety net, reported apart as the assistant's own guidance.
        #expect(replies[2].keys == ["id", "session", "kind", "intent", "confidence", "urgent", "slots", "answer", "guidance",
                                    "sources", "suggestions"])
        #expect(replies[2]["kind"] == .string("fallback"))
        #expect(replies[2]["intent"] == .null)
        #expect(replies[2]["guidance"] == .string("If this is an emergency, call your local emergency number."))
    }

    @Test func theFourCommands() throws {
        let (result, replies) = try Driver.json([
            #"{"id": "c1", "command": "ping"}"#,
            #"{"id": "c2", "session": "alice", "command": "reset"}"#,
            #"{"id": "c3", "command": "version"}"#,
            #"{"id": "c4", "command": "intents"}"#,
        ])
        Self.checkWellFormed(result)
        try #require(replies.count == 4)
        #expect(replies[0] == .object([.init("id", .string("c1")), .init("session", .string("default")),
                                       .init("command", .string("ping")), .init("ok", .bool(true))]))
        #expect(replies[1] == .object([.init("id", .string("c2")), .init("session", .string("alice")),
                                       .init("command", .string("reset")), .init("ok", .bool(true))]))
        #expect(replies[2].keys == ["id", "session", "command", "ok", "version", "protocol"])
        #expect(replies[2]["version"] == .string(ProtocolHandler.version))
        #expect(replies[2]["protocol"] == .number("1"))
        #expect(replies[3].keys == ["id", "session", "command", "ok", "intents"])
        let intents = try #require(replies[3]["intents"]?.arrayItems)
        #expect(intents.count > 10)
        for intent in intents {
            #expect(intent.keys == ["id", "description"])
            #expect(intent["id"]?.stringValue?.isEmpty == false)
            #expect(intent["description"]?.stringValue?.isEmpty == false)
        }
        #expect(intents.contains { $0["id"] == .string("cause.stress") })
        #expect(intents.contains { $0["id"] == .string("situation.neck") })
    }

    /// One case: a request line, the error code expected (nil: served), and the id as it must appear.
    struct Case: Sendable, CustomStringConvertible {
        var line: [UInt8]
        var code: String?
        var id: String  // the raw JSON text of the echoed id
        var description: String { String(decoding: line.prefix(80), as: UTF8.self) }

        init(_ line: String, _ code: String?, id: String = "null") {
            self.line = Array(line.utf8)
            self.code = code
            self.id = id
        }

        init(bytes: [UInt8], _ code: String?, id: String = "null") {
            self.line = bytes
            self.code = code
            self.id = id
        }
    }

    static let cases: [Case] = [
        // Served, with ids of every allowed kind echoed exactly as written.
        Case(#"{"id": "q1", "text": "hello"}"#, nil, id: #""q1""#),
        Case(#"{"id": 7, "text": "hello"}"#, nil, id: "7"),
        Case(#"{"id": 1.50, "command": "ping"}"#, nil, id: "1.50"),
        Case(#"{"id": -2E+3, "command": "ping"}"#, nil, id: "-2E+3"),
        Case(#"{"id": 0, "command": "ping"}"#, nil, id: "0"),
        Case(#"{"id": "x", "command": "ping"}"#, nil, id: #""x""#),
        Case(#"{"id": "", "command": "ping"}"#, nil, id: #""""#),
        Case(#"{"id": "a\"b\\c\/d", "command": "ping"}"#, nil, id: #""a\"b\\c/d""#),
        Case(#"{"id": null, "command": "ping"}"#, nil),
        Case(#"{"command": "ping"}"#, nil),
        Case(#"  {"id":"sp","command":"ping"}  "#, nil, id: #""sp""#),
        Case(#"{"id": "ex", "text": "hello", "explain": null}"#, nil, id: #""ex""#),
        // Not JSON: the id is echoed when it came before the fault.
        Case(#"{"id": "a", "text": "#, "invalid_json", id: #""a""#),
        Case(#"{"id": 12, "text": "hi",}"#, "invalid_json", id: "12"),
        Case(#"{"text": "hi" "id": "late"}"#, "invalid_json"),
        Case("not json", "invalid_json"),
        Case("{", "invalid_json"),
        Case("}", "invalid_json"),
        Case(#"{"id": 'single'}"#, "invalid_json"),
        Case("{\"id\": \"t\", \"text\": \"raw\ttab\"}", "invalid_json", id: #""t""#),
        Case(#"{"id": 12"#, "invalid_json"),
        Case(#"{"id": "open""#, "invalid_json", id: #""open""#),
        Case(#"{"id": 01, "command": "ping"}"#, "invalid_json"),
        Case(#"{"id": "n", "command": "ping"} trailing"#, "invalid_json", id: #""n""#),
        Case(#"{"id": "esc", "text": "\q"}"#, "invalid_json", id: #""esc""#),
        Case(#"{"id": "u", "text": "\u12"}"#, "invalid_json", id: #""u""#),
        // JSON, but not an object.
        Case("[1, 2]", "invalid_request"),
        Case(#""just a string""#, "invalid_request"),
        Case("42", "invalid_request"),
        Case("null", "invalid_request"),
        Case("true", "invalid_request"),
        Case(#"[{"id": "inner", "text": "hi"}]"#, "invalid_request"),
        // Neither text nor command, or both.
        Case("{}", "invalid_request"),
        Case(#"{"id": "m"}"#, "invalid_request", id: #""m""#),
        Case(#"{"id": "m2", "session": "alice"}"#, "invalid_request", id: #""m2""#),
        Case(#"{"id": "b", "text": "hi", "command": "ping"}"#, "invalid_request", id: #""b""#),
        // Fields of the wrong type.
        Case(#"{"id": "t1", "text": 5}"#, "invalid_request", id: #""t1""#),
        Case(#"{"id": "t2", "text": null}"#, "invalid_request", id: #""t2""#),
        Case(#"{"id": "t3", "text": ["hi"]}"#, "invalid_request", id: #""t3""#),
        Case(#"{"id": "t4", "text": {"a": 1}}"#, "invalid_request", id: #""t4""#),
        Case(#"{"id": "s1", "session": 1, "text": "hi"}"#, "invalid_request", id: #""s1""#),
        Case(#"{"id": "s2", "session": null, "text": "hi"}"#, "invalid_request", id: #""s2""#),
        Case(#"{"id": "s3", "session": ["a"], "command": "reset"}"#, "invalid_request", id: #""s3""#),
        Case(#"{"id": "e1", "explain": "yes", "text": "hi"}"#, "invalid_request", id: #""e1""#),
        Case(#"{"id": "e2", "explain": 1, "text": "hi"}"#, "invalid_request", id: #""e2""#),
        Case(#"{"id": "c1", "command": 5}"#, "invalid_request", id: #""c1""#),
        Case(#"{"id": "c2", "command": null}"#, "invalid_request", id: #""c2""#),
        Case(#"{"id": "c3", "command": {"name": "ping"}}"#, "invalid_request", id: #""c3""#),
        Case(#"{"id": true, "command": "ping"}"#, "invalid_request"),
        Case(#"{"id": {"a": 1}, "text": "hi"}"#, "invalid_request"),
        Case(#"{"id": [1], "text": "hi"}"#, "invalid_request"),
        // Unknown commands.
        Case(#"{"id": "k1", "command": "dance"}"#, "unknown_command", id: #""k1""#),
        Case(#"{"id": 3, "command": "PING"}"#, "unknown_command", id: "3"),
        Case(#"{"id": "k3", "command": ""}"#, "unknown_command", id: #""k3""#),
        // Not UTF-8.
        Case(bytes: Array(#"{"id": "bad", "text": ""#.utf8) + [0xFF] + Array(#""}"#.utf8), "invalid_utf8", id: #""bad""#),
        Case(bytes: Array(#"{"id": 9, "text": "caf"#.utf8) + [0xC3] + Array(#""}"#.utf8), "invalid_utf8", id: "9"),
        Case(bytes: Array(#"{"id": "sur", "text": ""#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8), "invalid_utf8", id: #""sur""#),
        Case(bytes: Array(#"{"id": "ovl", "text": ""#.utf8) + [0xC0, 0xAF] + Array(#""}"#.utf8), "invalid_utf8", id: #""ovl""#),
        Case(bytes: [0xFE, 0xFF] + Array(#"{"id": "bom"}"#.utf8), "invalid_utf8"),
        Case(bytes: Array("{\"id\": \"nul\"}".utf8) + [0x00], "invalid_json", id: #""nul""#),
    ]

    @Test(arguments: cases)
    func oneLine(_ c: Case) throws {
        let result = try Driver.run(["--json"], input: c.line + [0x0A])
        Self.checkWellFormed(result)
        try #require(result.lines.count == 1)
        let reply = try Driver.parse(result.lines[0])
        #expect(result.lines[0].hasPrefix("{\"id\":\(c.id),"), "\(result.lines[0].prefix(120))")
        #expect(reply.errorCode == c.code, "\(result.lines[0].prefix(200))")
        if c.code != nil {
            #expect(reply.keys == ["id", "error"])
            #expect(reply["error"]?.keys == ["code", "message"])
            #expect(reply["error"]?["message"]?.stringValue?.isEmpty == false)
        }
        #expect(result.stderr.isEmpty)
    }

    /// All the cases in one stream, with blank lines, white space and CRLF between them:
    /// exactly one reply per non-blank line, in order.
    @Test func oneReplyPerNonBlankLineInOrder() throws {
        var input: [UInt8] = []
        var expected: [Case] = []
        for (k, c) in Self.cases.enumerated() {
            input += c.line
            input += k % 3 == 0 ? [0x0D, 0x0A] : [0x0A]
            expected.append(c)
            switch k % 4 {
            case 0: input += [0x0A]
            case 1: input += Array("   \n".utf8)
            case 2: input += Array("\t \r\n".utf8)
            default: break
            }
        }
        let result = try Driver.run(["--json"], input: input)
        Self.checkWellFormed(result)
        try #require(result.lines.count == expected.count)
        for (line, c) in zip(result.lines, expected) {
            let reply = try Driver.parse(line)
            #expect(line.hasPrefix("{\"id\":\(c.id),"), "\(c): \(line.prefix(120))")
            #expect(reply.errorCode == c.code, "\(c): \(line.prefix(200))")
        }
    }

    @Test func blankAndWhiteSpaceLinesAreSkipped() throws {
        let result = try Driver.run(["--json"], input: Array("\n\n   \n\t\n\r\n \t \r\n".utf8))
        Self.checkWellFormed(result)
        #expect(result.stdout.isEmpty)
        let empty = try Driver.run(["--json"], input: [])
        Self.checkWellFormed(empty)
        #expect(empty.stdout.isEmpty)
        #expect(empty.stderr.isEmpty)
    }

    @Test func crlfLinesAreServed() throws {
        let input = Array("{\"id\":\"a\",\"command\":\"ping\"}\r\n{\"id\":\"b\",\"text\":\"hello\"}\r\n\r\n{\"id\":\"c\",\"command\":\"version\"}\r".utf8)
        let result = try Driver.run(["--json"], input: input)
        Self.checkWellFormed(result)
        let parsed = try result.lines.map(Driver.parse)
        #expect(parsed.map { $0["id"] } == [.string("a"), .string("b"), .string("c")])
        #expect(parsed.allSatisfy { $0.errorCode == nil })
        #expect(parsed[1]["kind"] == .string("answer"))
    }

    @Test func lastLineWithoutNewlineIsAnswered() throws {
        let result = try Driver.run(["--json"], input: Array("{\"id\":1,\"command\":\"ping\"}\n{\"id\":2,\"text\":\"hello\"}".utf8))
        Self.checkWellFormed(result)
        #expect(result.lines.count == 2)
        #expect(result.lines.last?.hasPrefix("{\"id\":2,") == true)
        let broken = try Driver.run(["--json"], input: Array("{\"id\":3,\"text\":".utf8))
        Self.checkWellFormed(broken)
        #expect(try broken.lines.map(Driver.parse).map(\.errorCode) == ["invalid_json"])
    }

    @Test func sessionsKeepTheirOwnContext() throws {
        let (result, replies) = try Driver.json([
            #"{"id": 1, "session": "alice", "text": "why does my neck twitch when I'm stressed?"}"#,
            #"{"id": 2, "session": "bob", "text": "my calf cramps at night"}"#,
            #"{"id": 3, "session": "alice", "text": "and how do I stop it?"}"#,
            #"{"id": 4, "session": "bob", "text": "and how do I stop it?"}"#,
            #"{"id": 5, "session": "carol", "text": "and how do I stop it?"}"#,
        ])
        Self.checkWellFormed(result)
        try #require(replies.count == 5)
        #expect(replies[0]["slots"]?["body_part"] == .string("neck"))
        #expect(replies[1]["slots"]?["body_part"] == .string("calf"))
        #expect(replies[2]["session"] == .string("alice"))
        #expect(replies[2]["slots"]?["body_part"] == .string("neck"))
        #expect(replies[2]["kind"] == .string("answer"))
        #expect(replies[3]["slots"]?["body_part"] == .string("calf"))
        #expect(replies[3]["kind"] == .string("answer"))
        #expect(replies[4]["slots"] == .object([]))
        #expect(replies[4]["kind"] == .string("fallback"))
    }

    @Test func resetForgetsTheSession() throws {
        let (result, replies) = try Driver.json([
            #"{"id": 1, "session": "alice", "text": "why does my neck twitch when I'm stressed?"}"#,
            #"{"id": 2, "session": "bob", "text": "why does my neck twitch when I'm stressed?"}"#,
            #"{"id": 3, "session": "alice", "command": "reset"}"#,
            #"{"id": 4, "session": "alice", "text": "and how do I stop it?"}"#,
            #"{"id": 5, "session": "bob", "text": "and how do I stop it?"}"#,
            #"{"id": 6, "session": "nobody-ever", "command": "reset"}"#,
            #"{"id": 7, "command": "reset"}"#,
        ])
        Self.checkWellFormed(result)
        try #require(replies.count == 7)
        #expect(replies[2]["ok"] == .bool(true))
        #expect(replies[3]["slots"] == .object([]))
        #expect(replies[3]["kind"] == .string("fallback"))
        #expect(replies[4]["slots"]?["body_part"] == .string("neck"))
        #expect(replies[5] == .object([.init("id", .number("6")), .init("session", .string("nobody-ever")),
                                       .init("command", .string("reset")), .init("ok", .bool(true))]))
        #expect(replies[6]["session"] == .string("default"))
    }

    @Test func exitsZeroAtEndOfInput() throws {
        let result = try Driver.run(["--json"], lines: [#"{"command":"ping"}"#])
        #expect(result.exited)
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
    }

    @Test func closedStdoutEndsQuietly() throws {
        let lines = (0..<2_000).map { #"{"id": \#($0), "text": "why does my neck twitch?"}"# }
        let result = try Driver.run(["--json"], input: Array(lines.map { $0 + "\n" }.joined().utf8), closeStdout: true)
        #expect(result.exited, "killed by a signal")
        #expect(result.status == 0)
        #expect(result.stderrText == "")
    }
}
