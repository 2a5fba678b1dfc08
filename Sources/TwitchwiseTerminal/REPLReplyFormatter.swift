import TwitchwiseCore

/// A reply laid out for a terminal: the answer wrapped to the width, an
/// urgent header, sources one line each, suggestions after.
public struct ReplyFormatter {
    public var style: TerminalStyle
    public var width: Int

    public init(style: TerminalStyle, width: Int) {
        self.style = style
        self.width = max(20, width)
    }

    public static let urgentHeader = "⚠ Get medical help now"

    public func lines(for reply: Reply) -> [String] {
        var lines: [String] = []
        if reply.urgent { lines += [style.apply(.urgent, Self.urgentHeader), ""] }
        lines += TextWrapper.wrap(PlainText.sanitize(reply.answer), width: width)
        if !reply.sources.isEmpty {
            lines.append("")
            // "Sources: [003] "quote…"", one a line; on a narrow terminal the label goes above.
            var label = "Sources: "
            if width < 50 {
                lines.append(style.apply(.dim, "Sources:"))
                label = "  "
            }
            for (i, source) in reply.sources.enumerated() {
                let head = (i == 0 ? label : String(repeating: " ", count: label.count)) + "[\(PlainText.sanitize(source.doc))] "
                let room = width - TextWrapper.columns(head) - 2
                let quote = TextWrapper.truncate(PlainText.sanitize(source.quote), to: max(1, room))
                lines.append(style.apply(.dim, head + "\"" + quote + "\""))
            }
        }
        if !reply.suggestions.isEmpty {
            lines.append("")
            let label = "You could also ask: "
            let packed = TextWrapper.pack(reply.suggestions.map(PlainText.sanitize), label: label, separator: " · ", width: width)
            for (i, line) in packed.enumerated() {
                if i == 0, line.hasPrefix(label) {
                    lines.append(style.apply(.label, label.trimmingTrailingSpaces) + " " + line.dropFirst(label.count))
                } else if i == 0 {
                    lines.append(style.apply(.label, line))
                } else {
                    lines.append(line)
                }
            }
        }
        return lines
    }
}
