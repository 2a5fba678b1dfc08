import TwitchwiseCore
/// Word wrapping for the terminal, in display columns.
public enum TextWrapper {
    /// Columns a piece of text takes: two for wide (East Asian, emoji)
    /// characters, one for the rest.
    public static func columns<S: StringProtocol>(_ text: S) -> Int {
        text.reduce(0) { $0 + columns(of: $1) }
    }

    static func columns(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        if scalar.properties.isEmojiPresentation { return 2 }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// Wraps `text` to `width` columns by words. Each line of the text is
    /// wrapped on its own; a blank line (a paragraph break) is kept, runs of
    /// them become one. A line starting with a list marker ("1. ", "- ", "• ")
    /// continues under its text. Every line gets `indent` in front.
    public static func wrap(_ text: String, width: Int, indent: String = "") -> [String] {
        var out: [String] = []
        for raw in text.replacing(scalar: "\t", with: "    ").split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.drop { $0 == " " }
            if line.allSatisfy(\.isWhitespace) {
                if let last = out.last, !last.isEmpty { out.append("") }
                continue
            }
            let lead = String(repeating: " ", count: raw.count - line.count)
            let hanging = String(repeating: " ", count: markerColumns(line))
            out += wrapWords(line.split(separator: " ").map(String.init), width: width,
                             first: indent + lead, rest: indent + lead + hanging)
        }
        while out.last == "" { out.removeLast() }
        while out.first == "" { out.removeFirst() }
        return out
    }

    /// Columns taken by a list marker at the start of a line, or 0.
    static func markerColumns(_ line: Substring) -> Int {
        for marker in ["- ", "* ", "• "] where line.hasPrefix(marker) { return marker.count }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 3 {
            let after = line.dropFirst(digits.count)
            if after.hasPrefix(". ") || after.hasPrefix(") ") { return digits.count + 2 }
        }
        return 0
    }

    /// Fills lines with whole words; a word wider than a line is cut.
    static func wrapWords(_ words: [String], width: Int, first: String, rest: String) -> [String] {
        var lines: [String] = []
        var current = first
        var used = columns(first)
        var empty = true
        for word in words {
            let prefix = lines.isEmpty ? first : rest
            let room = max(1, width - columns(prefix))
            let wordColumns = columns(word)
            if !empty && used + 1 + wordColumns <= width {
                current += " " + word
                used += 1 + wordColumns
                continue
            }
            if !empty {
                lines.append(current)
                current = rest
                used = columns(rest)
                empty = true
            }
            var piece = Substring(word)
            let lineRoom = max(1, width - used)
            while columns(piece) > max(lineRoom, room) {
                let (head, tail) = split(piece, at: max(1, width - used))
                lines.append(current + head)
                current = rest
                used = columns(rest)
                piece = tail
            }
            current += piece
            used += columns(piece)
            empty = false
        }
        if !empty { lines.append(current) }
        return lines
    }

    /// The longest head of `text` that fits `room` columns (at least one character), and the rest.
    static func split(_ text: Substring, at room: Int) -> (Substring, Substring) {
        var used = 0
        var end = text.startIndex
        while end < text.endIndex {
            let c = columns(of: text[end])
            if used + c > room, end != text.startIndex { break }
            used += c
            end = text.index(after: end)
        }
        return (text[..<end], text[end...])
    }

    /// `text` on one line of at most `width` columns: cut at a word boundary
    /// when one is near the end, with "…" added.
    public static func truncate(_ text: String, to width: Int) -> String {
        let flat = text.split(whereSeparator: { $0 == "\n" || $0 == " " || $0 == "\t" }).joined(separator: " ")
        guard columns(flat) > width else { return flat }
        guard width > 1 else { return width == 1 ? "…" : "" }
        var (head, tail) = split(Substring(flat), at: width - 1)
        if tail.first != " ", let space = head.lastIndex(of: " "), columns(head[..<space]) >= (width * 2) / 3 {
            head = head[..<space]
        }
        while head.last == " " || head.last == "," || head.last == ";" || head.last == ":" { head = head.dropLast() }
        return head + "…"
    }

    /// Lays out `items` after `label`: all on one line when they fit, else
    /// one a line lined up under the first; when an item does not fit beside
    /// the label, the items go one a line below it.
    public static func pack(_ items: [String], label: String, separator: String, width: Int) -> [String] {
        let room = width - columns(label)
        let oneLine = items.joined(separator: separator)
        if columns(oneLine) <= room { return [label + oneLine] }
        guard items.allSatisfy({ columns($0) <= room }) else {
            return [label.trimmingTrailingSpaces] + items.flatMap {
                wrapWords($0.split(separator: " ").map(String.init), width: width, first: "  ", rest: "    ")
            }
        }
        let hang = String(repeating: " ", count: columns(label))
        return items.enumerated().map { ($0.offset == 0 ? label : hang) + $0.element }
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
