import Testing
import TwitchwiseProtocol
import TwitchwiseTestSupport

/// Unknown request fields and a byte-order mark (issue 21, point 6), through `twitchwise --json`.
@Suite("Protocol warnings, end to end")
struct ProtocolWarningTests {
    @Test func unknownFieldsAreNamedInWarnings() throws {
        let (result, replies) = try Driver.json([
            #"{"id":1,"sesion":"a","text":"why does my neck twitch","explian":true}"#,
            #"{"id":2,"command":"ping","verbose":1,"verbose":2}"#,
            #"{"id":3,"txt":"hi"}"#,
            #"{"id":4,"session":"a","text":"hi"}"#,
        ])
        #expect(result.status == 0 && replies.count == 4)
        #expect(replies[0]["warnings"] == .array([.string("unknown field 'sesion' ignored; did you mean 'session'?"),
                                                  .string("unknown field 'explian' ignored; did you mean 'explain'?")]))
        #expect(replies[0]["session"] == .string("default") && replies[0]["explain"] == nil, "served as if absent")
        #expect(replies[0].keys.last == "warnings")
        #expect(replies[1]["warnings"] == .array([.string("unknown field 'verbose' ignored")]))
        #expect(replies[1]["ok"] == .bool(true))
        #expect(replies[2].errorCode == "invalid_request")
        #expect(replies[2]["warnings"] == .array([.string("unknown field 'txt' ignored; did you mean 'text'?")]))
        #expect(replies[3]["warnings"] == nil, "no warnings without unknown fields")
    }

    @Test func aLeadingByteOrderMarkIsSkipped() throws {
        let (_, replies) = try Driver.json(["\u{FEFF}" + #"{"id":"b","command":"ping"}"#, "\u{FEFF}" + #"{"id":"c","text":"hi"}"#])
        #expect(replies.count == 2)
        #expect(replies[0]["ok"] == .bool(true) && replies[0]["id"] == .string("b"))
        #expect(replies[1]["kind"] == .string("answer"))
    }
}
