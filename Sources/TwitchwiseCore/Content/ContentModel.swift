/// The validated, immutable content the engine answers from.
public struct Content: Sendable {
    /// Public for the loader (TwitchwiseLoader), which builds the model outside the core.
    public init(documents: [Document], lexicon: Lexicon, intents: [Intent], responses: [String: Response], triage: Triage,
                system: SystemMessages, negators: Set<String>, pastMarkers: [[String]]) {
        (self.documents, self.lexicon, self.intents, self.responses) = (documents, lexicon, intents, responses)
        (self.triage, self.system, self.negators, self.pastMarkers) = (triage, system, negators, pastMarkers)
    }

    public var documents: [Document]
    public var lexicon: Lexicon
    public var intents: [Intent]
    public var responses: [String: Response]
    /// Emergencies as people describe them (Intents/triage.yaml).
    public var triage: Triage
    public var system: SystemMessages
    /// Words that negate what follows them in a clause ("no fever"), for intent matching.
    public var negators: Set<String>
    /// Phrases that put a clause in the past ("as a kid"), for intent matching.
    public var pastMarkers: [[String]]

    public func intent(_ id: String) -> Intent? { intents.first { $0.id == id } }
    public func document(_ id: String) -> Document? { documents.first { $0.id == id } }
}

/// A source article.
public struct Document: Sendable, Hashable {
    /// Public for the loader (TwitchwiseLoader), which builds the model outside the core.
    public init(id: String, file: String, title: String, text: String, foldedBody: String) {
        (self.id, self.file, self.title, self.text, self.foldedBody) = (id, file, title, text, foldedBody)
    }

    public var id: String
    public var file: String
    public var title: String
    public var text: String
    /// The text without page furniture, folded for quote look-ups.
    public var foldedBody: String
}

/// A named group of synonyms; some fill a slot when recognised.
public struct Concept: Sendable, Hashable {
    /// `question`: a kind of question ("which doctor", "what helps"), read apart from the words
    /// the topics are matched on (`Engine.askedQuestion`); its id, after `ask.`, is the start of
    /// the topic ids that answer it (`ask.relief` → `relief.*`).
    public enum Scope: String, Sendable { case normal, domain, out, question }
    public var id: String
    public var slot: String?
    public var display: String
    public var scope: Scope
    /// How much the concept weighs in matching, times its rarity (default 1).
    public var weight: Double = 1
    /// Each term as its sequence of stems.
    public var terms: [[String]] {
        get { termLists.lists }
        set { termLists = WordLists(newValue) }
    }
    /// Each term as its sequence of normalised words.
    public var rawTerms: [[String]] {
        get { rawTermLists.lists }
        set { rawTermLists = WordLists(newValue) }
    }
    public var location: SourceLocation
    /// The terms, stored flat (see `WordLists`).
    var termLists: WordLists
    var rawTermLists: WordLists

    public init(id: String, slot: String?, display: String, scope: Scope, weight: Double = 1, terms: [[String]],
                rawTerms: [[String]], location: SourceLocation)
    {
        self.init(id: id, slot: slot, display: display, scope: scope, weight: weight, termLists: WordLists(terms),
                  rawTermLists: WordLists(rawTerms), location: location)
    }

    init(id: String, slot: String?, display: String, scope: Scope, weight: Double, termLists: WordLists,
         rawTermLists: WordLists, location: SourceLocation)
    {
        (self.id, self.slot, self.display, self.scope, self.weight) = (id, slot, display, scope, weight)
        (self.termLists, self.rawTermLists, self.location) = (termLists, rawTermLists, location)
    }
}

/// Lists of words (a concept's terms) in two flat arrays, rather than an array per list: start-up
/// reads the hundred concepts' thousand terms, and one allocation each is a twentieth of it (issue 8).
struct WordLists: Sendable, Hashable {
    /// Every list's words, one list after the other.
    let words: [String]
    /// Where each list ends in `words`.
    let ends: [Int32]

    init(_ lists: [[String]]) {
        var end: Int32 = 0
        self.init(words: lists.flatMap { $0 }, ends: lists.map { end += Int32($0.count); return end })
    }

    /// - Precondition: `ends` never decreases, and its last is `words.count` (or both are empty).
    init(words: [String], ends: [Int32]) {
        self.words = words
        self.ends = ends
    }

    var lists: [[String]] {
        var start = 0
        return ends.map { end in
            defer { start = Int(end) }
            return Array(words[start..<Int(end)])
        }
    }
}

public struct Lexicon: Sendable {
    /// Public for the loader (TwitchwiseLoader), which builds the model outside the core.
    public init(concepts: [Concept], variants: [String: [String]], stopwords: Set<String>, knownWords: KnownWords,
                englishWords: KnownWords = [], needsBody: Set<String> = [], needsNoun: Set<String> = [],
                nounMarkers: Set<String> = [], adverbMarkers: Set<String> = [], adverbFollowers: Set<String> = []) {
        (self.concepts, self.variants, self.stopwords, self.knownWords) = (concepts, variants, stopwords, knownWords)
        (self.englishWords, self.needsBody, self.needsNoun, self.nounMarkers) = (englishWords, needsBody, needsNoun, nounMarkers)
        (self.adverbMarkers, self.adverbFollowers) = (adverbMarkers, adverbFollowers)
    }

    public var concepts: [Concept]
    /// word -> replacement words (spelling variants, lay abbreviations, contractions without apostrophe).
    public var variants: [String: [String]]
    public var stopwords: Set<String>
    /// Real words that spelling correction must never change: the common ones.
    public var knownWords: KnownWords
    /// The rest of English (rare words, inflections, names and places): never changed either.
    public var englishWords: KnownWords = []
    /// Word senses: forms that are ours only with body or muscle evidence in their clause or an
    /// earlier topic ("my handwriting is cramped", "why did bitcoin jump"), as written.
    public var needsBody: Set<String> = []
    /// Word senses: forms that are our body part only as a noun, after one of `nounMarkers` ("my
    /// back", "the lower back") or before a word of ours ("back spasms"); otherwise they are
    /// adverbs ("get back to sleep", "keeps coming back").
    public var needsNoun: Set<String> = []
    /// Words that make the next word a noun: possessives, determiners, words of place and of pain.
    public var nounMarkers: Set<String> = []
    /// Words that make the next word an adverb ("get back", "keeps coming back"), and words after
    /// which it is one ("back to sleep", "back then"), when nothing makes it a noun.
    public var adverbMarkers: Set<String> = []
    public var adverbFollowers: Set<String> = []

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
    /// Public for the loader (TwitchwiseLoader), which builds the model outside the core.
    public init(id: String, question: String, description: String, domain: Bool, requires: [[Term]], examples: [Example],
                patterns: [Pattern], location: SourceLocation) {
        (self.id, self.question, self.description, self.domain) = (id, question, description, domain)
        (self.requires, self.examples, self.patterns, self.location) = (requires, examples, patterns, location)
    }

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
    /// Public for the loader (TwitchwiseLoader), which builds the model outside the core.
    public init(text: String, location: SourceLocation) {
        (self.text, self.location) = (text, location)
    }

    public var text: String
    public var location: SourceLocation
}

/// A condition on a slot: `body_part=neck|back`, `!time_of_day`, `red_flag`.
public struct SlotCondition: Sendable, Hashable, CustomStringConvertible {
    /// Public for the loader (TwitchwiseLoader), which builds the model outside the core.
    public init(slot: String, values: Set<String>, negated: Bool) {
        (self.slot, self.values, self.negated) = (slot, values, negated)
    }

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
    /// Public for the loader (TwitchwiseLoader), which builds the model outside the core.
    public init(doc: String, quote: String, condition: SlotCondition?, location: SourceLocation) {
        (self.doc, self.quote, self.condition, self.location) = (doc, quote, condition, location)
    }

    public var doc: String
    public var quote: String
    public var condition: SlotCondition?
    public var location: SourceLocation
}

public struct Response: Sendable {
    public var intent: String
    public var variants: [Template]
    /// The assistant's own safety guidance for this answer ("ask a doctor or pharmacist first",
    /// what to do in an emergency): never an article's words, so it cites no source and is
    /// reported apart in the reply. Rendered after the answer, or before it when `guidanceFirst`.
    public var guidance: Template?
    public var guidanceFirst: Bool
    public var suggestions: [String]
    public var sources: [Source]
    public var location: SourceLocation

    public init(intent: String, variants: [Template], guidance: Template? = nil, guidanceFirst: Bool = false,
                suggestions: [String], sources: [Source], location: SourceLocation) {
        self.intent = intent
        self.variants = variants
        self.guidance = guidance
        self.guidanceFirst = guidanceFirst
        self.suggestions = suggestions
        self.sources = sources
        self.location = location
    }
}

public struct SystemMessages: Sendable {
    /// Public for the loader (TwitchwiseLoader), which builds the model outside the core.
    public init(disclaimer: String, fallback: [Template], clarify: Template, slotNotes: [String: [String: String]],
                safetyNet: String = "") {
        (self.disclaimer, self.fallback, self.clarify, self.slotNotes, self.safetyNet) = (disclaimer, fallback, clarify, slotNotes, safetyNet)
    }

    public var disclaimer: String
    public var fallback: [Template]
    public var clarify: Template
    /// slot -> value -> note put before an answer.
    public var slotNotes: [String: [String: String]]
    /// The safety net under every fallback ("If this is an emergency, call your local
    /// emergency number."): the assistant's own safety guidance.
    public var safetyNet: String = ""
}

// MARK: Equality (for the snapshot round trip; issue 8)

extension Content: Equatable {}
extension Lexicon: Equatable {}
extension Intent: Equatable {}
extension Example: Equatable {}
extension Response: Equatable {}
extension SystemMessages: Equatable {}

// MARK: Known words

/// The real words spelling correction must never change, as one sorted block of
/// text searched by binary search: cheap to build from the content snapshot at
/// start-up (issue 8), where a `Set<String>` of 15,000 words is not. `contains`
/// means what `Set<String>.contains` means (canonically equivalent strings are
/// the same word).
public struct KnownWords: Sendable, Equatable, Sequence, ExpressibleByArrayLiteral, CustomStringConvertible {
    /// The words without a newline, sorted by `<` and unique, each followed by a newline.
    private var block: String
    /// The words with a newline in them (none in real content).
    private var others: Set<String>

    /// The words of `words`, each once.
    public init<S: Sequence>(_ words: S) where S.Element == String {
        var plain: Set<String> = []
        var others: Set<String> = []
        for word in words {
            if word.utf8.contains(0x0A) { others.insert(word) } else { plain.insert(word) }
        }
        var block = ""
        block.reserveCapacity(plain.reduce(0) { $0 + $1.utf8.count + 1 })
        for word in plain.sorted() {
            block += word
            block += "\n"
        }
        self.block = block
        self.others = others
    }

    public init(arrayLiteral words: String...) { self.init(words) }

    /// The snapshot's form: `block` as `newlineTerminatedBlock` gives it, taken as it is
    /// (nothing to sort or hash at start-up). Nil when `block` does not end with a newline.
    init?(newlineTerminatedBlock block: String, others: Set<String>) {
        guard block.isEmpty || block.utf8.last == 0x0A else { return nil }
        self.block = block
        self.others = others
    }

    /// The words without a newline, sorted, each followed by one (the snapshot's form).
    var newlineTerminatedBlock: String { block }
    /// The words with a newline in them.
    var wordsWithNewlines: Set<String> { others }

    public var count: Int { block.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } + others.count }
    public var isEmpty: Bool { block.isEmpty && others.isEmpty }

    /// Whether the words of the block are sorted by `<` with no two equal, as `contains` needs.
    var isSortedAndUnique: Bool {
        let words = Array(self).prefix(count - others.count)
        return zip(words, words.dropFirst()).allSatisfy { $0 < $1 }
    }

    /// Whether `word` is a known word: a binary search of the block by byte offset. Two ASCII
    /// words compare byte by byte, which is what `String`'s `<` and `==` do with them; anything
    /// else compares as `String`s.
    public func contains(_ word: String) -> Bool {
        if !others.isEmpty && others.contains(word) { return true }
        var key = word
        var block = self.block
        return key.withUTF8 { key in
            let keyIsASCII = key.allSatisfy { $0 < 0x80 }
            return block.withUTF8 { bytes in
                // Words lie wholly inside [low, high), each with its newline.
                var low = 0, high = bytes.count
                while low < high {
                    var start = low + (high - low) / 2
                    while start > low && bytes[start - 1] != 0x0A { start -= 1 }
                    var end = start
                    while bytes[end] != 0x0A { end += 1 }
                    let candidate = UnsafeBufferPointer(rebasing: bytes[start..<end])
                    let order: Int
                    if keyIsASCII && candidate.allSatisfy({ $0 < 0x80 }) {
                        order = Self.compareBytes(candidate, key)
                    } else {
                        let text = String(decoding: candidate, as: UTF8.self)
                        order = text == word ? 0 : text < word ? -1 : 1
                    }
                    if order == 0 { return true }
                    if order < 0 { low = end + 1 } else { high = start }
                }
                return false
            }
        }
    }

    /// -1, 0 or 1 as `a` comes before, is, or comes after `b`, byte by byte.
    private static func compareBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        for (x, y) in zip(a, b) where x != y { return x < y ? -1 : 1 }
        return a.count == b.count ? 0 : a.count < b.count ? -1 : 1
    }

    /// The words of the block in sorted order, then the others.
    public func makeIterator() -> Iterator {
        Iterator(block: block, offset: 0, others: others.sorted().makeIterator())
    }

    public struct Iterator: IteratorProtocol {
        let block: String
        var offset: Int
        var others: IndexingIterator<[String]>

        public mutating func next() -> String? {
            var block = self.block
            let start = offset
            let word: String? = block.withUTF8 { bytes in
                guard start < bytes.count else { return nil }
                var end = start
                while bytes[end] != 0x0A { end += 1 }
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            }
            if let word {
                offset += word.utf8.count + 1
                return word
            }
            return others.next()
        }
    }

    public var description: String { "KnownWords(\(count) words)" }
}
