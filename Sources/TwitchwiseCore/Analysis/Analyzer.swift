import Synchronization

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
/// Each token says whether it is negated, in the past, and covered by a concept.
public struct Analysis: Sendable {
    public var text: String
    public var tokens: [Token]
    public var concepts: [ConceptMatch]

    /// `tokens` with their flags set, `covered` from `concepts` (`cover(_:by:)`).
    init(text: String, tokens: [Token], concepts: [ConceptMatch]) {
        self.text = text
        self.tokens = tokens
        self.concepts = concepts
    }

    /// Sets each token's `covered` flag: whether one of `concepts` spans it.
    static func cover(_ tokens: inout [Token], by concepts: [ConceptMatch]) {
        for i in tokens.indices { tokens[i].covered = false }
        for match in concepts { for i in match.range { tokens[i].covered = true } }
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
    func isVocabulary(_ word: String) -> Bool { entryWords[word] != nil || lexicon.knownWords.contains(word) }

    /// How a word outside the content's is read: worked out now, its spelling corrected.
    private func unknownForm(_ raw: String) -> (form: Form, changed: Bool) {
        let corrected = correct(raw)
        let word = corrected ?? raw
        let stem = Stemmer.stem(word)
        return (Form(word: word, stem: stem, stemID: stemIDs[stem] ?? -1, negator: negators.contains(word),
                     pastMarkers: pastMarkersByFirst[word] ?? []), corrected != nil)
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

extension Analyzer {
    /// The correction targets, and their `CorrectionIndex` built the first time a word needs
    /// correcting (start-up, issue 8): most messages have no unknown word, and building the index
    /// is a tenth of what reading the engine from the snapshot costs.
    final class LazyCorrectionIndex: Sendable {
        /// By rank (length in characters, then alphabetical), as `CorrectionIndex.init` takes them.
        let targets: [(word: String, length: Int, weight: Int)]
        private let built = Mutex<CorrectionIndex?>(nil)

        init(_ targets: [(word: String, length: Int, weight: Int)]) { self.targets = targets }

        var index: CorrectionIndex {
            built.withLock { built in
                if let index = built { return index }
                let index = CorrectionIndex(targets)
                built = index
                return index
            }
        }
    }

    /// The correction targets, laid out for the search in `correct`.
    ///
    /// `correct` tries the targets in the (first letter, length) and (second letter, length)
    /// buckets of the word: a typo rarely changes both of the first two letters. With a big
    /// vocabulary (the benchmarks' 100x content) a bucket holds hundreds of targets and nearly
    /// all of them are too far off, so they must be rejected cheaply: a bucket is a run of
    /// 8-byte letter signatures, tested with a few bit operations without touching the target's
    /// word or scalars, and the scalars of every target sit in one flat buffer for the few that
    /// get to the distance.
    ///
    /// The answer is the least (distance, -score, rank) among the candidates within their
    /// distance limit; the rank makes that a strict order, so the order of the search does not
    /// matter, and a target that cannot beat the best so far is skipped, or given a smaller
    /// distance limit. Nothing it skips could have been the answer.
    ///
    /// A class, so that copying the analyser (the matcher holds it) retains one reference,
    /// not each of these arrays.
    final class CorrectionIndex: Sendable {
        /// Per target, by rank: the order corrections are tried (by length, then alphabetically),
        /// where a tie goes to the earlier one.
        let words: [String]
        /// How often the content uses the word (lexicon terms count more).
        let weights: [Int]
        /// Length in characters: it picks the bucket and the distance allowed.
        let lengths: [Int]
        /// The scalars of target k are `scalars[scalarStarts[k]..<scalarStarts[k + 1]]`.
        let scalars: [UInt32]
        let scalarStarts: [Int]
        /// Bucket entries, one bucket after the other: the target, its letter signature
        /// (`signature(_:)`), and its lead: the second scalar in a by-first bucket, the first in a
        /// by-second one.
        ///
        /// A by-first bucket is sorted by lead, then rank, so the targets with the word's first
        /// two letters swapped are one run of it. A by-second bucket is sorted by weight (highest
        /// first), then rank: its targets (the first letter changed) get no first-letter bonus
        /// and are never the word itself, so once a target one edit away is found, only those
        /// that would win a tie with it can still beat it, and they are the bucket's start.
        let entryTargets: [Int32]
        let entrySignatures: [UInt64]
        let entryLeads: [UInt32]
        /// Buckets by first scalar and by second scalar: entry ranges by length (one hash look-up
        /// per letter, not per letter and length). A bucket's length is also every target's scalar
        /// count in it.
        let byFirst: [UInt32: [Range<Int>]]
        let bySecond: [UInt32: [Range<Int>]]
        /// Targets with more scalars than characters (combining marks), kept out of the buckets so
        /// that the rule above holds: few or none, so they are tried one by one.
        let irregular: [Int32]
        /// The most scalars of a target (working space for the distance).
        let longest: Int

        /// - Parameter targets: by rank (length in characters, then alphabetical).
        init(_ targets: [(word: String, length: Int, weight: Int)]) {
            let weights = targets.map(\.weight), lengths = targets.map(\.length)
            words = targets.map(\.word)
            self.weights = weights
            self.lengths = lengths
            var scalars: [UInt32] = [], starts = [0], signatures: [UInt64] = []
            scalars.reserveCapacity(targets.count * 9)
            starts.reserveCapacity(targets.count + 1)
            signatures.reserveCapacity(targets.count)
            // Targets by first and by second scalar, in rank order, so by length.
            var firstLists: [UInt32: [Int32]] = [:], secondLists: [UInt32: [Int32]] = [:]
            firstLists.reserveCapacity(32)  // the letters, and a few more
            secondLists.reserveCapacity(32)
            var irregular: [Int32] = []
            for (k, target) in targets.enumerated() {
                let start = scalars.count
                for c in target.word.unicodeScalars { scalars.append(c.value) }
                starts.append(scalars.count)
                signatures.append(Self.signature(scalars[start...]))
                // The search never tries a target under three letters (the analyser makes none,
                // a snapshot might): leave it out, it may not even have a second letter.
                guard target.length >= 3 else { continue }
                guard scalars.count - start == target.length else {
                    irregular.append(Int32(k))
                    continue
                }
                firstLists[scalars[start], default: []].append(Int32(k))
                secondLists[scalars[start + 1], default: []].append(Int32(k))
            }
            var entryTargets: [Int32] = [], entrySignatures: [UInt64] = [], entryLeads: [UInt32] = []
            entryTargets.reserveCapacity(2 * targets.count)
            entrySignatures.reserveCapacity(2 * targets.count)
            entryLeads.reserveCapacity(2 * targets.count)
            var byFirst: [UInt32: [Range<Int>]] = [:], bySecond: [UInt32: [Range<Int>]] = [:]
            byFirst.reserveCapacity(firstLists.count)
            bySecond.reserveCapacity(secondLists.count)
            // Each letter's targets as buckets by length: a by-first bucket in the order of the
            // second scalar, a by-second one by weight (highest first); then by rank.
            var group: [(key: Int, k: Int32)] = []
            for byWeight in [false, true] {
                for (letter, list) in byWeight ? secondLists : firstLists {
                    var byLength: [Range<Int>] = []
                    var i = 0
                    while i < list.count {
                        let length = lengths[Int(list[i])]
                        group.removeAll(keepingCapacity: true)
                        while i < list.count && lengths[Int(list[i])] == length {
                            let k = list[i]
                            group.append((byWeight ? -weights[Int(k)] : Int(scalars[starts[Int(k)] + 1]), k))
                            i += 1
                        }
                        // A by-first bucket of plain ASCII words is in order already (rank is alphabetical).
                        if !zip(group, group.dropFirst()).allSatisfy({ ($0.key, $0.k) < ($1.key, $1.k) }) {
                            group.sort { ($0.key, $0.k) < ($1.key, $1.k) }
                        }
                        let start = entryTargets.count
                        for (_, k) in group {
                            entryTargets.append(k)
                            entrySignatures.append(signatures[Int(k)])
                            entryLeads.append(scalars[starts[Int(k)] + (byWeight ? 0 : 1)])
                        }
                        byLength += repeatElement(start..<start, count: length - byLength.count)
                        byLength.append(start..<entryTargets.count)
                    }
                    if byWeight { bySecond[letter] = byLength } else { byFirst[letter] = byLength }
                }
            }
            self.byFirst = byFirst
            self.bySecond = bySecond
            self.entryTargets = entryTargets
            self.entrySignatures = entrySignatures
            self.entryLeads = entryLeads
            self.irregular = irregular
            self.scalars = scalars
            self.scalarStarts = starts
            longest = zip(starts, starts.dropFirst()).map { $1 - $0 }.max() ?? 0
        }

        /// Which of the letters a-z a word has (bits 0-25), and which it has twice or more
        /// (bits 32-57). Every edit takes at most one letter out and puts at most one in, so a
        /// word within `d` edits of another lacks at most `d` of the other's (counting a
        /// doubled letter twice), and the other way round: the bit counts of `a & ~b` and
        /// `b & ~a` bound the distance from below.
        static func signature<C: Collection<UInt32>>(_ scalars: C) -> UInt64 {
            var once: UInt32 = 0, twice: UInt32 = 0
            for c in scalars where c >= 0x61 && c <= 0x7A {
                let bit: UInt32 = 1 << (c - 0x61)
                twice |= once & bit
                once |= bit
            }
            return UInt64(twice) << 32 | UInt64(once)
        }

        /// Whether `x` has at most `k` bits set: clearing the lowest `k` leaves none. Cheaper
        /// than a bit count for the small `k` the search uses (the build has no POPCNT).
        @inline(__always)
        static func hasAtMost(_ k: Int, bitsIn x: UInt64) -> Bool {
            var x = x, k = k
            while x != 0 {
                if k == 0 { return false }
                x &= x &- 1
                k -= 1
            }
            return true
        }

        /// The first of `signatures[e..<end]` whose letters allow the word (`signature`) to
        /// have `wordExtra` letters the target lacks, and the target `targetExtra` letters the
        /// word lacks (see `signature`); or `end`. Nearly every entry stops here.
        static func nextCandidate(_ signatures: UnsafeBufferPointer<UInt64>, from e: Int, to end: Int, signature: UInt64,
                                  wordExtra: Int, targetExtra: Int) -> Int {
            var e = e
            while e < end {
                let theirs = signatures[e]
                if hasAtMost(wordExtra, bitsIn: signature & ~theirs) && hasAtMost(targetExtra, bitsIn: theirs & ~signature) {
                    return e
                }
                e += 1
            }
            return end
        }

        /// The first entry of `range` for which `isPast` holds, where it holds for a suffix.
        func firstEntry(in range: Range<Int>, where isPast: (Int) -> Bool) -> Int {
            var low = range.lowerBound, high = range.upperBound
            while low < high {
                let middle = (low + high) / 2
                if isPast(middle) { high = middle } else { low = middle + 1 }
            }
            return low
        }

        /// The entries of `range` (a by-first bucket) whose lead is `lead`.
        func run(of lead: UInt32, in range: Range<Int>) -> Range<Int> {
            firstEntry(in: range) { self.entryLeads[$0] >= lead }..<firstEntry(in: range) { self.entryLeads[$0] > lead }
        }

        /// Where the entries of `range` (in a by-second bucket) stop winning a tie with `best`:
        /// a higher weight (their score), or the same and a lower rank.
        func tieWinners(in range: Range<Int>, over best: (distance: Int, score: Int, rank: Int32)) -> Int {
            firstEntry(in: range) { e in
                let k = self.entryTargets[e], weight = self.weights[Int(k)]
                return !(weight > best.score || (weight == best.score && k < best.rank))
            }
        }

        /// The rank of the best target for a misspelt word (its scalars; `characters` long), with
        /// `correct`'s rules: a target of the word's length give or take `limit`, whose first
        /// letter is the word's, or whose second is (first changed), or whose first two are the
        /// word's swapped; within the distance allowed (`limit`, 1 for short words and targets,
        /// 1 when the word is a known stem plus an ending); then the least distance, the highest
        /// score (the first letter kept counts 2, plus the target's weight), the lowest rank.
        func best(for word: [UInt32], characters n: Int, limit: Int, knownStem: Bool) -> Int32? {
            let first = word[0], second = word[1]  // a word of 3 or more letters
            enum Kind { case firstKept, secondKept, swapped }
            // The runs of entries to try, the likeliest first (the first letter kept, which
            // scores more; the nearest lengths): an early good best makes the rest cheaper.
            var runs: [(entries: Range<Int>, length: Int, kind: Kind)] = []
            runs.reserveCapacity(3 * (2 * limit + 1))
            let firstBuckets = byFirst[first] ?? [], secondBuckets = bySecond[second] ?? []
            let swapBuckets = second != first ? byFirst[second] ?? [] : []
            /// n, n - 1, n + 1, n - 2...
            func length(_ step: Int) -> Int { step % 2 == 1 ? n - (step + 1) / 2 : n + step / 2 }
            for step in 0...(2 * limit) where length(step) >= 3 && length(step) < firstBuckets.count {
                runs.append((firstBuckets[length(step)], length(step), .firstKept))
            }
            for step in 0...(2 * limit) where length(step) >= 3 {
                let length = length(step)
                if length < secondBuckets.count { runs.append((secondBuckets[length], length, .secondKept)) }
                if length < swapBuckets.count { runs.append((run(of: first, in: swapBuckets[length]), length, .swapped)) }
            }
            let signature = Self.signature(word)
            var rows = [Int](repeating: 0, count: 3 * (longest + 1))
            return word.withUnsafeBufferPointer { word in
                scalars.withUnsafeBufferPointer { scalars in
                    entrySignatures.withUnsafeBufferPointer { signatures in
                        rows.withUnsafeMutableBufferPointer { rows in
                            /// The distance a target of this length may have and still be the answer.
                            func cutoff(_ length: Int, _ best: (distance: Int, score: Int, rank: Int32)?) -> Int {
                                let allowed = length <= 4 || n <= 4 || knownStem ? 1 : limit
                                return min(allowed, best?.distance ?? allowed)
                            }

                            /// Target k, whose letters do not rule out a distance within `cap`, and
                            /// which is at least `least` away: its (distance, score, rank) if it
                            /// beats `best`.
                            func consider(_ k: Int32, firstKept: Bool, cap: Int, least: Int,
                                          best: (distance: Int, score: Int, rank: Int32)?) -> (distance: Int, score: Int, rank: Int32)? {
                                let weight = weights[Int(k)]
                                if knownStem && weight < 2 { return nil }
                                let score = (firstKept ? 2 : 0) + weight
                                var cap = cap
                                if let best, !(score > best.score || (score == best.score && k < best.rank)) {
                                    // It loses a tie: only a smaller distance would do.
                                    cap = min(cap, best.distance - 1)
                                }
                                guard cap >= least else { return nil }
                                let target = UnsafeBufferPointer(rebasing: scalars[scalarStarts[Int(k)]..<scalarStarts[Int(k) + 1]])
                                guard let d = Analyzer.distance(word, target, limit: cap, rows: rows) else { return nil }
                                if let best, !(d < best.distance
                                               || (d == best.distance && (score > best.score || (score == best.score && k < best.rank)))) {
                                    return nil
                                }
                                return (d, score, k)
                            }

                            var best: (distance: Int, score: Int, rank: Int32)?
                            // First only the targets within one edit: most typos have one, and then
                            // it is the answer, found with the tightest bounds. Else all again.
                            for ceiling in limit > 1 && !knownStem ? [1, limit] : [1] where best == nil {
                                // The second time, every target is two edits away or more.
                                let nearest = ceiling == 1 ? 0 : 2
                                for run in runs {
                                    // At most `cap` letters of the word missing from the target, and
                                    // of the target missing from the word (see `signature`); and when
                                    // the word has `longer` more scalars, `longer` more go one way
                                    // than the other, which tightens one of the two bounds.
                                    let longer = word.count - run.length
                                    // The fewest edits a target of the run can be away (a changed
                                    // first letter is one).
                                    let least = max(nearest, abs(longer), run.kind == .firstKept ? 0 : 1)
                                    var cap = min(ceiling, cutoff(run.length, best))
                                    var wordExtra = cap + min(0, longer), targetExtra = cap - max(0, longer)
                                    var e = run.entries.lowerBound, end = run.entries.upperBound
                                    // Past the targets that would win a tie with the best, none can
                                    // beat it when it is as close as they can be.
                                    if run.kind == .secondKept, let best, best.distance <= least {
                                        end = tieWinners(in: e..<end, over: best)
                                    }
                                    while wordExtra >= 0 && targetExtra >= 0 {
                                        e = Self.nextCandidate(signatures, from: e, to: end, signature: signature,
                                                               wordExtra: wordExtra, targetExtra: targetExtra)
                                        guard e < end else { break }
                                        // (Second letter kept, first changed: the others are first-kept targets.)
                                        if run.kind != .secondKept || entryLeads[e] != first,
                                           let better = consider(entryTargets[e], firstKept: run.kind == .firstKept, cap: cap,
                                                                 least: least, best: best) {
                                            best = better
                                            cap = min(ceiling, cutoff(run.length, better))
                                            (wordExtra, targetExtra) = (cap + min(0, longer), cap - max(0, longer))
                                            if run.kind == .secondKept, better.distance <= least {
                                                end = tieWinners(in: e + 1..<end, over: better)
                                            }
                                        }
                                        e += 1
                                    }
                                }
                                for k in irregular where abs(lengths[Int(k)] - n) <= limit && lengths[Int(k)] >= 3 {
                                    let start = scalarStarts[Int(k)]
                                    let (a, b) = (scalars[start], scalars[start + 1])
                                    if a == first || b == second || (a == second && b == first),
                                       let better = consider(k, firstKept: a == first, cap: min(ceiling, cutoff(lengths[Int(k)], best)),
                                                             least: nearest, best: best) {
                                        best = better
                                    }
                                }
                            }
                            return best?.rank
                        }
                    }
                }
            }
        }
    }

    /// Optimal-string-alignment distance, or nil when above `limit`. Only the cells within
    /// `limit` of the diagonal can be within `limit`, so only those are worked out (a cell off
    /// the band reads as `limit + 1`, which changes no value within `limit`); and it stops at a
    /// row with nothing within `limit`, as no later row can get back under it. `rows` is
    /// working space for three rows of `b.count + 1`.
    static func distance(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, limit: Int,
                         rows: UnsafeMutableBufferPointer<Int>) -> Int? {
        let m = a.count, n = b.count
        if abs(m - n) > limit { return nil }
        if limit <= 1 { return distanceWithinOne(a, b, limit: limit) }
        let over = limit + 1
        // Three rows in one buffer: prev2, prev, cur, rotated by offset.
        var prev2 = 0, prev = n + 1, cur = 2 * (n + 1)
        for j in 0...n { rows[prev + j] = min(j, over) }
        for i in 1...m {
            let low = max(1, i - limit), high = min(n, i + limit)
            // The cells either side of the band, as the next rows read them.
            rows[cur + low - 1] = low == 1 ? min(i, over) : over
            if high < n { rows[cur + high + 1] = over }
            var rowMin = rows[cur + low - 1]
            let c = a[i - 1]
            for j in low...high {
                let cost = c == b[j - 1] ? 0 : 1
                var v = min(rows[prev + j] + 1, rows[cur + j - 1] + 1, rows[prev + j - 1] + cost)
                if i > 1, j > 1, c == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, rows[prev2 + j - 2] + 1) }
                rows[cur + j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return nil }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return rows[prev + n] <= limit ? rows[prev + n] : nil
    }

    /// `distance` for a limit of 0 or 1, the usual one once a close target is found, in one
    /// pass: past their common start, the rest must match after one substitution, one letter
    /// more on one side, or two neighbours swapped.
    static func distanceWithinOne(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, limit: Int) -> Int? {
        let m = a.count, n = b.count
        if abs(m - n) > limit { return nil }
        var i = 0
        while i < m && i < n && a[i] == b[i] { i += 1 }
        if i == m && i == n { return 0 }
        if limit == 0 { return nil }
        /// Whether `a` from `x` on is `b` from `y` on.
        func same(_ x: Int, _ y: Int) -> Bool {
            guard m - x == n - y else { return false }
            var (x, y) = (x, y)
            while x < m {
                if a[x] != b[y] { return false }
                x += 1
                y += 1
            }
            return true
        }
        if m > n { return same(i + 1, i) ? 1 : nil }
        if m < n { return same(i, i + 1) ? 1 : nil }
        if same(i + 1, i + 1) { return 1 }
        return i + 1 < m && a[i] == b[i + 1] && a[i + 1] == b[i] && same(i + 2, i + 2) ? 1 : nil
    }
}
