import TwitchwiseCore
import Yams

/// A content file to load: its path relative to the content root, and its text.
public struct ContentFile: Sendable, Hashable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The file's lines, split at `\n` by bytes, a `\r` before it dropped: a file saved
    /// with Windows line ends reads as the same lines (a `"\r\n"` is one `Character`, so
    /// `split(separator: "\n")` would not split it at all).
    public var lines: [Substring] { Self.lines(of: text) }

    public static func lines(of text: String) -> [Substring] {
        var lines: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var i = start
        while i != utf8.endIndex {
            if utf8[i] == UInt8(ascii: "\n") {
                var end = i
                if end > start, utf8[utf8.index(before: end)] == UInt8(ascii: "\r") { end = utf8.index(before: end) }
                lines.append(text[start..<end])
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        var end = utf8.endIndex
        if end > start, utf8[utf8.index(before: end)] == UInt8(ascii: "\r") { end = utf8.index(before: end) }
        lines.append(text[start..<end])
        return lines
    }
}
