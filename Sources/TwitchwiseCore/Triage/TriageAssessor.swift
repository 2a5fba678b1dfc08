/// Reads a message for emergencies: finds the features and cues of `Triage` content, works out
/// each feature mention's context, and reports the presentations whose features hold together.
///
/// Every step is linear in the message (a term look-up per word, scopes marked in single sweeps,
/// at most `TriageText.wordLimit` words), so no message can hold the CPU (issue 22).
public struct TriageAssessor: Sendable {
    public let triage: Triage
    /// Every stem and exact word of the terms, numbered: a message's words are looked up here once
    /// each, and terms compare the numbers (`TriageText.Token.wordID`, `stemID`).
    private let ids: [String: Int32]
    /// Terms of features and cues by the number of their first stem; those starting with a
    /// number apart.
    private let terms: [[Entry]]
    private let numberTerms: [Entry]
    /// `unless` terms by the number of their first stem: other senses, which do not consume words.
    private let senseTerms: [[Entry]]
    private let senseNumberTerms: [Entry]
    private let variants: [String: [String]]
    private let phrases: TriagePhrases
    /// Stems of the triage vocabulary that a misspelt word may be corrected to, by length.
    private let vocabulary: [Int: [(stem: String, bytes: [UInt8])]]
    private let vocabularyStems: Set<String>
    private let isKnownWord: @Sendable (String) -> Bool
    /// By feature: whether it is a finding, not a word others need to say who (a person), which
    /// makes no clause "about" something.
    let findingFeatures: [Bool]
    /// Each presentation's patterns and exposure as feature numbers.
    let compiled: [CompiledPresentation]

    enum Owner: Sendable, Equatable {
        case feature(Int)
        case cue(ContextCue.Kind)
    }

    /// A term's word as matched: a stem or exact word by its number, a number range, or a gap.
    enum TermWord: Sendable {
        case stem(Int32)
        case word(Int32)
        case number(low: Double, high: Double)
        case rising(low: Double, high: Double)
        case gap
    }

    struct Entry: Sendable {
        let owner: Owner
        let words: [TermWord]
    }

    struct CompiledPresentation: Sendable {
        /// Alternatives, each a list of groups of feature numbers.
        let patterns: [[[Int]]]
        let exposure: [Int]
        let needsExposure: Bool
    }

    /// - Parameters:
    ///   - variants: the lexicon's spelling variants, read before the triage's own.
    ///   - isKnownWord: real words, which spelling correction never changes.
    public init(_ triage: Triage, variants: [String: [String]] = [:],
                isKnownWord: @escaping @Sendable (String) -> Bool = { _ in false }) {
        self.triage = triage
        var ids: [String: Int32] = [:]
        func id(_ string: String) -> Int32 {
            if let known = ids[string] { return known }
            let new = Int32(ids.count)
            ids[string] = new
            return new
        }
        var byFirst: [Int32: [Entry]] = [:], numbers: [Entry] = []
        var senses: [Int32: [Entry]] = [:], senseNumbers: [Entry] = []
        func add(_ words: [TriageWord], _ owner: Owner, into table: inout [Int32: [Entry]], _ numbered: inout [Entry]) {
            let compiled = words.map { word -> TermWord in
                switch word {
                case .stem(let stem): return .stem(id(stem))
                case .word(let word): return .word(id(word))
                case .number(let low, let high): return .number(low: low, high: high)
                case .rising(let low, let high): return .rising(low: low, high: high)
                case .gap: return .gap
                }
            }
            switch words.first {
            case .stem(let stem): table[id(stem), default: []].append(Entry(owner: owner, words: compiled))
            case .word(let word): table[id(Stemmer.stem(word)), default: []].append(Entry(owner: owner, words: compiled))
            case .number, .rising: numbered.append(Entry(owner: owner, words: compiled))
            case .gap, nil: break  // refused by the loader
            }
        }
        var stems = Set<String>()
        for (f, feature) in triage.features.enumerated() {
            for term in feature.terms {
                add(term, .feature(f), into: &byFirst, &numbers)
                for case .stem(let s) in term { stems.insert(s) }
            }
            for term in feature.unless { add(term, .feature(f), into: &senses, &senseNumbers) }
        }
        for cue in triage.cues {
            for term in cue.terms {
                add(term, .cue(cue.kind), into: &byFirst, &numbers)
                // People texting leave out the article a time opens with ("long time ago", "while back").
                if cue.kind == .historical, term.count > 2, Self.isArticle(term[0]) {
                    add(Array(term.dropFirst()), .cue(cue.kind), into: &byFirst, &numbers)
                }
            }
        }
        self.ids = ids
        terms = (0..<ids.count).map { byFirst[Int32($0)] ?? [] }
        numberTerms = numbers
        senseTerms = (0..<ids.count).map { senses[Int32($0)] ?? [] }
        senseNumberTerms = senseNumbers
        self.variants = variants.merging(triage.variants) { _, own in own }
        phrases = TriagePhrases(triage.variants)
        vocabularyStems = stems
        vocabulary = Dictionary(grouping: stems.filter { $0.utf8.count >= 5 }.map { ($0, Array($0.utf8)) }, by: { $0.bytes.count })
        self.isKnownWord = isKnownWord
        let needed = Set(triage.features.flatMap(\.needs))
        findingFeatures = triage.features.map { !needed.contains($0.id) }
        let index = Dictionary(triage.features.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        compiled = triage.presentations.map { p in
            CompiledPresentation(patterns: p.patterns.map { $0.map { $0.compactMap { index[$0] } } },
                                 exposure: p.exposure.compactMap { index[$0] }, needsExposure: !p.exposure.isEmpty)
        }
    }

    /// Whether a term of a feature or cue starts with this stem.
    private func startsTerm(_ stem: String) -> Bool {
        guard let id = ids[stem] else { return false }
        return !terms[Int(id)].isEmpty
    }

    // MARK: Assessment

    /// What the triage layer found in a message.
    public struct Assessment: Sendable {
        /// The presentations that hold, most urgent first (content order within a level).
        public var presentations: [Presentation] = []
        /// Each feature mention: its words, and the cue that kept it from counting, if any.
        public var mentions: [Mention] = []
        public var corrections: [(from: String, to: String)] = []
        /// The message as triage read it (words after variants and spelling fixes).
        public var normalized = ""

        public var top: Presentation? { presentations.first }
    }

    public struct Mention: Sendable {
        public var feature: String
        public var words: String
        /// Why it does not count: "negated by 'no'", "another sense: 'engine'"; nil when affirmed.
        public var blockedBy: String?
        /// Not negated nor only supposed: enough for an exposure (a wound a week ago).
        public var mentioned: Bool
        var sentence: Int
        /// The feature's number in `Triage.features`.
        var index: Int
    }

    public func assess(_ message: String) -> Assessment {
        var text = TriageText(message, variants: variants, phrases: phrases, correct: correction)
        for k in text.tokens.indices {
            text.tokens[k].wordID = ids[text.tokens[k].word] ?? -1
            text.tokens[k].stemID = ids[text.tokens[k].stem] ?? -1
        }
        let found = match(&text)
        var result = Assessment()
        result.corrections = text.corrections
        result.normalized = text.tokens.map(\.word).joined(separator: " ")
        result.mentions = Self.resolvingThroughout(context(found, in: text))
        var lengths: [Int] = []
        for token in text.tokens {
            while lengths.count <= token.sentence { lengths.append(0) }
            lengths[token.sentence] += 1
        }
        result.presentations = presentations(holding: result.mentions, sentenceLengths: lengths)
        return result
    }

    /// Whether some presentation could hold with these features and those of these mentions,
    /// counted or not: reading two messages together finds no feature that neither finds alone (a
    /// term keeps to its sentence), so a pair need not be read when this is false.
    func couldHold(with features: [Int], _ mentions: [Mention]) -> Bool {
        var found = [Bool](repeating: false, count: triage.features.count)
        for f in features { found[f] = true }
        for m in mentions { found[m.index] = true }
        return compiled.contains { c in
            (!c.needsExposure || c.exposure.contains { found[$0] })
                && c.patterns.contains { $0.allSatisfy { $0.contains { found[$0] } } }
        }
    }

    /// A found term: whose it is, and the words it spans.
    struct Found {
        let owner: Owner
        let start: Int
        let end: Int
    }

    /// The terms found. Features may overlap (one word can be a fever and a symptom at once); a
    /// cue is found left to right, the longest at each word, and not inside a feature's words
    /// (the "not" of "can not breathe" negates nothing). Terminator and present-time cues start
    /// new clauses.
    private func match(_ text: inout TriageText) -> [Found] {
        let tokens = text.tokens
        var features: [Found] = []
        var cues: [Found] = []
        var coveredUntil = 0   // the end of the features found so far that started before the word
        var cueUntil = 0       // words before this are part of a cue found already
        // The end of the feature words covering each word (0: none).
        var covered = [Int](repeating: 0, count: tokens.count)
        for i in tokens.indices {
            var longest: [Int: Int] = [:]  // feature -> end
            for entry in entries(at: tokens[i]) {
                guard case .feature(let f) = entry.owner, let end = Self.end(of: entry.words, at: i, in: tokens) else { continue }
                longest[f] = max(longest[f] ?? 0, end)
            }
            for (f, end) in longest.sorted(by: { $0.key < $1.key }) {
                features.append(Found(owner: .feature(f), start: i, end: end))
                coveredUntil = max(coveredUntil, end)
            }
            if i < coveredUntil { covered[i] = coveredUntil }
        }
        for i in tokens.indices where i >= cueUntil {
            var best: Found?
            for entry in entries(at: tokens[i]) {
                // A cue inside a feature's words is part of the feature ("can not breathe"), except the
                // words that end a clause ("but", "now"), which stay what they are.
                guard entry.owner.isCue, let end = Self.end(of: entry.words, at: i, in: tokens),
                      end > covered[i] || entry.owner == .cue(.terminator) || entry.owner == .cue(.current) else { continue }
                if let b = best, end <= b.end { continue }
                best = Found(owner: entry.owner, start: i, end: end)
            }
            if let best {
                cues.append(best)
                cueUntil = best.end
            }
        }
        // New clauses at terminators and at the present ("but", "and now").
        var shift = 0, next = 0
        for f in cues where f.owner == .cue(.terminator) || f.owner == .cue(.current) {
            while next < f.start { text.tokens[next].clause += shift; next += 1 }
            shift += 1
        }
        while next < text.tokens.count { text.tokens[next].clause += shift; next += 1 }
        // A feature's words inside a longer cue are the cue's ("back to normal" is no back).
        // Cues do not overlap one another, so each word is in one cue at most. (An anaphor or an
        // affirmation keeps the features in its words: "it is getting worse" is worse.)
        var cueAt = [Range<Int>?](repeating: nil, count: tokens.count)
        for cue in cues where cue.owner != .cue(.anaphor) && cue.owner != .cue(.affirming) {
            for k in cue.start..<cue.end { cueAt[k] = cue.start..<cue.end }
        }
        features.removeAll { f in
            guard let cue = cueAt[f.start] else { return false }
            return cue.upperBound >= f.end && cue.count > f.end - f.start
        }
        return cues + features
    }

    /// Where `words` matching at `start` end (exclusive), or nil. A gap takes up to three words
    /// within the sentence, as few as needed.
    static func end(of words: [TermWord], at start: Int, in tokens: [TriageText.Token]) -> Int? {
        func matches(_ w: TermWord, _ t: TriageText.Token) -> Bool {
            switch w {
            case .stem(let s): return t.stemID == s || t.wordID == s
            case .word(let w): return t.wordID == w
            case .number(let low, let high), .rising(let low, let high): return t.number.map { $0 >= low && $0 <= high } ?? false
            case .gap: return false
            }
        }
        func from(_ k: Int, _ p: Int) -> Int? {
            if k == words.count { return p }
            guard p < tokens.count, tokens[p].sentence == tokens[start].sentence else { return nil }
            if case .gap = words[k] {
                // Skip as few words as needed, at most three, all in the sentence.
                var q = p
                while true {
                    if let e = from(k + 1, q) { return e }
                    guard q - p < 3, q < tokens.count, tokens[q].sentence == tokens[start].sentence else { return nil }
                    q += 1
                }
            }
            if case .rising(let low, let high) = words[k] {
                // A higher number in the range, at most eight words on in the sentence.
                guard let first = tokens[p].number, first >= low, first <= high else { return nil }
                var q = p + 1
                while q < tokens.count, q - p <= 8, tokens[q].sentence == tokens[start].sentence {
                    if let next = tokens[q].number, next > first, next <= high { return from(k + 1, q + 1) }
                    q += 1
                }
                return nil
            }
            return matches(words[k], tokens[p]) ? from(k + 1, p + 1) : nil
        }
        return from(0, start)
    }

    /// A misspelt word's triage word: one edit from a vocabulary stem of six letters or more with the
    /// same first letter (people rarely mistype that one), when that stem is the only one so close.
    /// Real words are left alone; a wider reach turned drug and place names into signs
    /// ("sulfonate" into "suffocate", "stairway" into "airway").
    private func correction(_ word: String) -> String? {
        // Dropped g's, as people type them: "jerkin", "lockin", "burnin".
        if word.hasSuffix("in"), word.utf8.count >= 5, !startsTerm(Stemmer.stem(word)),
           startsTerm(Stemmer.stem(word + "g")) || vocabularyStems.contains(Stemmer.stem(word + "g")) {
            return word + "g"
        }
        let stem = Stemmer.stem(word)
        let n = stem.utf8.count
        guard n >= 5, n <= 20, !startsTerm(stem), word.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) else { return nil }
        let bytes = Array(stem.utf8)
        var best: (stem: String, distance: Int)?, tie = false
        for length in (n - 1)...(n + 1) {
            for candidate in vocabulary[length] ?? [] where candidate.bytes.first == bytes.first {
                let d = Self.edits(bytes, candidate.bytes)
                guard d <= 1 else { continue }
                if let b = best, d > b.distance { continue }
                tie = best.map { $0.distance == d && $0.stem != candidate.stem } ?? false
                best = (candidate.stem, d)
            }
        }
        // (Real words are looked up last: most words have no near stem at all.)
        guard let best, !tie, !isKnownWord(word), !isKnownWord(stem) else { return nil }
        return best.stem
    }

    /// The edits between two words, 0 or 1, or 2 for more: one letter added, dropped or changed, or
    /// two neighbours swapped (optimal string alignment distance, capped at 2).
    static func edits(_ x: [UInt8], _ y: [UInt8]) -> Int {
        guard abs(x.count - y.count) <= 1 else { return 2 }
        // Past the common start and end, at most a letter or a swapped pair may be left.
        var start = 0
        while start < x.count, start < y.count, x[start] == y[start] { start += 1 }
        if start == x.count, start == y.count { return 0 }
        var endX = x.count, endY = y.count
        while endX > start, endY > start, x[endX - 1] == y[endY - 1] { endX -= 1; endY -= 1 }
        let restX = endX - start, restY = endY - start
        if restX <= 1, restY <= 1 { return 1 }
        if restX == 2, restY == 2, x[start] == y[start + 1], x[start + 1] == y[start] { return 1 }
        return 2
    }

    /// The feature and cue terms that may start at a word: those of its stem, and the number
    /// terms when it is a number.
    func entries(at token: TriageText.Token) -> [Entry] {
        Self.entries(at: token, in: terms, numbers: numberTerms)
    }

    /// The `unless` terms that may start at a word.
    func senseEntries(at token: TriageText.Token) -> [Entry] {
        Self.entries(at: token, in: senseTerms, numbers: senseNumberTerms)
    }

    private static func entries(at token: TriageText.Token, in table: [[Entry]], numbers: [Entry]) -> [Entry] {
        let own = token.stemID >= 0 ? table[Int(token.stemID)] : []
        return token.number == nil ? own : own + numbers
    }
}

extension TriageAssessor {
    /// Whether a cue's word is an article ("a long time ago").
    static func isArticle(_ word: TriageWord) -> Bool {
        switch word {
        case .stem(let w), .word(let w): return articles.contains(w)
        default: return false
        }
    }
}

extension TriageAssessor.Owner {
    var isCue: Bool { if case .cue = self { return true } else { return false } }
}
