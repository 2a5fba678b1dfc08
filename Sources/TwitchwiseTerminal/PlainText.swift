#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TwitchwiseCore
import TwitchwiseProtocol

/// Replies as plain text: for `ask` and for lines piped in without `--json`.
public enum PlainText {
    /// The answer, its sources compactly, and suggestions; no escape codes.
    public static func render(_ reply: Reply) -> String {
        var text = sanitize(reply.answer)
        if !reply.sources.isEmpty {
            text += "\n\nSources:"
            for source in reply.sources {
                text += "\n  [\(source.doc)] \"\(sanitize(source.quote))\""
            }
        }
        if !reply.suggestions.isEmpty {
            text += "\n\nYou could also ask: " + reply.suggestions.map(sanitize).joined(separator: " | ")
        }
        return text
    }

    /// Drops control characters (escape sequences included) except newlines and tabs.
    public static func sanitize(_ text: String) -> String {
        if !hasControlCharacters(text) { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A, 0x09: out.append(scalar)
            case 0..<0x20, 0x7F...0x9F: continue
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Whether `text` has a character `sanitize` drops, read from its UTF-8 bytes: C0 controls
    /// and DEL are one byte each, C1 controls (U+0080...U+009F) are 0xC2 then 0x80...0x9F. Almost
    /// every answer has none, and is then returned as it is without rebuilding it (start-up, issue 8).
    static func hasControlCharacters(_ text: String) -> Bool {
        var afterC2 = false
        for byte in text.utf8 {
            if byte < 0x20 && byte != 0x0A && byte != 0x09 || byte == 0x7F || afterC2 && byte < 0xA0 { return true }
            afterC2 = byte == 0xC2
        }
        return false
    }

    /// Answers each line of standard input in one session, one plain answer per line. A line
    /// starting with ':' is a command, as in the conversation on a terminal (`:why`, `:reset`,
    /// `:sources`, `:topics`, `:help`; `:quit` stops reading), its text wrapped to 80 columns.
    public static func runLines(engine: Engine, input: Int32 = 0) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        var reader = LineReader(fd: input, limit: ProtocolHandler.maxLineBytes)
        var repl = REPL(engine: engine, style: .plain, width: { 80 }, onTerminal: false)
        var first = true
        while let line = reader.next() {
            let text = String(decoding: line.bytes, as: UTF8.self)
            if text.allSatisfy(\.isWhitespace) { continue }
            let out: String
            let trimmed = text.trimming(.whitespaces)
            if trimmed.hasPrefix(":") {
                let outcome = repl.command(trimmed)
                if outcome.quit { return 0 }
                out = outcome.text.trimming(.newlines)
            } else {
                out = render(repl.answer(text))
            }
            if !Output.write((first ? "" : "\n") + out + "\n") { return 0 }
            first = false
        }
        return 0
    }
}
