/// A concept recognised in a message.
public struct ConceptMatch: Sendable, Hashable {
    public var concept: String
    /// Token indices the term covered.
    public var range: Range<Int>
    /// Inside the scope of a negation ("no fever").
    public var negated: Bool
    /// In a clause about the past ("as a kid").
    public var past: Bool
}

/// A message after normalisation, spelling correction, stemming and concept tagging.
public struct Analysis: Sendable {
    public var text: String
    public var tokens: [Token]
    public var concepts: [ConceptMatch]
    /// Per token: inside the scope of a negation.
    public var negated: [Bool]
    /// Per token: in a clause about the past.
    public var past: [Bool]
    public var corrections: [(from: String, to: String)] {
        tokens.compactMap { t in t.original.map { ($0, t.word) } }
    }
    public var normalizedText: String { tokens.map(\.word).joined(separator: " ") }

    /// Whether `stems` occur as consecutive words; with `affirmed`, not negated and not in the past.
    public func has(stems: [String], affirmed: Bool) -> Bool {
        guard !stems.isEmpty, stems.count <= tokens.count else { return false }
        for start in 0...(tokens.count - stems.count) {
            if affirmed && (negated[start] || past[start]) { continue }
            if stems.indices.allSatisfy({ tokens[start + $0].stem == stems[$0] }) { return true }
        }
        return false
    }

    public func has(_ concept: String) -> Bool { concepts.contains { $0.concept == concept } }
    public func hasAffirmed(_ concept: String) -> Bool {
        concepts.contains { $0.concept == concept && !$0.negated && !$0.past }
    }
}

/// The lexicon compiled for fast look-ups: variants, vocabulary for spelling
/// correction, and a term index for concepts.
public struct Analyzer: Sendable {
    public let lexicon: Lexicon
    /// first stem -> (term stems, concept ids), longest first
    private let termIndex: [String: [(stems: [String], concepts: [String])]]
    /// Words that are never corrected.
    private let vocabulary: Set<String>
    /// Candidates for correction, bucketed by length.
    private let correctionTargets: [Int: [String]]
    private let targetWeight: [String: Int]
    private let negators: Set<String>
    private let pastMarkers: [[String]]
    private let clauseWords: Set<String>

    /// - Parameters:
    ///   - extraVocabulary: words used elsewhere in the content (examples, patterns): known, and correction targets.
    public init(lexicon: Lexicon, extraVocabulary: [String], negators: Set<String> = [], pastMarkers: [[String]] = [],
                clauseWords: Set<String> = ["but", "although", "though", "however"]) {
        self.lexicon = lexicon
        var index: [String: [(stems: [String], concepts: [String])]] = [:]
        var byTerm: [[String]: [String]] = [:]
        var termOrder: [[String]] = []
        for concept in lexicon.concepts {
            for term in concept.terms where !term.isEmpty {
                if byTerm[term] == nil { termOrder.append(term) }
                if byTerm[term]?.contains(concept.id) != true { byTerm[term, default: []].append(concept.id) }
            }
        }
        for term in termOrder {
            index[term[0], default: []].append((term, byTerm[term]!))
        }
        for key in index.keys { index[key]!.sort { $0.stems.count > $1.stems.count } }
        self.termIndex = index

        var words = Set<String>()
        var weight: [String: Int] = [:]
        for concept in lexicon.concepts {
            for word in concept.rawTerms.joined() { words.insert(word); weight[word, default: 0] += concept.scope == .normal ? 2 : 3 }
        }
        for word in extraVocabulary { words.insert(word); weight[word, default: 0] += 1 }
        for (_, replacement) in lexicon.variants { for word in replacement { words.insert(word) } }
        var targets: [Int: [String]] = [:]
        for word in words where word.count >= 3 && !lexicon.stopwords.contains(word) && word.allSatisfy(\.isLetter) {
            targets[word.count, default: []].append(word)
        }
        for key in targets.keys { targets[key]!.sort() }
        self.correctionTargets = targets
        self.targetWeight = weight
        self.vocabulary = words.union(lexicon.stopwords).union(lexicon.knownWords).union(lexicon.variants.keys)
        self.negators = negators
        self.pastMarkers = pastMarkers
        self.clauseWords = clauseWords
    }

    public func analyze(_ text: String) -> Analysis {
        var tokens: [Token] = []
        var clause = 0
        var sentence = 0
        for piece in Normalizer.pieces(text) {
            guard case .word(let raw) = piece else {
                clause += 1
                if case .boundary(sentence: true) = piece { sentence += 1 }
                continue
            }
            if clauseWords.contains(raw) { clause += 1 }
            let replaced = lexicon.variants[raw] ?? [correct(raw) ?? raw]
            for word in replaced {
                let original: String? = (replaced.count == 1 && word == raw) ? nil : raw
                tokens.append(Token(word: word, stem: Stemmer.stem(word), original: original, clause: clause, sentence: sentence))
            }
        }
        let (negated, past) = scopes(tokens)
        return Analysis(text: text, tokens: tokens, concepts: tagConcepts(tokens, negated: negated, past: past),
                        negated: negated, past: past)
    }

    /// The vocabulary word a misspelt word stands for, or nil to leave it.
    func correct(_ word: String) -> String? {
        let n = word.count
        guard n >= 3, !vocabulary.contains(word), word.allSatisfy(\.isLetter) else { return nil }
        // A known word plus a plural/verb ending is not a typo, unless it is
        // one letter away from a word of the lexicon ("spams" for "spasms").
        let stem = Stemmer.stem(word)
        let knownStem = stem != word && vocabulary.contains(stem)
        let limit = n <= 4 ? 1 : (n <= 7 ? 2 : 3)
        let chars = Array(word.unicodeScalars)
        var best: (word: String, distance: Int, score: Int)?
        for length in max(3, n - limit)...(n + limit) {
            for candidate in correctionTargets[length] ?? [] {
                let cand = Array(candidate.unicodeScalars)
                // Typos rarely change both the first and the second letter.
                if cand[0] != chars[0] && (cand.count < 2 || chars.count < 2 || cand[1] != chars[1]) && !(cand[0] == chars[1] && cand[1] == chars[0]) { continue }
                let maxHere = length <= 4 || n <= 4 || knownStem ? 1 : limit
                if knownStem && (targetWeight[candidate] ?? 0) < 2 { continue }
                guard let d = Self.distance(chars, cand, limit: maxHere) else { continue }
                let score = (cand[0] == chars[0] ? 2 : 0) + (targetWeight[candidate] ?? 0)
                if best == nil || d < best!.distance || (d == best!.distance && score > best!.score) {
                    best = (candidate, d, score)
                }
            }
        }
        return best?.word
    }

    /// Optimal-string-alignment distance, or nil when above `limit`.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        let m = a.count, n = b.count
        var prev2 = [Int](repeating: 0, count: n + 1)
        var prev = Array(0...n)
        var cur = [Int](repeating: 0, count: n + 1)
        for i in 1...m {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...n {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, prev2[j - 2] + 1) }
                cur[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return nil }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[n] <= limit ? prev[n] : nil
    }

    private func scopes(_ tokens: [Token]) -> (negated: [Bool], past: [Bool]) {
        // Negation: a negator covers the rest of its clause, at most five words on.
        var negated = [Bool](repeating: false, count: tokens.count)
        for (i, token) in tokens.enumerated() where negators.contains(token.word) {
            // "can not breathe" states an inability, it does not deny anything.
            if token.word == "not", i > 0, ["can", "could"].contains(tokens[i - 1].word) { continue }
            var j = i + 1
            while j < tokens.count, j <= i + 5, tokens[j].clause == token.clause { negated[j] = true; j += 1 }
        }
        // Past: a past marker anywhere in a clause makes the whole clause past.
        var pastClauses = Set<Int>()
        let words = tokens.map(\.word)
        for marker in pastMarkers where !marker.isEmpty {
            var i = 0
            while i + marker.count <= words.count {
                if words[i..<(i + marker.count)].elementsEqual(marker) { pastClauses.insert(tokens[i].clause) }
                i += 1
            }
        }
        return (negated, tokens.map { pastClauses.contains($0.clause) })
    }

    private func tagConcepts(_ tokens: [Token], negated: [Bool], past: [Bool]) -> [ConceptMatch] {
        var matches: [ConceptMatch] = []
        var i = 0
        while i < tokens.count {
            var matched = 0
            for entry in termIndex[tokens[i].stem] ?? [] {
                let n = entry.stems.count
                guard i + n <= tokens.count else { continue }
                var ok = true
                for k in 1..<max(1, n) where tokens[i + k].stem != entry.stems[k] { ok = false; break }
                if ok {
                    for concept in entry.concepts {
                        matches.append(ConceptMatch(concept: concept, range: i..<(i + n), negated: negated[i], past: past[i]))
                    }
                    matched = n
                    break
                }
            }
            i += max(1, matched)
        }
        return matches
    }
}
