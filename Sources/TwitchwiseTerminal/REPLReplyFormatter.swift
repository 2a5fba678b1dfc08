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
        let answer = TextWrapper.wrap(PlainText.sanitize(reply.answer), width: width)
        lines += answer
        if !reply.sources.isEmpty {
            lines.append("")
            lines += sourceLines(reply.sources, budget: max(1, answer.filter { !$0.isEmpty }.count))
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

    /// The sources, compactly and never in more lines than `budget` (the answer's lines): one line
    /// per document, `[004] "its first quote…" +2` (two more quotes from it); when there are more
    /// documents than lines to spare, one line naming them all.
    func sourceLines(_ sources: [Reply.SourceRef], budget: Int) -> [String] {
        var docs: [(doc: String, quotes: [String])] = []
        for source in sources {
            let doc = PlainText.sanitize(source.doc)
            let quote = PlainText.sanitize(source.quote)
            if let i = docs.firstIndex(where: { $0.doc == doc }) {
                if !docs[i].quotes.contains(quote) { docs[i].quotes.append(quote) }
            } else {
                docs.append((doc, [quote]))
            }
        }
        let narrow = width < 50
        let label = narrow ? "  " : "Sources: "
        var lines: [String] = []
        if narrow { lines.append(style.apply(.dim, "Sources:")) }
        let quotes = docs.map(\.quotes.count).reduce(0, +)
        guard docs.count + lines.count <= budget else {
            // One line for them all: "Sources: [003] [004] (5 quotes)".
            let text = "Sources: " + docs.map { "[\($0.doc)]" }.joined(separator: " ") + " (\(quotes) quote\(quotes == 1 ? "" : "s"))"
            return [style.apply(.dim, TextWrapper.truncate(text, to: width))]
        }
        for (i, entry) in docs.enumerated() {
            let head = (i == 0 ? label : String(repeating: " ", count: label.count)) + "[\(entry.doc)] "
            let more = entry.quotes.count > 1 ? " +\(entry.quotes.count - 1)" : ""
            let room = width - TextWrapper.columns(head) - TextWrapper.columns(more) - 2
            let quote = TextWrapper.truncate(entry.quotes[0], to: max(1, room))
            lines.append(style.apply(.dim, head + "\"" + quote + "\"" + more))
        }
        return lines
    }
}
