import TwitchwiseCore

/// What Tab can complete: `:commands` and the words of the topics (the
/// lexicon's terms and the intents' questions).
public struct CompletionWords: Sendable {
    public let commands: [String]
    /// Lower-case words, sorted, each once.
    public let words: [String]

    public init(commands: [String], words: [String]) {
        self.commands = commands
        self.words = Array(Set(words.map { $0.lowercased() })).sorted()
    }

    public static let empty = CompletionWords(commands: [], words: [])

    /// The words of a content: concept terms (not those of near-miss subjects
    /// or the engine's reserved concepts) and intent questions, without stop
    /// words and words under three letters.
    public init(content: Content, commands: [String] = REPL.commands.map(\.name)) {
        let reserved = Set([Engine.Reserved.followUp] + Engine.Reserved.choices)
        var found: [String] = []
        for concept in content.lexicon.concepts where concept.scope != .out && !reserved.contains(concept.id) {
            for term in concept.rawTerms { found += term.flatMap(Self.words(in:)) }
        }
        for intent in content.intents where intent.domain { found += Self.words(in: intent.question) }
        let stop = content.lexicon.stopwords
        self.init(commands: commands, words: found.filter { $0.count >= 3 && !stop.contains($0) })
    }

    /// Lower-case runs of letters (with inner apostrophes and hyphens) in a text.
    static func words(in text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for c in text.lowercased() {
            if c.isLetter || ((c == "'" || c == "-") && !current.isEmpty) {
                current.append(c)
            } else {
                if !current.isEmpty { result.append(current) }
                current = ""
            }
        }
        if !current.isEmpty { result.append(current) }
        return result.map { word in
            var w = word
            while w.last == "'" || w.last == "-" { w.removeLast() }
            return w
        }.filter { !$0.isEmpty && !$0.contains("'") }
    }

    /// The completions of `text`, the word before the cursor. `atLineStart`
    /// says nothing but spaces comes before it. An empty line lists the commands.
    public func matches(for text: String, atLineStart: Bool) -> [String] {
        if text.hasPrefix(":") {
            return atLineStart ? commands.filter { $0.hasPrefix(text.lowercased()) } : []
        }
        if text.isEmpty { return atLineStart ? commands : [] }
        let lower = text.lowercased()
        let found = words.filter { $0.hasPrefix(lower) }
        // Keep a capital the person typed ("Cof" gives "Coffee").
        guard let first = text.first, first.isUppercase else { return found }
        return found.map { $0.prefix(1).uppercased() + $0.dropFirst() }
    }
}
