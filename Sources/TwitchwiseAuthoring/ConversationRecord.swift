import TwitchwiseCore
import TwitchwiseProtocol

/// `twitchwise test --record`: writes new golden answers into a conversation
/// file, touching only the values of those `answer:` keys, so that the rest of
/// the file stays byte for byte as it was and `git diff` shows just the change.
public enum GoldenRecorder {
    /// The file's text with each span's value replaced by the new answer.
    public static func splice(_ text: String, _ replacements: [(GoldenSpan, String)]) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0).unicodeScalars) }
        // Bottom first, so earlier positions stay valid.
        for (span, answer) in replacements.sorted(by: { ($0.0.valueLine, $0.0.valueColumn) > ($1.0.valueLine, $1.0.valueColumn) }) {
            let (endLine, endColumn) = end(of: span, in: lines)  // 0-based line, exclusive 0-based column
            let startLine = span.valueLine - 1, startColumn = span.valueColumn - 1
            guard startLine < lines.count, endLine < lines.count, startColumn <= lines[startLine].count,
                  endColumn <= lines[endLine].count else { continue }
            let head = Array(lines[startLine][..<startColumn])
            let tail = Array(lines[endLine][endColumn...])
            let inFlow = flow(span, lines[span.keyLine - 1], tail: tail)
            var value = inFlow ? [Array(quoted(answer).unicodeScalars)] : render(answer, indent: span.keyColumn - 1 + 2)
            value[0] = head + value[0]
            // What followed the old value on its line (a comment) goes after the block header:
            // after the text it would become part of the answer.
            let rest = String(String.UnicodeScalarView(tail)).trimming(.whitespaces)
            if inFlow {
                value[0] += tail
            } else if !rest.isEmpty {
                value[0] += Array((" " + rest).unicodeScalars)
            }
            lines.replaceSubrange(startLine...endLine, with: value)
        }
        var out = String.UnicodeScalarView()
        for (i, line) in lines.enumerated() {
            if i > 0 { out.append("\n") }
            out.append(contentsOf: line)
        }
        return String(out)
    }

    /// Whether the key sits inside a flow mapping (`{user: hi, answer: ...}`), where a block cannot go:
    /// a bracket still open before the key, or a `,` `}` `]` right after the value.
    static func flow(_ span: GoldenSpan, _ keyLine: [Unicode.Scalar], tail: [Unicode.Scalar]) -> Bool {
        var depth = 0
        var quote: Unicode.Scalar?
        for c in keyLine.prefix(max(0, span.keyColumn - 1)) {
            if let q = quote { if c == q { quote = nil }; continue }
            switch c {
            case "\"", "'": quote = c
            case "{", "[": depth += 1
            case "}", "]": depth -= 1
            default: break
            }
        }
        let next = tail.first { $0 != " " && $0 != "\t" }
        return depth > 0 || next == "," || next == "}" || next == "]"
    }

    /// A YAML double-quoted scalar on one line.
    static func quoted(_ answer: String) -> String {
        var out = "\""
        for scalar in answer.trimming(.newlines).unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += "\\x" + TextFormat.hex(scalar.value, digits: 2) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    /// The new value as lines: a literal block (`|`) indented under its key,
    /// or `""` for an empty answer.
    static func render(_ answer: String, indent: Int) -> [[Unicode.Scalar]] {
        let text = answer.trimming(.newlines)
        if text.isEmpty { return [Array("\"\"".unicodeScalars)] }
        let body = text.split(separator: "\n", omittingEmptySubsequences: false)
        let pad = String(repeating: " ", count: indent)
        // A first line that starts with a space needs an explicit indentation indicator.
        let header = body.first?.first == " " ? "|\(indent)" : "|"
        var lines = [Array(header.unicodeScalars)]
        for line in body {
            lines.append(line.isEmpty ? [] : Array((pad + line).unicodeScalars))
        }
        return lines
    }

    /// Where the value that starts at the span ends: 0-based line and the
    /// exclusive column on it.
    static func end(of span: GoldenSpan, in lines: [[Unicode.Scalar]]) -> (Int, Int) {
        let start = span.valueLine - 1
        let keyIndent = span.keyColumn - 1
        func indent(_ line: [Unicode.Scalar]) -> Int { line.prefix { $0 == " " }.count }
        func blank(_ line: [Unicode.Scalar]) -> Bool { line.allSatisfy { $0 == " " || $0 == "\t" } }
        /// The last line after `from` that belongs to a value indented deeper than the key.
        func lastContinuation(after from: Int) -> Int {
            var last = from
            var i = from + 1
            while i < lines.count {
                if blank(lines[i]) { i += 1; continue }
                if indent(lines[i]) <= keyIndent { break }
                last = i
                i += 1
            }
            return last
        }
        guard start < lines.count else { return (start, 0) }
        switch span.style {
        case .block:
            let last = lastContinuation(after: start)
            return (last, lines[last].count)
        case .doubleQuoted, .singleQuoted:
            let quote: Unicode.Scalar = span.style == .doubleQuoted ? "\"" : "'"
            var line = start, column = span.valueColumn  // just after the opening quote
            while line < lines.count {
                let chars = lines[line]
                while column < chars.count {
                    let c = chars[column]
                    if span.style == .doubleQuoted && c == "\\" { column += 2; continue }
                    if c == quote {
                        if span.style == .singleQuoted, column + 1 < chars.count, chars[column + 1] == "'" { column += 2; continue }
                        return (line, column + 1)
                    }
                    column += 1
                }
                line += 1
                column = 0
            }
            return (start, lines[start].count)
        case .plain:
            if flow(span, lines[span.keyLine - 1], tail: []) {
                // In a flow mapping a plain scalar ends at `,` `}` or `]` (on this line).
                let chars = lines[start]
                var end = span.valueColumn - 1
                while end < chars.count, !",}]".unicodeScalars.contains(chars[end]) { end += 1 }
                while end > span.valueColumn - 1, chars[end - 1] == " " { end -= 1 }
                return (start, end)
            }
            let last = lastContinuation(after: start)
            var chars = lines[last]
            // A comment ends a plain scalar.
            var cut = chars.count
            for i in chars.indices where chars[i] == "#" && i > 0 && (chars[i - 1] == " " || chars[i - 1] == "\t") {
                if last != start || i > span.valueColumn - 1 { cut = i; break }
            }
            chars = Array(chars[..<cut])
            while let c = chars.last, c == " " || c == "\t" { chars.removeLast() }
            return (last, chars.count)
        }
    }
}
