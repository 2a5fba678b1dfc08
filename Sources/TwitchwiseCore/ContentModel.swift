/// The validated, immutable content the engine answers from.
public struct Content: Sendable {
    public var documents: [Document]
    public var lexicon: Lexicon
    public var intents: [Intent]
    public var responses: [String: Response]
    public var redFlags: [RedFlag]
    public var system: SystemMessages
    /// Words that negate what follows them in a clause ("no fever").
    public var negators: Set<String>
    /// Phrases that put a clause in the past ("as a kid").
    public var pastMarkers: [[String]]

    public func intent(_ id: String) -> Intent? { intents.first { $0.id == id } }
    public func document(_ id: String) -> Document? { documents.first { $0.id == id } }
}

/// A source article.
public struct Document: Sendable, Hashable {
    public var id: String
    public var file: String
    public var title: String
    public var text: String
    /// The text without page furniture, folded for quote look-ups.
    public var foldedBody: String
}

/// A named group of synonyms; some fill a slot when recognised.
public struct Concept: Sendable, Hashable {
    public enum Scope: String, Sendable { case normal, domain, out }
    public var id: String
    public var slot: String?
    public var display: String
    public var scope: Scope
    /// How much the concept weighs in matching, times its rarity (default 1).
    public var weight: Double = 1
    /// Each term as its sequence of stems.
    public var terms: [[String]]
    /// Each term as its sequence of normalised words.
    public var rawTerms: [[String]]
    public var location: SourceLocation
}

public struct Lexicon: Sendable {
    public var concepts: [Concept]
    /// word -> replacement words (spelling variants, lay abbreviations, contractions without apostrophe).
    public var variants: [String: [String]]
    public var stopwords: Set<String>
    /// Real words that spelling correction must never change.
    public var knownWords: Set<String>

    public func concept(_ id: String) -> Concept? { concepts.first { $0.id == id } }
    public var slotNames: Set<String> { Set(concepts.compactMap(\.slot)) }
}

/// One element of a `requires` or red-flag group: a concept, or words (as stems).
public enum Term: Sendable, Hashable, CustomStringConvertible {
    case concept(String)
    case stems([String])

    public var description: String {
        switch self {
        case .concept(let id): return "<\(id)>"
        case .stems(let stems): return stems.joined(separator: " ")
        }
    }
}

public struct Intent: Sendable {
    public var id: String
    public var question: String
    public var description: String
    /// False for conversation intents (greet, help, ...): they need no domain word to be in scope.
    public var domain: Bool
    /// Every group needs one of its terms in the message (or in the carried context).
    public var requires: [[Term]]
    public var examples: [Example]
    public var patterns: [Pattern]
    public var location: SourceLocation
}

public struct Example: Sendable {
    public var text: String
    public var location: SourceLocation
}

/// A condition on a slot: `body_part=neck|back`, `!time_of_day`, `red_flag`.
public struct SlotCondition: Sendable, Hashable, CustomStringConvertible {
    public var slot: String
    /// Empty: any value.
    public var values: Set<String>
    public var negated: Bool

    public func holds(in slots: [String: String]) -> Bool {
        let met: Bool
        if let value = slots[slot] { met = values.isEmpty || values.contains(value) } else { met = false }
        return met != negated
    }

    public var description: String {
        (negated ? "!" : "") + slot + (values.isEmpty ? "" : "=" + values.sorted().joined(separator: "|"))
    }
}

public struct Source: Sendable, Hashable {
    public var doc: String
    public var quote: String
    public var condition: SlotCondition?
    public var location: SourceLocation
}

public struct Response: Sendable {
    public var intent: String
    public var variants: [Template]
    public var suggestions: [String]
    public var sources: [Source]
    public var location: SourceLocation
}

/// A red-flag sign: any one of its `signs` holding (every group of it present,
/// not negated, not in the past) makes a message urgent.
public struct RedFlag: Sendable {
    public var id: String
    public var description: String
    public var signs: [[[Term]]]
    public var location: SourceLocation
}

public struct SystemMessages: Sendable {
    public var disclaimer: String
    public var fallback: [Template]
    public var clarify: Template
    /// slot -> value -> note put before an answer.
    public var slotNotes: [String: [String: String]]
}
