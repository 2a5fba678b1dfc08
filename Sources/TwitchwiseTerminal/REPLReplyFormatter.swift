import TwitchwiseCore

/// A reply laid out for a terminal: the answer wrapped to the width, an
/// urgent header, sources one line each, suggestions after. With a `height` (the
/// rows the reply may take), the sources and then the suggestions are made more
/// compact, then left out, until the reply fits, so that the answer's first line
/// is still on screen when the prompt comes back.
public struct ReplyFormatter {
    public var style: TerminalStyle
    public var width: Int
    public var height: Int?

    public init(style: TerminalStyle, width: Int, height: Int? = nil) {
        self.style = style
        self.width = max(20, width)
        self.height = height.map { max(1, $0) }
    }

    public static let urgentHeader = "⚠ Get medical help now"

    public func lines(for reply: Reply) -> [String] {
        var head: [String] = []
        if reply.urgent { head += [style.apply(.urgent, Self.urgentHeader), ""] }
        let answer = TextWrapper.wrap(PlainText.sanitize(reply.answer), width: width)
        head += answer
        let budget = max(1, answer.filter { !$0.isEmpty }.count)
        var sources = reply.sources.isEmpty ? [] : sourceLines(reply.sources, budget: budget)
        var suggestions = suggestionLines(reply.suggestions)
        func total() -> Int { head.count + (sources.isEmpty ? 0 : 1 + sources.count) + (suggestions.isEmpty ? 0 : 1 + suggestions.count) }
        if let height, total() > height {
            // Tighter and tighter until it fits: one line of sources, one of suggestions, none.
            if !sources.isEmpty { sources = sourceLines(reply.sources, budget: 0) }
            if total() > height, suggestions.count > 1 {
                suggestions = [style.apply(.label, TextWrapper.truncate(Self.suggestionLabel + reply.suggestions.map(PlainText.sanitize)
                    .joined(separator: " · "), to: width))]
            }
            if total() > height { suggestions = [] }
        }
        var lines = head
        if !sources.isEmpty { lines += [""] + sources }
        if !suggestions.isEmpty { lines += [""] + suggestions }
        return lines
    }

    static let suggestionLabel = "You could also ask: "

    func suggestionLines(_ suggestions: [String]) -> [String] {
        guard !suggestions.isEmpty else { return [] }
        var lines: [String] = []
        let label = Self.suggestionLabel
        let packed = TextWrapper.pack(suggestions.map(PlainText.sanitize), label: label, separator: " · ", width: width)
        for (i, line) in packed.enumerated() {
            if i == 0, line.hasPrefix(label) {
                lines.append(style.apply(.label, label.trimmingTrailingSpaces) + " " + line.dropFirst(label.count))
            } else if i == 0 {
                lines.append(style.apply(.label, line))
            } else {
                lines.append(line)
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
