/// The triage content's phrase variants: several words read as other words ("can barely" →
/// "can not", "unable to" → "can not"), so that one way of saying a thing covers every term
/// written with another. Applied to messages (`TriageText`) and to the content's terms alike
/// (public for the loader, TwitchwiseLoader).
public struct TriagePhrases: Sendable {
    /// By first word: the rest of the phrase and what the whole phrase reads as, longest first.
    private let byFirst: [String: [(rest: [String], to: [String])]]

    /// - Parameter variants: the triage variants; the keys of several words are the phrases.
    public init(_ variants: [String: [String]]) {
        var byFirst: [String: [(rest: [String], to: [String])]] = [:]
        for (key, to) in variants {
            let words = key.split(separator: " ").map(String.init)
            guard words.count > 1 else { continue }
            byFirst[words[0], default: []].append((Array(words.dropFirst()), to))
        }
        self.byFirst = byFirst.mapValues { phrases in
            phrases.sorted { $0.rest.count != $1.rest.count ? $0.rest.count > $1.rest.count : $0.rest.lexicographicallyPrecedes($1.rest) }
        }
    }

    public var isEmpty: Bool { byFirst.isEmpty }

    /// The phrase starting at `index` of `words` (a run of words for which `sameRun` holds), as
    /// the number of words it covers and what they read as.
    public func match(in words: [String], at index: Int, sameRun: (Int) -> Bool = { _ in true }) -> (length: Int, to: [String])? {
        guard let candidates = byFirst[words[index]] else { return nil }
        for candidate in candidates where index + candidate.rest.count < words.count {
            var k = 0
            while k < candidate.rest.count, sameRun(index + 1 + k), words[index + 1 + k] == candidate.rest[k] { k += 1 }
            if k == candidate.rest.count { return (candidate.rest.count + 1, candidate.to) }
        }
        return nil
    }

    /// `items` with every phrase (over their `word`s, within runs `sameRun` allows) read as its
    /// variant words, made by `reading(first, covered, word)`; the first, longest match wins.
    /// Messages' tokens and the content's terms are read through this one loop.
    public func reading<Item>(_ items: [Item], word: (Item) -> String, sameRun: (_ first: Int, _ k: Int) -> Bool = { _, _ in true },
                              as reading: (_ covered: ArraySlice<Item>, _ word: String, _ position: Int) -> Item) -> [Item] {
        guard !isEmpty else { return items }
        let words = items.map(word)
        var out: [Item] = []
        out.reserveCapacity(items.count)
        var index = 0
        while index < items.count {
            let first = index
            if let (length, to) = match(in: words, at: index, sameRun: { sameRun(first, $0) }) {
                out += to.enumerated().map { reading(items[index..<index + length], $0.element, $0.offset) }
                index += length
            } else {
                out.append(items[index])
                index += 1
            }
        }
        return out
    }
}
