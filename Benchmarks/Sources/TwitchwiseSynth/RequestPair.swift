import TwitchwiseCore
import TwitchwiseProtocol

/// The two ways of answering one request line that the suite's `Request/` benchmarks and the
/// synth-driver compare (issue 8): the handler's full path, and the decode+encode baseline, which
/// writes a fixed reply (the real one for the line) with the same code, without matching.
public enum RequestPair {
    /// A realistic request line.
    public static let line = Array(#"{"id":17,"session":"bench-1","text":"why does my eye twitch"}"#.utf8)

    /// The engine's reply to `line` in the steady state the full path runs in (the same session,
    /// past its first turn).
    public static func fixedReply(_ engine: Engine) -> Reply {
        let text = "why does my eye twitch"
        let second = engine.respond(to: text, in: SessionState(), explaining: false).1
        return engine.respond(to: text, in: second, explaining: false).0
    }

    /// The full path: `line` answered by the handler, the response line written to `out`.
    @inline(__always)
    public static func full(_ handler: inout ProtocolHandler, into out: inout JSONWriter) {
        out.removeAll()
        handler.respond(to: line, into: &out)
        out.endLine()
    }

    /// The baseline: what the handler does before and after the engine (validate, parse, read the
    /// fields), and `fixed` written as the response line.
    @inline(__always)
    public static func baseline(_ fixed: Reply, into out: inout JSONWriter) {
        guard let text = String(validating: line, as: UTF8.self), let request = try? JSONParser.parse(Array(text.utf8)),
              case .string(let session)? = request["session"], case .string? = request["text"]
        else { fatalError("bad request line") }
        out.removeAll()
        fixed.write(id: request["id"] ?? .null, session: session, explain: false, into: &out)
        out.endLine()
    }
}
