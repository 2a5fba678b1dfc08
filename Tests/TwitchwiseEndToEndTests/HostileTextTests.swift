import Foundation
import Testing
import TwitchwiseProtocol
import TwitchwiseTestSupport

/// Whatever the text, every reply is valid JSON and nothing reaches a terminal raw.
@Suite("Hostile text")
struct HostileTextTests {
    /// Every string in a reply, keys included.
    static func strings(_ value: JSON) -> [String] {
        switch value {
        case .string(let s): return [s]
        case .array(let items): return items.flatMap(strings)
        case .object(let members): return members.flatMap { [$0.key] + strings($0.value) }
        default: return []
        }
    }

    static let hostile: [String] = [
        #"\u001b[31mred\u001b[0m why does my neck twitch"#,
        #"\u001b]0;owned\u0007 my calf cramps"#,
        #"\u009b31m \u0085 \u2028 \u2029 \u007f twitch"#,
        #"\u0000"#, #"a\u0000b neck\u0000twitch"#,
        #"\ud800"#, #"\udc00 twitch"#, #"\ud800\u0041"#, #"\ud800\ud800"#, #"\udbff\udfff"#, #"\ud83d\ude00 neck"#,
        "😀 my neck 🫠 twitches 𝕏 𐍈", "\u{1F9B5}\u{1F3FD} leg cramp", "e\u{301}\u{301}\u{301} twitch", "\u{202E}kctiwt",
        #"{{body_part}} {{#body_part}}EVALUATED{{/body_part}} {{^red_flag}}NEGATED{{/red_flag}} {{!c}} {{> p}}"#,
        #"{{#documents}}{{id}} {{title}}{{/documents}} {{{raw}}} }} {{"#,
        #"\r\n\t\b\f \" \\ \/"#,
    ]

    @Test func controlCharactersAndSurrogatesStayEscaped() throws {
        var lines = [#"{"id":0,"session":"h","text":"my neck twitches"}"#]
        for (k, body) in Self.hostile.enumerated() {  // each is the body of a JSON string, escapes as written
            lines.append(#"{"id":\#(k + 1),"session":"h","explain":true,"text":"\#(body)"}"#)
        }
        let result = try Driver.run(["--json"], lines: lines)
        ProtocolTests.checkWellFormed(result)
        let replies = try result.lines.map(Driver.parse)
        try #require(replies.count == lines.count)
        for (k, reply) in replies.enumerated() {
            #expect(reply["id"] == .number(String(k)))
            #expect(reply.errorCode == nil, "\(lines[k]) -> \(result.lines[k].prefix(200))")
            for s in Self.strings(reply) {
                #expect(!s.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || (0x7F...0x9F).contains($0.value) },
                        "control character in \(s.debugDescription.prefix(200))")
                #expect(!s.contains("EVALUATED") && !s.contains("NEGATED"), "template syntax evaluated: \(s.prefix(200))")
            }
            if let answer = reply["answer"]?.stringValue {
                #expect(!answer.contains("{{") && !answer.contains("}}"))
            }
        }
    }

    @Test func idsWithAnyCharacterAreEchoed() throws {
        let result = try Driver.run(["--json"], lines: [
            #"{"id":"😀","command":"ping"}"#,
            #"{"id":"\ud83d\ude00","command":"ping"}"#,
            #"{"id":"\ud800","command":"ping"}"#,
            #"{"id":"\u0000\u001b[2J","command":"ping"}"#,
            #"{"id":"𝕏","session":"𝕏 ☕","command":"reset"}"#,
        ])
        ProtocolTests.checkWellFormed(result)
        let replies = try result.lines.map(Driver.parse)
        try #require(replies.count == 5)
        #expect(result.lines[0].hasPrefix(#"{"id":"😀","#))
        #expect(replies[1]["id"] == .string("😀"))
        #expect(replies[2]["id"] == .string("\u{FFFD}"))
        #expect(result.lines[3].hasPrefix(#"{"id":"\u0000\u001b[2J","#))
        #expect(replies[3]["id"] == .string("\u{0}\u{1B}[2J"))
        #expect(replies[4]["session"] == .string("𝕏 ☕"))
    }

    @Test func rawControlBytesAreNotJSON() throws {
        var input: [UInt8] = []
        for byte: UInt8 in [0x00, 0x01, 0x07, 0x08, 0x1B, 0x7F] {
            input += Array("{\"id\":\(byte),\"text\":\"a".utf8) + [byte] + Array("b\"}\n".utf8)
        }
        input += [0x00, 0x0A, 0x1B, 0x5B, 0x32, 0x4A, 0x0A]  // a lone NUL line, and ESC [2J
        let result = try Driver.run(["--json"], input: input)
        ProtocolTests.checkWellFormed(result)
        let replies = try result.lines.map(Driver.parse)
        try #require(replies.count == 8)
        #expect(replies.map(\.errorCode) == ["invalid_json", "invalid_json", "invalid_json", "invalid_json", "invalid_json",
                                             nil, "invalid_json", "invalid_json"])  // DEL is allowed in JSON strings
        #expect(replies[0]["id"] == .number("0"))
    }

    /// `ask` and the plain line mode print answers only: no escape sequence from the user.
    @Test func plainModesSanitize() throws {
        let question = "\u{1B}[31m why does my neck twitch \u{7}\u{9B}2J {{body_part}} {{#body_part}}EVALUATED{{/body_part}}"
        let ask = try Driver.run(["ask", question], input: [])
        #expect(ask.status == 0)
        #expect(!ask.stdout.isEmpty)
        let piped = try Driver.run([], input: Array((question + "\n\u{1B}]0;title\u{7}\nhello\u{0}\n").utf8))
        #expect(piped.status == 0)
        for result in [ask, piped] {
            #expect(!result.stdout.contains { $0 < 0x20 && $0 != 0x0A && $0 != 0x09 || $0 == 0x7F })
            #expect(!result.stdoutText.unicodeScalars.contains { (0x80...0x9F).contains($0.value) })
            #expect(!result.stdoutText.contains("EVALUATED"))
            #expect(result.stderrText == "")
        }
    }
}
