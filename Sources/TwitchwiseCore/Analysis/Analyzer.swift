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

    /// A term of the concept index: its stems after the first, and the concepts it names.
    struct IndexedTerm: Sendable {
        var rest: [Int32]
        var concepts: [Int32]
    }

    /// The concept terms by first stem, in five flat arrays rather than an array of terms per
    /// stem, each with two arrays of its own (start-up, issue 8: thousands of allocations fewer).
    struct TermIndex: Sendable, Equatable {
        /// The terms whose first stem is `s` are `firstStart[s]..<firstStart[s + 1]`, longest first.
        let firstStart: [Int32]
        /// Term `t`'s stems after the first are `rests[restStart[t]..<restStart[t + 1]]`.
        let restStart: [Int32]
        let rests: [Int32]
        /// Term `t` names the concepts `concepts[conceptStart[t]..<conceptStart[t + 1]]`.
        let conceptStart: [Int32]
        let concepts: [Int32]

        /// - Precondition: the starts begin at 0, never decrease, and end at the count of what they index.
        init(firstStart: [Int32], restStart: [Int32], rests: [Int32], conceptStart: [Int32], concepts: [Int32]) {
            (self.firstStart, self.restStart, self.rests) = (firstStart, restStart, rests)
            (self.conceptStart, self.concepts) = (conceptStart, concepts)
        }

        /// The index of `lists`, the terms of each first stem in order.
        init(_ lists: [[IndexedTerm]]) {
            var firstStart: [Int32] = [0], restStart: [Int32] = [0], conceptStart: [Int32] = [0]
            var rests: [Int32] = [], concepts: [Int32] = []
            for list in lists {
                for term in list {
                    rests += term.rest
                    concepts += term.concepts
                    restStart.append(Int32(rests.count))
                    conceptStart.append(Int32(concepts.count))
                }
                firstStart.append(Int32(restStart.count - 1))
            }
            self.init(firstStart: firstStart, restStart: restStart, rests: rests, conceptStart: conceptStart, concepts: concepts)
        }

        /// The terms that start with stem `first`.
        @inline(__always)
        func terms(startingWith first: Int32) -> Range<Int> { Int(firstStart[Int(first)])..<Int(firstStart[Int(first) + 1]) }
    }

    public let lexicon: Lexicon
    /// Every stem the content knows, numbered; a message word with another stem gets -1.
    let stemIDs: StringIndex
    /// Written word -> its analysis, for every word of the content (not the known-words list).
    let entryWords: StringIndex
    /// The words of `entryWords`, worked out, by the same positions: the forms word `k` stands
    /// for are `entryForms[entryFormStart[k]..<entryFormStart[k + 1]]`, and `entryChanged[k]`
    /// says whether that changed it. Flat arrays (issue 8): one allocation for every word at
    /// start-up, and a message's words read in place, without copying a slice of forms each.
    let entryForms: [Form]
    let entryFormStart: [Int32]
    let entryChanged: [Bool]
    /// By first stem id: terms, longest first.
    let termIndex: TermIndex
    /// Concept id -> its position in the lexicon.
    let conceptIndex: [String: Int32]
    /// Candidates for spelling correction, laid out for `correct`'s search.
    var corrections: CorrectionIndex { correctionTargets.index }
    /// The candidates, and their index once a word has needed it.
    let correctionTargets: LazyCorrectionIndex

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

    let negators: Set<String>
    let pastMarkers: [[String]]
    let pastMarkersByFirst: [String: [Int]]
    /// Words that start a clause ("but"): a handful, sorted, where a scan beats hashing each word.
    let clauseWordList: [String]

    /// - Parameters:
    ///   - extraVocabulary: words used elsewhere in the content (examples, patterns): known, and correction targets.
    ///   - extraStems: stems the content looks for (`requires`, red flags), numbered with the others.
    public init(lexicon: Lexicon, extraVocabulary: [String], extraStems: [String] = [], negators: Set<String> = [],
                pastMarkers: [[String]] = [], clauseWords: Set<String> = ["but", "although", "though", "however"]) {
        self.lexicon = lexicon
        self.negators = negators
        self.pastMarkers = pastMarkers
        self.clauseWordList = clauseWords.sorted()
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
        // Kinds of question are read apart (`Engine.askedQuestion`), not as words of a topic.
        for concept in lexicon.concepts where concept.scope != .question {
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
        // A misspelt word is corrected only to a domain word: a word of the lexicon's terms or one
        // of its forms (issue 19: "deadlift" is no "deadline", an example's word about work).
        let domainStems = Set(lexicon.concepts.filter { $0.scope != .question }.flatMap { $0.rawTerms.joined() }.map(Stemmer.stem))
        let targets = words.compactMap { word -> (word: String, length: Int)? in
            let length = Self.letterCount(word)
            return length >= 3 && !lexicon.stopwords.contains(word) && domainStems.contains(Stemmer.stem(word)) ? (word, length) : nil
        }
        .sorted { $0.length != $1.length ? $0.length < $1.length : $0.word < $1.word }
        self.correctionTargets = LazyCorrectionIndex(targets.map { ($0.word, $0.length, weight[$0.word] ?? 0) })

        // Every written word of the content, worked out once (stems get their ids here too).
        var entries: [String: (forms: [Form], changed: Bool)] = [:]
        entries.reserveCapacity(words.count + lexicon.stopwords.count + lexicon.variants.count)
        func form(_ word: String) -> Form {
            let stem = Stemmer.stem(word)
            return Form(word: word, stem: stem, stemID: stemID(stem), negator: negators.contains(word),
                        pastMarkers: markersByFirst[word] ?? [])
        }
        for word in words { entries[word] = ([form(word)], false) }
        for word in lexicon.stopwords.sorted() where entries[word] == nil { entries[word] = ([form(word)], false) }
        for (word, replacement) in lexicon.variants.sorted(by: { $0.key < $1.key }) {
            entries[word] = (replacement.map(form), !(replacement.count == 1 && replacement[0] == word))
        }
        for stem in extraStems { _ = stemID(stem) }
        // Sorted, so that the snapshot is the same whatever the hash seed.
        let entryWords = entries.keys.sorted()
        self.entryWords = StringIndex(entryWords)
        let table = entryWords.map { entries[$0]! }
        self.entryForms = table.flatMap(\.forms)
        self.entryFormStart = SnapshotWriter.starts(table.map(\.forms.count))
        self.entryChanged = table.map(\.changed)
        var stems = [String](repeating: "", count: stemIDs.count)
        for (stem, id) in stemIDs { stems[Int(id)] = stem }
        self.stemIDs = StringIndex(stems)
        var terms = [[IndexedTerm]](repeating: [], count: stemIDs.count)
        for (first, list) in index {
            // Longest first; among equals, the order the lexicon gave.
            terms[Int(first)] = list.enumerated().sorted { ($0.element.count, -$0.offset) > ($1.element.count, -$1.offset) }
                .map(\.element.term)
        }
        self.termIndex = TermIndex(terms)
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

    /// Whether spelling correction leaves the word alone.
    func isVocabulary(_ word: String) -> Bool {
        entryWords[word] != nil || lexicon.knownWords.contains(word) || lexicon.englishWords.contains(word)
    }


    /// An English word that is neither common nor the content's ("dysphonia", "tourette").
    func isRareWord(_ word: String) -> Bool {
        entryWords[word] == nil && !lexicon.knownWords.contains(word) && lexicon.englishWords.contains(word)
    }

    /// How a word outside the content's is read: worked out now, its spelling corrected.
    private func unknownForm(_ raw: String) -> (form: Form, changed: Bool) {
        let corrected = correct(raw)
        let word = corrected ?? raw
        let stem = Stemmer.stem(word)
        return (Form(word: word, stem: stem, stemID: stemIDs[stem] ?? -1, negator: negators.contains(word),
                     pastMarkers: pastMarkersByFirst[word] ?? []), corrected != nil)
    }

    /// At most this many words of a message are analysed (issue 22: bounded work per request); the
    /// rest of a longer message is not read. The same cap as triage's (`TriageText.wordLimit`): no
    /// one asks a question in more words than this, and a message of 64 KiB can hold 30,000.
    public static let wordLimit = 3_000

    public func analyze(_ text: String) -> Analysis {
        var pieces = Normalizer.pieces(text)
        var words = 0
        if let cut = pieces.firstIndex(where: { piece in
            guard case .word = piece else { return false }
            words += 1
            return words > Self.wordLimit
        }) { pieces.removeSubrange(cut...) }
        return analyze(text, pieces: pieces)
    }

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
            if clauseWordList.contains(raw) { clause += 1 }
            func read(_ form: Form, changed: Bool) {
                if form.negator { negators.append(tokens.count) }
                if !form.pastMarkers.isEmpty { pastStarts.append((tokens.count, form.pastMarkers)) }
                tokens.append(Token(word: form.word, stem: form.stem, original: changed ? raw : nil, clause: clause,
                                    sentence: sentence, stemID: form.stemID))
            }
            // A content word is read from the table, in place; another is worked out.
            if let position = entryWords[raw] {
                let p = Int(position)
                for k in Int(entryFormStart[p])..<Int(entryFormStart[p + 1]) { read(entryForms[k], changed: entryChanged[p]) }
            } else {
                let (form, changed) = unknownForm(raw)
                read(form, changed: changed)
            }
        }
        markScopes(&tokens, negators: negators, pastStarts: pastStarts, clauses: clause + 1)
        let concepts = tagConcepts(tokens)
        Analysis.cover(&tokens, by: concepts)
        return Analysis(text: text, tokens: tokens, concepts: concepts)
    }

    /// The vocabulary word a misspelt word stands for, or nil to leave it.
    func correct(_ word: String) -> String? {
        // Letters only (else 0), counted without the character view when they are plain ASCII.
        let n = Self.letterCount(word)
        guard n >= 3, !isVocabulary(word) else { return nil }
        // A known word plus a plural/verb ending is not a typo, unless it is
        // one letter away from a word of the lexicon ("spams" for "spasms").
        let stem = Stemmer.stem(word)
        let knownStem = stem != word && isVocabulary(stem)
        let limit = n <= 4 ? 1 : (n <= 7 ? 2 : 3)
        var scalars: [UInt32] = []
        scalars.reserveCapacity(word.utf8.count)
        for c in word.unicodeScalars { scalars.append(c.value) }
        return corrections.best(for: scalars, characters: n, limit: limit, knownStem: knownStem).map { corrections.words[Int($0)] }
    }

    /// Sets the tokens' `negated` and `past` flags.
    private func markScopes(_ tokens: inout [Token], negators: [Int], pastStarts: [(token: Int, markers: [Int])], clauses: Int) {
        // Negation: a negator covers the rest of its clause, at most five words on.
        for i in negators {
            let clause = tokens[i].clause
            // "can not breathe" states an inability, it does not deny anything.
            if tokens[i].word == "not", i > 0, tokens[i - 1].word == "can" || tokens[i - 1].word == "could" { continue }
            var j = i + 1
            while j < tokens.count, j <= i + 5, tokens[j].clause == clause { tokens[j].negated = true; j += 1 }
        }
        // Past: a past marker anywhere in a clause makes the whole clause past.
        guard !pastStarts.isEmpty else { return }
        var pastClauses = [Bool](filled: false, count: clauses)
        for (i, markers) in pastStarts {
            for m in markers {
                let marker = pastMarkers[m]
                guard i + marker.count <= tokens.count else { continue }
                var k = 1
                while k < marker.count, tokens[i + k].word == marker[k] { k += 1 }
                if k == marker.count { pastClauses[tokens[i].clause] = true }
            }
        }
        for i in tokens.indices { tokens[i].past = pastClauses[tokens[i].clause] }
    }

    private func tagConcepts(_ tokens: [Token]) -> [ConceptMatch] {
        var matches: [ConceptMatch] = []
        matches.reserveCapacity(tokens.count)
        let index = termIndex
        var i = 0
        while i < tokens.count {
            var matched = 0
            let first = tokens[i].stemID
            if first >= 0 {
                for term in index.terms(startingWith: first) {
                    let rest = Int(index.restStart[term])..<Int(index.restStart[term + 1])
                    let n = rest.count + 1
                    guard i + n <= tokens.count else { continue }
                    var ok = true
                    for (k, r) in rest.enumerated() where tokens[i + 1 + k].stemID != index.rests[r] { ok = false; break }
                    if ok {
                        for concept in index.concepts[Int(index.conceptStart[term])..<Int(index.conceptStart[term + 1])] {
                            matches.append(ConceptMatch(concept: lexicon.concepts[Int(concept)].id, range: i..<(i + n),
                                                        negated: tokens[i].negated, past: tokens[i].past, conceptIndex: concept))
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
