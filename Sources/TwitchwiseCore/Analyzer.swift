/// A concept recognised in a message.
public struct ConceptMatch: Sendable, Hashable {
    public var concept: String
    /// Token indices the term covered.
    public var range: Range<Int>
    /// Inside the scope of a negation ("no fever").
    public var negated: Bool
    /// In a clause about the past ("as a kid").
    public var past: Bool
    /// The concept's position in the lexicon (`Analyzer.conceptIndex`).
    public var conceptIndex: Int32 = -1
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
    /// Per token: part of a recognised concept (the others are plain words).
    public var covered: [Bool]

    init(text: String, tokens: [Token], concepts: [ConceptMatch], negated: [Bool], past: [Bool]) {
        self.text = text
        self.tokens = tokens
        self.concepts = concepts
        self.negated = negated
        self.past = past
        self.covered = Self.covered(tokens.count, by: concepts)
    }

    static func covered(_ count: Int, by concepts: [ConceptMatch]) -> [Bool] {
        var covered = [Bool](repeating: false, count: count)
        for match in concepts { for i in match.range { covered[i] = true } }
        return covered
    }
    public var corrections: [(from: String, to: String)] {
        tokens.compactMap { t in t.original.map { ($0, t.word) } }
    }
    public var normalizedText: String { tokens.map(\.word).joined(separator: " ") }

    public func has(_ concept: String) -> Bool { concepts.contains { $0.concept == concept } }
}

/// The lexicon compiled for fast look-ups: variants, vocabulary for spelling
/// correction, and a term index for concepts. Every word of the content is
/// worked out once, here (its replacement, stem and stem id), so analysing a
/// message is mostly one table look-up per word.
public struct Analyzer: Sendable {
    /// One word a written word stands for, with what the analyser needs of it.
    struct Form: Sendable {
        var word: String
        var stem: String
        var stemID: Int32
        var negator: Bool
        /// Past markers (indices into `pastMarkers`) that start with this word.
        var pastMarkers: [Int]
    }

    /// A written word, worked out: the words it stands for, and whether that changed it.
    struct Entry: Sendable {
        var forms: [Form]
        var changed: Bool
    }

    /// A term of the concept index: its stems after the first, and the concepts it names.
    struct IndexedTerm: Sendable {
        var rest: [Int32]
        var concepts: [Int32]
    }

    public let lexicon: Lexicon
    /// Every stem the content knows, numbered; a message word with another stem gets -1.
    let stemIDs: [String: Int32]
    /// Written word -> its analysis, for every word of the content (not the known-words list).
    let entries: [String: Entry]
    /// By first stem id: terms, longest first.
    let termIndex: [[IndexedTerm]]
    /// Concept id -> its position in the lexicon.
    let conceptIndex: [String: Int32]
    /// Candidates for correction, in the order corrections are tried (by length, then
    /// alphabetically): a tie goes to the earlier one.
    let correctionTargets: [CorrectionTarget]
    /// Target positions by (first letter, length) and by (second letter, length): a typo
    /// rarely changes both of the first two letters, so only these buckets are searched.
    let targetsByFirst: [BucketKey: [Int32]]
    let targetsBySecond: [BucketKey: [Int32]]

    struct CorrectionTarget: Sendable {
        var scalars: [Unicode.Scalar]
        var word: String
        /// Its length in characters.
        var length: Int
        var weight: Int
        /// Which of the letters a-z the word has: words within `d` edits differ in at most `2d` of these.
        var letters: UInt32
    }

    struct BucketKey: Hashable, Sendable {
        var letter: Unicode.Scalar
        var length: Int
    }

    /// The word's length when it is all letters (a correction target), else 0.
    static func letterCount(_ word: String) -> Int {
        var ascii = 0
        for byte in word.utf8 {
            guard byte >= 0x61 && byte <= 0x7A else {
                // Not plain lower-case ASCII: ask the characters.
                return word.allSatisfy(\.isLetter) ? word.count : 0
            }
            ascii += 1
        }
        return ascii
    }

    static func letterSet(_ scalars: [Unicode.Scalar]) -> UInt32 {
        var set: UInt32 = 0
        for c in scalars where c >= "a" && c <= "z" { set |= 1 << (c.value - 97) }
        return set
    }
    let negators: Set<String>
    let pastMarkers: [[String]]
    let pastMarkersByFirst: [String: [Int]]
    let clauseWords: Set<String>

    /// - Parameters:
    ///   - extraVocabulary: words used elsewhere in the content (examples, patterns): known, and correction targets.
    ///   - extraStems: stems the content looks for (`requires`, red flags), numbered with the others.
    public init(lexicon: Lexicon, extraVocabulary: [String], extraStems: [String] = [], negators: Set<String> = [],
                pastMarkers: [[String]] = [], clauseWords: Set<String> = ["but", "although", "though", "however"]) {
        self.lexicon = lexicon
        self.negators = negators
        self.pastMarkers = pastMarkers
        self.clauseWords = clauseWords
        let markersByFirst = Self.firstWords(of: pastMarkers)
        self.pastMarkersByFirst = markersByFirst

        var stemIDs: [String: Int32] = [:]
        func stemID(_ stem: String) -> Int32 {
            if let id = stemIDs[stem] { return id }
            let id = Int32(stemIDs.count)
            stemIDs[stem] = id
            return id
        }

        // Concept terms, as stem ids, indexed by their first stem.
        let conceptIndex = Self.conceptIndex(lexicon)
        var byTerm: [[String]: [Int32]] = [:]
        var termOrder: [[String]] = []
        for concept in lexicon.concepts {
            let id = conceptIndex[concept.id]!
            for term in concept.terms where !term.isEmpty {
                if byTerm[term] == nil { termOrder.append(term) }
                if byTerm[term]?.contains(id) != true { byTerm[term, default: []].append(id) }
            }
        }
        var index: [Int32: [(count: Int, term: IndexedTerm)]] = [:]
        for term in termOrder {
            let ids = term.map(stemID)
            index[ids[0], default: []].append((term.count, IndexedTerm(rest: Array(ids.dropFirst()), concepts: byTerm[term]!)))
        }
        self.conceptIndex = conceptIndex

        // Every word of the content, with how often it is used (lexicon terms count more): one hash each.
        var weight: [String: Int] = [:]
        weight.reserveCapacity(extraVocabulary.count / 2)
        for concept in lexicon.concepts {
            for word in concept.rawTerms.joined() { weight[word, default: 0] += concept.scope == .normal ? 2 : 3 }
        }
        for word in extraVocabulary { weight[word, default: 0] += 1 }
        for (_, replacement) in lexicon.variants { for word in replacement where weight[word] == nil { weight[word] = 0 } }
        // In order, so that stems are numbered the same whatever the hash seed (the snapshot is the same build after build).
        let words = weight.keys.sorted()
        let targets = words.compactMap { word -> (word: String, length: Int)? in
            let length = Self.letterCount(word)
            return length >= 3 && !lexicon.stopwords.contains(word) ? (word, length) : nil
        }
        .sorted { $0.length != $1.length ? $0.length < $1.length : $0.word < $1.word }
        (correctionTargets, targetsByFirst, targetsBySecond) = Self.correctionTables(targets.map { ($0.word, $0.length, weight[$0.word] ?? 0) })

        // Every written word of the content, worked out once (stems get their ids here too).
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(words.count + lexicon.stopwords.count + lexicon.variants.count)
        func form(_ word: String) -> Form {
            let stem = Stemmer.stem(word)
            return Form(word: word, stem: stem, stemID: stemID(stem), negator: negators.contains(word),
                        pastMarkers: markersByFirst[word] ?? [])
        }
        for word in words { entries[word] = Entry(forms: [form(word)], changed: false) }
        for word in lexicon.stopwords.sorted() where entries[word] == nil { entries[word] = Entry(forms: [form(word)], changed: false) }
        for (word, replacement) in lexicon.variants.sorted(by: { $0.key < $1.key }) {
            entries[word] = Entry(forms: replacement.map(form), changed: !(replacement.count == 1 && replacement[0] == word))
        }
        for stem in extraStems { _ = stemID(stem) }
        self.entries = entries
        self.stemIDs = stemIDs
        var terms = [[IndexedTerm]](repeating: [], count: stemIDs.count)
        for (first, list) in index {
            // Longest first; among equals, the order the lexicon gave.
            terms[Int(first)] = list.enumerated().sorted { ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset) }
                .map(\.element.term)
        }
        self.termIndex = terms
    }

    /// Past markers by their first word.
    static func firstWords(of markers: [[String]]) -> [String: [Int]] {
        var byFirst: [String: [Int]] = [:]
        for (i, marker) in markers.enumerated() where !marker.isEmpty { byFirst[marker[0], default: []].append(i) }
        return byFirst
    }

    /// Concept id -> its position in the lexicon (the first, for a repeated id).
    static func conceptIndex(_ lexicon: Lexicon) -> [String: Int32] {
        var index: [String: Int32] = [:]
        for (i, concept) in lexicon.concepts.enumerated() where index[concept.id] == nil { index[concept.id] = Int32(i) }
        return index
    }

    /// The correction targets, in the order given (word, length in characters, weight), and their buckets.
    static func correctionTables(_ list: [(word: String, length: Int, weight: Int)])
        -> ([CorrectionTarget], [BucketKey: [Int32]], [BucketKey: [Int32]]) {
        let targets = list.map { word, length, weight in
            let scalars = Array(word.unicodeScalars)
            return CorrectionTarget(scalars: scalars, word: word, length: length, weight: weight, letters: Self.letterSet(scalars))
        }
        var byFirst: [BucketKey: [Int32]] = [:], bySecond: [BucketKey: [Int32]] = [:]
        for (k, target) in targets.enumerated() {
            let length = target.length
            byFirst[BucketKey(letter: target.scalars[0], length: length), default: []].append(Int32(k))
            if target.scalars.count > 1 { bySecond[BucketKey(letter: target.scalars[1], length: length), default: []].append(Int32(k)) }
        }
        return (targets, byFirst, bySecond)
    }

    /// Whether spelling correction leaves the word alone.
    private func isVocabulary(_ word: String) -> Bool { entries[word] != nil || lexicon.knownWords.contains(word) }

    /// How a written word is read: from the table, or worked out now (words outside the content).
    private func entry(_ raw: String) -> Entry {
        if let entry = entries[raw] { return entry }
        let corrected = correct(raw)
        let word = corrected ?? raw
        let stem = Stemmer.stem(word)
        return Entry(forms: [Form(word: word, stem: stem, stemID: stemIDs[stem] ?? -1, negator: negators.contains(word),
                                  pastMarkers: pastMarkersByFirst[word] ?? [])],
                     changed: corrected != nil)
    }

    public func analyze(_ text: String) -> Analysis { analyze(text, pieces: Normalizer.pieces(text)) }

    /// `text` analysed from its pieces (`Normalizer.pieces(text)`), when the caller has them already.
    func analyze(_ text: String, pieces: [Normalizer.Piece]) -> Analysis {
        var tokens: [Token] = []
        tokens.reserveCapacity(pieces.count + 4)
        var negators: [Int] = []
        var pastStarts: [(token: Int, markers: [Int])] = []
        var clause = 0
        var sentence = 0
        for piece in pieces {
            guard case .word(let raw) = piece else {
                clause += 1
                if case .boundary(sentence: true) = piece { sentence += 1 }
                continue
            }
            if clauseWords.contains(raw) { clause += 1 }
            let entry = self.entry(raw)
            for form in entry.forms {
                if form.negator { negators.append(tokens.count) }
                if !form.pastMarkers.isEmpty { pastStarts.append((tokens.count, form.pastMarkers)) }
                tokens.append(Token(word: form.word, stem: form.stem, original: entry.changed ? raw : nil, clause: clause,
                                    sentence: sentence, stemID: form.stemID))
            }
        }
        let (negated, past) = scopes(tokens, negators: negators, pastStarts: pastStarts, clauses: clause + 1)
        return Analysis(text: text, tokens: tokens, concepts: tagConcepts(tokens, negated: negated, past: past),
                        negated: negated, past: past)
    }

    /// The vocabulary word a misspelt word stands for, or nil to leave it.
    func correct(_ word: String) -> String? {
        let n = word.count
        guard n >= 3, !isVocabulary(word), word.allSatisfy(\.isLetter) else { return nil }
        // A known word plus a plural/verb ending is not a typo, unless it is
        // one letter away from a word of the lexicon ("spams" for "spasms").
        let stem = Stemmer.stem(word)
        let knownStem = stem != word && isVocabulary(stem)
        let limit = n <= 4 ? 1 : (n <= 7 ? 2 : 3)
        let chars = Array(word.unicodeScalars)
        let letters = Self.letterSet(chars)
        var best: (word: String, distance: Int, score: Int, rank: Int32)?
        var scratch = [Int](repeating: 0, count: 3 * (n + limit + 2))
        func consider(_ k: Int32) {
            let candidate = correctionTargets[Int(k)]
            let cand = candidate.scalars
            // Typos rarely change both the first and the second letter.
            if cand[0] != chars[0] && (cand.count < 2 || chars.count < 2 || cand[1] != chars[1]) && !(cand[0] == chars[1] && cand[1] == chars[0]) { return }
            let length = candidate.length
            let maxHere = length <= 4 || n <= 4 || knownStem ? 1 : limit
            if knownStem && candidate.weight < 2 { return }
            if (candidate.letters ^ letters).nonzeroBitCount > 2 * maxHere { return }
            guard let d = Self.distance(chars, cand, limit: maxHere, scratch: &scratch) else { return }
            let score = (cand[0] == chars[0] ? 2 : 0) + candidate.weight
            if best == nil || d < best!.distance || (d == best!.distance && (score > best!.score || (score == best!.score && k < best!.rank))) {
                best = (candidate.word, d, score, k)
            }
        }
        for length in max(3, n - limit)...(n + limit) {
            for k in targetsByFirst[BucketKey(letter: chars[0], length: length)] ?? [] { consider(k) }
            if chars.count > 1 {
                // Second letter kept, first changed; and the first two swapped.
                for k in targetsBySecond[BucketKey(letter: chars[1], length: length)] ?? [] where correctionTargets[Int(k)].scalars[0] != chars[0] {
                    consider(k)
                }
                if chars[1] != chars[0] {
                    for k in targetsByFirst[BucketKey(letter: chars[1], length: length)] ?? []
                    where correctionTargets[Int(k)].scalars.count > 1 && correctionTargets[Int(k)].scalars[1] == chars[0]
                        && correctionTargets[Int(k)].scalars[1] != chars[1] {
                        consider(k)
                    }
                }
            }
        }
        return best?.word
    }

    /// Optimal-string-alignment distance, or nil when above `limit`; `scratch` is working space
    /// for three rows, reused across calls (grown when `b` needs more).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], limit: Int, scratch: inout [Int]) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        let m = a.count, n = b.count
        if scratch.count < 3 * (n + 1) { scratch = [Int](repeating: 0, count: 3 * (n + 1)) }
        return scratch.withUnsafeMutableBufferPointer { rows -> Int? in
            // Three rows in one buffer: prev2, prev, cur, rotated by offset.
            var prev2 = 0, prev = n + 1, cur = 2 * (n + 1)
            for j in 0...n { rows[prev + j] = j; rows[prev2 + j] = 0 }
            for i in 1...m {
                rows[cur] = i
                var rowMin = i
                for j in 1...n {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    var v = min(rows[prev + j] + 1, rows[cur + j - 1] + 1, rows[prev + j - 1] + cost)
                    if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, rows[prev2 + j - 2] + 1) }
                    rows[cur + j] = v
                    rowMin = min(rowMin, v)
                }
                if rowMin > limit { return nil }
                (prev2, prev, cur) = (prev, cur, prev2)
            }
            return rows[prev + n] <= limit ? rows[prev + n] : nil
        }
    }

    private func scopes(_ tokens: [Token], negators: [Int], pastStarts: [(token: Int, markers: [Int])], clauses: Int)
        -> (negated: [Bool], past: [Bool])
    {
        // Negation: a negator covers the rest of its clause, at most five words on.
        var negated = [Bool](repeating: false, count: tokens.count)
        for i in negators {
            let token = tokens[i]
            // "can not breathe" states an inability, it does not deny anything.
            if token.word == "not", i > 0, tokens[i - 1].word == "can" || tokens[i - 1].word == "could" { continue }
            var j = i + 1
            while j < tokens.count, j <= i + 5, tokens[j].clause == token.clause { negated[j] = true; j += 1 }
        }
        // Past: a past marker anywhere in a clause makes the whole clause past.
        guard !pastStarts.isEmpty else { return (negated, negated.map { _ in false }) }
        var pastClauses = [Bool](repeating: false, count: clauses)
        for (i, markers) in pastStarts {
            for m in markers {
                let marker = pastMarkers[m]
                guard i + marker.count <= tokens.count else { continue }
                var k = 1
                while k < marker.count, tokens[i + k].word == marker[k] { k += 1 }
                if k == marker.count { pastClauses[tokens[i].clause] = true }
            }
        }
        return (negated, tokens.map { pastClauses[$0.clause] })
    }

    private func tagConcepts(_ tokens: [Token], negated: [Bool], past: [Bool]) -> [ConceptMatch] {
        var matches: [ConceptMatch] = []
        matches.reserveCapacity(tokens.count)
        var i = 0
        while i < tokens.count {
            var matched = 0
            let first = tokens[i].stemID
            if first >= 0 {
                for term in termIndex[Int(first)] {
                    let n = term.rest.count + 1
                    guard i + n <= tokens.count else { continue }
                    var ok = true
                    for k in 0..<term.rest.count where tokens[i + 1 + k].stemID != term.rest[k] { ok = false; break }
                    if ok {
                        for concept in term.concepts {
                            matches.append(ConceptMatch(concept: lexicon.concepts[Int(concept)].id, range: i..<(i + n),
                                                        negated: negated[i], past: past[i], conceptIndex: concept))
                        }
                        matched = n
                        break
                    }
                }
            }
            i += max(1, matched)
        }
        return matches
    }
}

extension Analyzer {
    /// A `requires` or red-flag term, numbered as this analyser numbers concepts and stems.
    func compile(_ term: Term) -> Matcher.CompiledTerm {
        switch term {
        case .concept(let id): return .concept(conceptIndex[id] ?? -1)
        case .stems(let stems): return .stems(stems.map { stemIDs[$0] ?? -1 })
        }
    }

    /// A group of terms, compiled.
    func compile(_ group: [Term]) -> [Matcher.CompiledTerm] { group.map(compile) }
}
