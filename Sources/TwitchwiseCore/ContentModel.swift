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
    public var knownWords: KnownWords

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

// MARK: Equality (for the snapshot round trip; issue 8)

extension Content: Equatable {}
extension Lexicon: Equatable {}
extension Intent: Equatable {}
extension Example: Equatable {}
extension Response: Equatable {}
extension RedFlag: Equatable {}
extension SystemMessages: Equatable {}

// MARK: Known words

/// The real words spelling correction must never change, as one sorted block of
/// text searched by binary search: cheap to build from the content snapshot at
/// start-up (issue 8), where a `Set<String>` of 15,000 words is not. `contains`
/// means what `Set<String>.contains` means (canonically equivalent strings are
/// the same word).
public struct KnownWords: Sendable, Equatable, Sequence, ExpressibleByArrayLiteral, CustomStringConvertible {
    /// The words, sorted and unique, each followed by a newline.
    private var storage: String
    /// Where each word starts in `storage.utf8`, then where the storage ends.
    private var bounds: [Int32]

    /// The words of `words`, each once.
    public init<S: Sequence>(_ words: S) where S.Element == String {
        self.init(sortedUnique: Set(words).sorted())
    }

    public init(arrayLiteral words: String...) { self.init(words) }

    /// Words already sorted by `<` with no two equal.
    init(sortedUnique words: [String]) {
        var storage = ""
        storage.reserveCapacity(words.reduce(0) { $0 + $1.utf8.count + 1 })
        var bounds: [Int32] = []
        bounds.reserveCapacity(words.count + 1)
        for word in words {
            bounds.append(Int32(storage.utf8.count))
            storage += word
            storage += "\n"
        }
        bounds.append(Int32(storage.utf8.count))
        self.storage = storage
        self.bounds = bounds
    }

    /// From newline-terminated words (sorted by `<`, unique, none holding a newline): the
    /// snapshot's form, taken as it is. Nil when `block` does not end with a newline.
    init?(newlineTerminated block: String) {
        var block = block
        let bounds: [Int32]? = block.withUTF8 { bytes in
            guard bytes.count < Int32.max else { return nil }
            var bounds: [Int32] = [0]
            bounds.reserveCapacity(bytes.count / 6)
            for i in bytes.indices where bytes[i] == 0x0A { bounds.append(Int32(i + 1)) }
            return bounds[bounds.count - 1] == bytes.count ? bounds : nil
        }
        guard let bounds else { return nil }
        self.storage = block
        self.bounds = bounds
    }

    /// The block of newline-terminated words (the snapshot's form).
    var newlineTerminated: String { storage }

    public var count: Int { bounds.count - 1 }
    public var isEmpty: Bool { count == 0 }

    /// Whether the words are sorted by `<` with no two equal, as `contains` needs.
    var isSortedAndUnique: Bool {
        let words = Array(self)
        return zip(words, words.dropFirst()).allSatisfy { $0 < $1 }
    }

    /// The `i`th word in sorted order.
    func word(_ i: Int) -> String {
        var storage = self.storage
        let range = Int(bounds[i])..<Int(bounds[i + 1]) - 1
        return storage.withUTF8 { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    /// Whether `word` is a known word (binary search). Two ASCII words compare byte by byte,
    /// which is what `String`'s `<` and `==` do with them; anything else compares as `String`s.
    public func contains(_ word: String) -> Bool {
        var key = word
        var storage = self.storage
        let bounds = self.bounds
        return key.withUTF8 { key in
            let keyIsASCII = key.allSatisfy { $0 < 0x80 }
            return storage.withUTF8 { block in
                var low = 0, high = bounds.count - 1
                while low < high {
                    let middle = (low + high) / 2
                    let candidate = UnsafeBufferPointer(rebasing: block[Int(bounds[middle])..<Int(bounds[middle + 1]) - 1])
                    let order: Int
                    if keyIsASCII && candidate.allSatisfy({ $0 < 0x80 }) {
                        order = Self.compareBytes(candidate, key)
                    } else {
                        let text = String(decoding: candidate, as: UTF8.self)
                        order = text == word ? 0 : text < word ? -1 : 1
                    }
                    if order == 0 { return true }
                    if order < 0 { low = middle + 1 } else { high = middle }
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

    public func makeIterator() -> Iterator { Iterator(words: self, position: 0) }

    public struct Iterator: IteratorProtocol {
        let words: KnownWords
        var position: Int
        public mutating func next() -> String? {
            guard position < words.count else { return nil }
            defer { position += 1 }
            return words.word(position)
        }
    }

    public var underestimatedCount: Int { count }

    public static func == (a: KnownWords, b: KnownWords) -> Bool { a.storage == b.storage && a.bounds == b.bounds }

    public var description: String { "KnownWords(\(count) words)" }
}
