import Foundation

/// One intent's score for a message, with the evidence behind it.
public struct Candidate: Sendable {
    public var intent: String
    public var score: Double
    /// The example (or pattern) that scored best.
    public var evidence: String
    public var viaPattern: Bool

    public init(intent: String, score: Double, evidence: String, viaPattern: Bool) {
        self.intent = intent
        self.score = score
        self.evidence = evidence
        self.viaPattern = viaPattern
    }
}

/// Scores intents against an analysed message: weighted feature overlap with
/// each intent's examples (concepts count as one feature, so synonyms agree),
/// `requires` gates, and exact patterns. Examples are reached through an
/// inverted index, so the cost grows with the message, not the content.
///
/// Everything is numbered at build time (features, examples, intents, slots)
/// and kept in flat arrays: ranking a message allocates a few arrays and
/// hashes no strings but the message's own words.
public struct Matcher: Sendable {
    /// What to do with small talk (greet, help...) after scoring: the engine's rules.
    public enum SmallTalk: Sendable {
        case keep
        /// Halved: the message has a word about muscles.
        case halve
        /// Removed: the message is about something else.
        case drop
    }

    public let analyzer: Analyzer
    public let intents: [Intent]
    private let intentDomain: [Bool]
    private let intentIndex: [String: Int32]

    // Features: `c:concept` and `w:stem`, numbered.
    private let featureIDs: [String: Int32]
    private let weights: [Double]
    /// Concept index (the lexicon's order) -> feature id, or -1 when no example has it.
    private let conceptFeature: [Int32]
    /// Stem id (the analyser's) -> feature id, or -1.
    private let stemFeature: [Int32]
    /// Stem id -> whether it is the stem of a stop word.
    private let stopStem: [Bool]
    /// Concept index -> slot index, or -1.
    private let conceptSlot: [Int32]
    private let slotByConcept: [String: String]
    private let slotCount: Int
    private let domainConcept: [Bool]

    // Examples, in flat arrays.
    private let exampleText: [String]
    private let exampleNorm2: [Double]
    /// `norm2^-a`, the recall's share `a` of the example's intent taken in advance.
    private let exampleScale: [Double]
    /// The tables bounds read powers from (`powerAbove`).
    private let powers = Matcher.powerTables()
    /// Per example, the slots it names, in `exampleSlots[exampleSlotStart[e]..<exampleSlotStart[e+1]]`:
    /// for each slot, its index, how many of its concepts the example names, and those concepts.
    private let exampleSlotStart: [Int32]
    private let exampleSlots: [Int32]

    /// Per example, its features in increasing order: `exampleFeatures[exampleFeatureStart[e]..<exampleFeatureStart[e+1]]`.
    private let exampleFeatureStart: [Int32]
    private let exampleFeatures: [Int32]
    /// Per intent, its examples: `intentExampleStart[i]..<intentExampleStart[i+1]`.
    private let intentExampleStart: [Int32]
    /// Feature -> (intent, centroid value): each intent's centroid, by feature. An intent is
    /// listed under a feature when one of its examples has it, so this is also the index
    /// from a message's features to the intents they reach.
    private let centroidStart: [Int32]
    private let centroidEntries: [CentroidEntry]

    /// One intent under one feature: its centroid's value, and the least norm2 of its examples
    /// that have the feature (so a shared feature weighs at most `contribution / leastNorm2` in recall).
    struct CentroidEntry: Sendable {
        var intent: Int32
        var value: Double
        /// 1 / the least norm2 (a product is cheaper than a quotient in the hot loop).
        var inverseLeastNorm2: Double
    }
    private let centroidNorms: [Double]

    /// Each intent's `requires` groups, numbered as the analyser numbers concepts and stems.
    private let requires: [[[CompiledTerm]]]
    /// Concept id -> its index in the lexicon (the analyser's numbering).
    private var conceptIndex: [String: Int32] { analyzer.conceptIndex }

    /// Per intent, per pattern, per element but wildcards: the keys (`patternKey`) that element
    /// accepts. A message can match a pattern only when each element has a key in it.
    private let patternNeeds: [[[[Int64]]]]
    /// One element's keys -> the patterns (intent, pattern) to try when the message has it.
    private let patternIndex: [Int64: [(intent: Int32, pattern: Int32)]]
    private let hasPatterns: Bool
    private static func patternKey(word stem: Int32) -> Int64 { 1 << 32 | Int64(stem) }
    private static func patternKey(concept: Int32) -> Int64 { 2 << 32 | Int64(concept) }
    private static func patternKey(slot: Int32) -> Int64 { 3 << 32 | Int64(slot) }

    /// How much the best example counts against the intent's centroid.
    static let exampleShare = 0.6
    static let centroidScale = 1.6
    /// Plain words count less than concepts (which gather synonyms and carry the meaning).
    static let wordShare = 0.6
    /// What a word no intent uses weighs in the message: it makes the message less like every intent.
    static let unknownWordWeight = 1.6
    /// An example naming another value of a slot the message fills ("spasm" for "twitch") counts less.
    static let slotConflict = 0.75
    /// Features said only about the past count this much.
    static let pastShare = 0.4
    /// The recall's share in an example's score: small talk must be most of the message
    /// ("can you help me file my taxes" is not a request for help).
    static func recallShare(domain: Bool) -> Double { domain ? 0.6 : 0.35 }

    public init(content: Content) {
        let lexicon = content.lexicon
        var vocabulary: [String] = []
        var stems: [String] = []
        /// Each example's and question's pieces, in order: split once, read twice.
        var textPieces: [[Normalizer.Piece]] = []
        func words(_ text: String) { for piece in Normalizer.pieces(text) { if case .word(let w) = piece { vocabulary.append(w) } } }
        for flag in content.redFlags {
            for sign in flag.signs { for group in sign { for case .stems(let s) in group { s.forEach(words); stems += s } } }
        }
        for intent in content.intents {
            for pattern in intent.patterns { for case .word(let s) in pattern.elements { stems += s.sorted() } }
            for group in intent.requires { for case .stems(let s) in group { s.forEach(words); stems += s } }
            for pattern in intent.patterns { words(pattern.source) }
            for text in intent.examples.map(\.text) + [intent.question] {
                let pieces = Normalizer.pieces(text)
                for case .word(let w) in pieces { vocabulary.append(w) }
                textPieces.append(pieces)
            }
        }
        let analyzer = Analyzer(lexicon: lexicon, extraVocabulary: vocabulary, extraStems: stems, negators: content.negators,
                                pastMarkers: content.pastMarkers)
        self.analyzer = analyzer
        self.intents = content.intents
        self.intentDomain = content.intents.map(\.domain)
        self.intentIndex = Dictionary(content.intents.enumerated().map { ($0.element.id, Int32($0.offset)) }, uniquingKeysWith: { a, _ in a })
        self.slotByConcept = Dictionary(lexicon.concepts.compactMap { c in c.slot.map { (c.id, $0) } }, uniquingKeysWith: { a, _ in a })
        let slotNames = Array(Set(lexicon.concepts.compactMap(\.slot))).sorted()
        let slotIndex = Dictionary(uniqueKeysWithValues: slotNames.enumerated().map { ($0.element, Int32($0.offset)) })
        self.slotCount = slotNames.count
        self.conceptSlot = lexicon.concepts.map { c in c.slot.flatMap { slotIndex[$0] } ?? -1 }
        self.domainConcept = lexicon.concepts.map { $0.scope == .domain }
        let stopwordStems = Set(lexicon.stopwords.map(Stemmer.stem))
        var stopStem = [Bool](repeating: false, count: analyzer.stemIDs.count)
        for (stem, id) in analyzer.stemIDs where stopwordStems.contains(stem) { stopStem[Int(id)] = true }
        self.stopStem = stopStem

        // Every example (and each intent's question) as its features.
        var ids: [String: Int32] = [:]
        var idByKey: [Int64: Int32] = [:]
        var names: [String] = []
        var raw: [(intent: Int, text: String, features: [Int32], slots: [(slot: Int32, concepts: [Int32])])] = []
        // Per feature: how many intents have it, and the last one counted (examples come intent by intent).
        var intentCount: [Int] = []
        var lastIntent: [Int] = []
        var textNumber = 0
        for (i, intent) in content.intents.enumerated() {
            for text in intent.examples.map(\.text) + [intent.question] {
                let analysis = analyzer.analyze(text, pieces: textPieces[textNumber])
                textNumber += 1
                var slots: [Int32: [Int32]] = [:]
                for match in analysis.concepts where conceptSlot[Int(match.conceptIndex)] >= 0 {
                    let slot = conceptSlot[Int(match.conceptIndex)]
                    if slots[slot]?.contains(match.conceptIndex) != true { slots[slot, default: []].append(match.conceptIndex) }
                }
                // The features `featureNames` gives, in its order, numbered without building their names
                // (a concept by its index, a word by its stem's id): names only for new features.
                var list: [Int32] = []
                func add(_ key: Int64, _ name: @autoclosure () -> String) {
                    let id: Int32
                    if let known = idByKey[key] { id = known } else {
                        id = Int32(names.count)
                        idByKey[key] = id
                        let name = name()
                        ids[name] = id
                        names.append(name)
                        intentCount.append(0)
                        lastIntent.append(-1)
                    }
                    if !list.contains(id) {
                        list.append(id)
                        if lastIntent[Int(id)] != i {
                            lastIntent[Int(id)] = i
                            intentCount[Int(id)] += 1
                        }
                    }
                }
                for match in analysis.concepts { add(1 << 40 | Int64(match.conceptIndex), "c:" + match.concept) }
                for (t, token) in analysis.tokens.enumerated() where !analysis.covered[t] {
                    add(token.stemID >= 0 ? 2 << 40 | Int64(token.stemID) : Int64(token.stem.hashValue) & ~(3 << 40), "w:" + token.stem)
                }
                if !list.isEmpty { raw.append((i, text, list, slots.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })) }
            }
        }
        let n = Double(max(1, content.intents.count))
        var w = [Double](repeating: 0, count: names.count)
        for (id, name) in names.enumerated() {
            let df = Double(max(1, intentCount[id]))
            var weight = log(1 + n / df)
            if name.hasPrefix("w:") { weight *= stopwordStems.contains(String(name.dropFirst(2))) ? 0.25 : Self.wordShare }
            if name.hasPrefix("c:") { weight *= 1.2 * (lexicon.concept(String(name.dropFirst(2)))?.weight ?? 1) }
            w[id] = weight
        }
        self.featureIDs = ids
        self.weights = w
        var conceptFeature = [Int32](repeating: -1, count: lexicon.concepts.count)
        for (k, concept) in lexicon.concepts.enumerated() { conceptFeature[k] = ids["c:" + concept.id] ?? -1 }
        self.conceptFeature = conceptFeature
        var stemFeature = [Int32](repeating: -1, count: analyzer.stemIDs.count)
        for (stem, id) in analyzer.stemIDs { stemFeature[Int(id)] = ids["w:" + stem] ?? -1 }
        self.stemFeature = stemFeature

        // Examples, postings and centroids.
        var exampleText: [String] = [], exampleNorm2: [Double] = [], exampleScale: [Double] = []
        var slotStart: [Int32] = [0], slotList: [Int32] = []
        var featureStart: [Int32] = [0], featureList: [Int32] = []
        var intentStart = [Int32](repeating: 0, count: content.intents.count + 1)
        // Per intent, per feature: how many of its examples have it, and the least norm2 among them.
        var centroid = [[(feature: Int32, count: Double, least: Double)]](repeating: [], count: content.intents.count)
        var place = [Int32](repeating: -1, count: names.count)  // feature -> its place in the current intent's list
        var current = -1
        var counts = [Int](repeating: 0, count: content.intents.count)
        for (intent, text, list, slots) in raw {
            let features = list.sorted()  // each feature once already
            let norm2 = features.reduce(0) { $0 + w[Int($1)] * w[Int($1)] }
            featureList += features
            featureStart.append(Int32(featureList.count))
            if intent != current {
                if current >= 0 { for entry in centroid[current] { place[Int(entry.feature)] = -1 } }
                current = intent
            }
            for id in features {
                if place[Int(id)] < 0 {
                    place[Int(id)] = Int32(centroid[intent].count)
                    centroid[intent].append((id, 0, .infinity))
                }
                let k = Int(place[Int(id)])
                centroid[intent][k].count += 1
                centroid[intent][k].least = min(centroid[intent][k].least, norm2)
            }
            intentStart[intent + 1] = Int32(exampleText.count + 1)
            counts[intent] += 1
            exampleText.append(text)
            exampleNorm2.append(norm2)
            exampleScale.append(pow(norm2, -Self.recallShare(domain: content.intents[intent].domain)))
            for (slot, concepts) in slots { slotList += [slot, Int32(concepts.count)] + concepts }
            slotStart.append(Int32(slotList.count))
        }
        self.exampleText = exampleText
        self.exampleNorm2 = exampleNorm2
        self.exampleScale = exampleScale
        self.exampleSlotStart = slotStart
        self.exampleSlots = slotList
        self.exampleFeatureStart = featureStart
        self.exampleFeatures = featureList
        // Examples come intent by intent; an intent without any starts where the previous one ended.
        for i in 1..<intentStart.count where intentStart[i] < intentStart[i - 1] { intentStart[i] = intentStart[i - 1] }
        self.intentExampleStart = intentStart

        var byFeature = [[CentroidEntry]](repeating: [], count: names.count)
        var norms = [Double](repeating: 0, count: content.intents.count)
        for i in centroid.indices {
            var norm2 = 0.0
            for (id, count, least) in centroid[i].sorted(by: { $0.feature < $1.feature }) {
                let value = count / Double(max(1, counts[i])) * w[Int(id)]
                byFeature[Int(id)].append(CentroidEntry(intent: Int32(i), value: value, inverseLeastNorm2: 1 / least))
                norm2 += value * value
            }
            norms[i] = sqrt(norm2)
        }
        var centroidStart: [Int32] = [0], centroidEntries: [CentroidEntry] = []
        for list in byFeature {
            centroidEntries += list
            centroidStart.append(Int32(centroidEntries.count))
        }
        self.centroidStart = centroidStart
        self.centroidEntries = centroidEntries
        self.centroidNorms = norms

        // Patterns: what each element needs, indexed by one element (a concept
        // rather than a word, a word rather than a slot: the rarer in messages).
        var patternIndex: [Int64: [(intent: Int32, pattern: Int32)]] = [:]
        var patternNeeds: [[[[Int64]]]] = []
        for (i, intent) in content.intents.enumerated() {
            var needs: [[[Int64]]] = []
            for (k, pattern) in intent.patterns.enumerated() {
                var elements: [(rank: Int, keys: [Int64])] = []
                for element in pattern.elements {
                    switch element {
                    case .word(let stems): elements.append((1, stems.sorted().compactMap { analyzer.stemIDs[$0].map(Self.patternKey(word:)) }))
                    case .concept(let id): elements.append((0, [analyzer.conceptIndex[id].map(Self.patternKey(concept:)) ?? -1]))
                    case .slot(let slot): elements.append((2, [slotIndex[slot].map(Self.patternKey(slot:)) ?? -1]))
                    case .wildcard: break
                    }
                }
                needs.append(elements.map(\.keys))
                let anchor = elements.enumerated().min { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
                for key in anchor?.element.keys ?? [] { patternIndex[key, default: []].append((Int32(i), Int32(k))) }
            }
            patternNeeds.append(needs)
        }
        self.patternIndex = patternIndex
        self.patternNeeds = patternNeeds
        self.requires = content.intents.map { $0.requires.map(analyzer.compile) }
        self.hasPatterns = !patternIndex.isEmpty
    }

    /// Feature names of a message: `c:concept` for recognised concepts, `w:stem` for other words.
    static func featureNames(_ analysis: Analysis) -> [String] {
        var covered = Set<Int>()
        var names: [String] = []
        var seen = Set<String>()
        for match in analysis.concepts {
            covered.formUnion(match.range)
            let name = "c:" + match.concept
            if seen.insert(name).inserted { names.append(name) }
        }
        for (i, token) in analysis.tokens.enumerated() where !covered.contains(i) {
            let name = "w:" + token.stem
            if seen.insert(name).inserted { names.append(name) }
        }
        return names
    }

    public func slot(ofConcept id: String) -> String? { slotByConcept[id] }

    /// Whether the message itself meets an intent's `requires` (an intent with none never does):
    /// then it is about that intent's subject even without a word about muscles ("does stretching help?").
    public func meetsRequirements(_ intent: Intent, _ analysis: Analysis) -> Bool {
        guard let i = intentIndex[intent.id], !requires[Int(i)].isEmpty else { return false }
        return requires[Int(i)].allSatisfy { group in group.contains { Self.present($0, in: analysis, affirmed: false) } }
    }

    /// A `requires` or red-flag term, numbered as the analyser numbers concepts and stems
    /// (-1: a concept the lexicon lacks, never present).
    public enum CompiledTerm: Sendable {
        case concept(Int32)
        case stems([Int32])
    }

    /// `term`, numbered by this matcher's analyser.
    public func compile(_ term: Term) -> CompiledTerm { analyzer.compile(term) }

    /// Whether the term is in the message; with `affirmed`, neither negated nor in the past.
    public static func present(_ term: CompiledTerm, in analysis: Analysis, affirmed: Bool) -> Bool {
        switch term {
        case .concept(let id):
            return analysis.concepts.contains { $0.conceptIndex == id && (!affirmed || (!$0.negated && !$0.past)) }
        case .stems(let stems):
            let tokens = analysis.tokens
            guard !stems.isEmpty, stems.count <= tokens.count else { return false }
            for start in 0...(tokens.count - stems.count) {
                if affirmed && (analysis.negated[start] || analysis.past[start]) { continue }
                var k = 0
                while k < stems.count, stems[k] >= 0, tokens[start + k].stemID == stems[k] { k += 1 }
                if k == stems.count { return true }
            }
            return false
        }
    }

    /// Whether the message has a feature some intent knows, leaving out stop words and the concept `ignoring`.
    public func hasKnownFeature(_ analysis: Analysis, ignoring: String? = nil) -> Bool {
        let covered = analysis.covered
        for match in analysis.concepts where match.concept != ignoring && conceptFeature[Int(match.conceptIndex)] >= 0 { return true }
        for (i, token) in analysis.tokens.enumerated() where !covered[i] && token.stemID >= 0 {
            if stemFeature[Int(token.stemID)] >= 0 && !stopStem[Int(token.stemID)] { return true }
        }
        return false
    }

    /// How many content words of the message no intent knows.
    public func unknownWordCount(_ analysis: Analysis) -> Int {
        let covered = analysis.covered
        var count = 0
        for (i, t) in analysis.tokens.enumerated() where !covered[i] {
            if t.stemID >= 0 && (stemFeature[Int(t.stemID)] >= 0 || stopStem[Int(t.stemID)]) { continue }
            if t.word.allSatisfy(\.isLetter) { count += 1 }
        }
        return count
    }

    /// Feature names of a text as a message would give them (for context carried from an intent's question).
    public func features(of text: String) -> [String] { Self.featureNames(analyzer.analyze(text)) }

    /// In a story of three sentences or more, the question is usually the last
    /// sentence that asks something: it is ranked alone too, and counts as much as the whole.
    static let focusShare = 0.6
    static func focus(_ analysis: Analysis) -> Analysis? {
        guard let last = analysis.tokens.last, last.sentence >= 2 else { return nil }
        var sentence = last.sentence
        let questionWords: Set<String> = ["what", "why", "how", "can", "could", "should", "is", "does", "do", "will", "would", "which", "when"]
        for s in stride(from: last.sentence, through: 0, by: -1) {
            if let first = analysis.tokens.first(where: { $0.sentence == s }), questionWords.contains(first.word) { sentence = s; break }
        }
        let keep = analysis.tokens.indices.filter { analysis.tokens[$0].sentence == sentence }
        guard let lo = keep.first, let hi = keep.last else { return nil }
        var sub = analysis
        sub.tokens = Array(analysis.tokens[lo...hi])
        sub.negated = Array(analysis.negated[lo...hi])
        sub.past = Array(analysis.past[lo...hi])
        sub.concepts = analysis.concepts.filter { $0.range.lowerBound >= lo && $0.range.upperBound <= hi + 1 }.map {
            var m = $0
            m.range = ($0.range.lowerBound - lo)..<($0.range.upperBound - lo)
            return m
        }
        sub.covered = Analysis.covered(sub.tokens.count, by: sub.concepts)
        return sub
    }

    /// An intent's best example for a message: recall^a * precision^(1-a), with recall =
    /// overlap / norm2 and precision = overlap / (message norm2 + unknown), less for each slot the
    /// message fills with none of the example's values; the first example wins a tie.
    /// `shares` are the message's features in increasing order, each with its share of an overlap.
    private func bestExample(of intent: Int, shares: [Share], precisionBase: Double,
                             precisionFactor: Double, slotPresent: [Bool], conceptPresent: [Bool]) -> (score: Double, example: Int32)
    {
        let a = Self.recallShare(domain: intentDomain[intent])
        var best = 0.0
        var bestExample: Int32 = -1
        shares.withUnsafeBufferPointer { shares in
        exampleFeatures.withUnsafeBufferPointer { features in
        exampleFeatureStart.withUnsafeBufferPointer { featureStart in
            for e in Int(intentExampleStart[intent])..<Int(intentExampleStart[intent + 1]) {
                // The overlap: a merge of two increasing lists of feature ids.
                var overlap = 0.0
                var m = 0
                var p = Int(featureStart[e])
                let end = Int(featureStart[e + 1])
                while m < shares.count && p < end {
                    let f = features[p]
                    if shares[m].id == f {
                        overlap += shares[m].contribution
                        m += 1
                        p += 1
                    } else if shares[m].id < f { m += 1 } else { p += 1 }
                }
                guard overlap > 0 else { continue }
                var score: Double
                if overlap <= precisionBase && overlap <= exampleNorm2[e] {
                    score = overlap * exampleScale[e] * precisionFactor
                } else {
                    score = pow(min(1, overlap / exampleNorm2[e]), a) * pow(min(1, overlap / precisionBase), 1 - a)
                }
                var k = Int(exampleSlotStart[e])
                let slotsEnd = Int(exampleSlotStart[e + 1])
                while k < slotsEnd {
                    let count = Int(exampleSlots[k + 1])
                    if slotPresent[Int(exampleSlots[k])]
                        && !exampleSlots[(k + 2)..<(k + 2 + count)].contains(where: { conceptPresent[Int($0)] }) {
                        score *= Self.slotConflict
                    }
                    k += 2 + count
                }
                if score > best {
                    best = score
                    bestExample = Int32(e)
                }
            }
        }
        }
        }
        return (best, bestExample)
    }

    /// `min(1, x)^(1 - recallShare)` (precision) or `min(1, x)^recallShare` (recall), or a little
    /// more: read from a table, rounding up (a bound needs no `pow`).
    @inline(__always)
    func powerAbove(_ x: Double, domain: Bool, recall: Bool) -> Double {
        guard x < 1 else { return 1 }
        let k = min(Self.powerSteps, Int(x * Double(Self.powerSteps)) + 1)
        return powers[((domain ? 0 : 2) + (recall ? 1 : 0)) * (Self.powerSteps + 1) + k]
    }
    static let powerSteps = 1024
    /// The tables `powerAbove` reads, one after the other: domain precision, domain recall,
    /// small-talk precision, small-talk recall.
    static func powerTables() -> [Double] {
        [(true, false), (true, true), (false, false), (false, true)].flatMap { domain, recall in
            let a = recallShare(domain: domain)
            return (0...powerSteps).map { pow(Double($0) / Double(powerSteps), recall ? a : 1 - a) }
        }
    }

    /// The best intents for a message, best first (ties by id): every intent with a score above
    /// zero, or the first `limit`.
    /// - Parameters:
    ///   - context: extra features carried from the conversation (`c:stress`), with their weight factor.
    ///   - smallTalk: what to do with small-talk intents after scoring.
    ///   - among: only these intents.
    public func rank(_ analysis: Analysis, context: [String: Double] = [:], contextConcepts: Set<String> = [],
                     smallTalk: SmallTalk = .keep, among: Set<String>? = nil, limit: Int = .max) -> [Candidate]
    {
        let allowed = among.map { Set($0.compactMap { intentIndex[$0] }) }
        func keep(_ intent: Int32) -> Bool {
            (allowed?.contains(intent) ?? true) && (smallTalk != .drop || intentDomain[Int(intent)])
        }
        let scores: [Scored]
        // Only a question that names its subject ("what can I do to stop the twitching?") is
        // worth ranking alone; "are these connected?" defers to the story.
        if let focus = Self.focus(analysis),
           focus.concepts.contains(where: { conceptSlot[Int($0.conceptIndex)] >= 0 || domainConcept[Int($0.conceptIndex)] }) {
            guard let whole = Scorer(self, analysis, context: context, contextConcepts: contextConcepts) else { return [] }
            let part = Scorer(self, focus, context: context, contextConcepts: contextConcepts)
            // A vague question ("are these connected?") says little: its share grows with its own certainty.
            let top = part.map { p in Self.select(p.candidates(nil), bound: { p.bound($0) }, exact: { p.exact($0) }, limit: 1).first?.score ?? 0 } ?? 0
            let share = Self.focusShare * top * top
            let halve = smallTalk == .halve
            scores = Self.select(whole.candidates(keep), bound: { i in
                let b = (1 - share) * whole.bound(i) + share * (part?.bound(i) ?? 0)
                return halve && !intentDomain[Int(i)] ? b * 0.5 : b
            }, exact: { i in
                var s = whole.exact(i)
                guard s.score > 0 else { return s }
                s.score = (1 - share) * s.score + share * max(0, part?.exact(i).score ?? 0)
                if halve && !intentDomain[Int(i)] { s.score *= 0.5 }
                return s
            }, limit: limit)
        } else {
            guard let scorer = Scorer(self, analysis, context: context, contextConcepts: contextConcepts,
                                      halveSmallTalk: smallTalk == .halve) else { return [] }
            // Closures, not `scorer.bound`: a method reference would be a heap-allocated thunk.
            // Keeping every intent needs no filter (and no copy).
            let everyIntent = among == nil && smallTalk != .drop
            scores = Self.select(scorer.candidates(everyIntent ? nil : keep), bound: { scorer.bound($0) }, exact: { scorer.exact($0) }, limit: limit)
        }
        return scores.map { s in
            let evidence: String
            if s.pattern >= 0 { evidence = intents[Int(s.intent)].patterns[Int(s.pattern)].source }
            else if s.example >= 0 { evidence = exampleText[Int(s.example)] }
            else { evidence = "" }
            return Candidate(intent: intents[Int(s.intent)].id, score: s.score, evidence: evidence, viaPattern: s.pattern >= 0)
        }
    }

    /// An intent's score and where it came from (an example, or a pattern when `pattern >= 0`).
    private struct Scored {
        var intent: Int32
        var score: Double
        var example: Int32
        var pattern: Int32
    }

    private static func before(_ a: Scored, _ b: Scored) -> Bool { a.score != b.score ? a.score > b.score : a.intent < b.intent }

    /// The `limit` best, best first, ties by intent id.
    private static func best(_ scores: [Scored], limit: Int) -> [Scored] {
        if limit >= scores.count { return scores.sorted(by: before) }
        var top: [Scored] = []
        top.reserveCapacity(limit + 1)
        for s in scores { insert(s, into: &top, limit: limit) }
        return top
    }

    /// Puts `s` in its place in `top` (best first), keeping at most `limit`.
    private static func insert(_ s: Scored, into top: inout [Scored], limit: Int) {
        guard top.count < limit || before(s, top[top.count - 1]) else { return }
        var k = top.count
        while k > 0, before(s, top[k - 1]) { k -= 1 }
        top.insert(s, at: k)
        if top.count > limit { top.removeLast() }
    }

    /// The message's features with their weights, in feature order, and the weight of its unknown words.
    private func messageFeatures(_ analysis: Analysis, context: [String: Double]) -> (features: [(id: Int32, weight: Double)], unknown: Double) {
        let covered = analysis.covered
        // Each feature once, in the order `featureNames` gives; past-only ones count less.
        var found: [(id: Int32, past: Bool)] = []
        found.reserveCapacity(analysis.concepts.count + analysis.tokens.count)
        var unknownStems: [String] = []
        func add(_ id: Int32, past: Bool) {
            if let k = found.firstIndex(where: { $0.id == id }) { found[k].past = found[k].past && past } else { found.append((id, past)) }
        }
        for match in analysis.concepts {
            let id = conceptFeature[Int(match.conceptIndex)]
            if id >= 0 { add(id, past: match.past) }
        }
        for (i, token) in analysis.tokens.enumerated() where !covered[i] {
            let stem = token.stemID
            if stem >= 0 && stemFeature[Int(stem)] >= 0 {
                add(stemFeature[Int(stem)], past: analysis.past[i])
            } else if stem < 0 || !stopStem[Int(stem)] {
                if !unknownStems.contains(token.stem) { unknownStems.append(token.stem) }
            }
        }
        var features = found.map { f in (id: f.id, weight: weights[Int(f.id)] * (f.past ? Self.pastShare : 1)) }
        for (name, factor) in context {
            if let id = featureIDs[name], !features.contains(where: { $0.id == id }) { features.append((id, weights[Int(id)] * factor)) }
        }
        // Sums run in feature order, so the same message always gets the same scores.
        features.sort { $0.id < $1.id }
        return (features, Double(unknownStems.count) * Self.unknownWordWeight * Self.unknownWordWeight)
    }

    /// The `limit` best of `candidates`, best first (ties by intent), with a score above zero.
    ///
    /// An intent's score blends its best example with its centroid, a pattern may
    /// raise it, and each unmet `requires` group lowers it. The centroid part and the
    /// patterns are cheap for every intent the message reaches; the best example is
    /// not, so it is bounded first (see `Scorer.bound`). Intents are then scored
    /// exactly in decreasing order of their bounds until a bound falls below the
    /// `limit`-th exact score: the result is the same as scoring them all.
    private static func select(_ candidates: [Int32], bound: (Int32) -> Double, exact: (Int32) -> Scored, limit: Int) -> [Scored] {
        var top: [Scored] = []
        top.reserveCapacity(min(limit, candidates.count) + 1)
        if limit >= candidates.count {
            for i in candidates {
                let s = exact(i)
                if s.score > 0 { top.append(s) }
            }
            return top.sorted(by: before)
        }
        // The intents with the highest bounds first: their exact scores set the bar.
        var bounds = candidates.map(bound)
        func higher(_ a: Int, _ b: Int) -> Bool { bounds[a] != bounds[b] ? bounds[a] > bounds[b] : candidates[a] < candidates[b] }
        var first: [Int] = []
        first.reserveCapacity(limit + 1)
        for k in bounds.indices where first.count < limit || higher(k, first[first.count - 1]) {
            var at = first.count
            while at > 0, higher(k, first[at - 1]) { at -= 1 }
            first.insert(k, at: at)
            if first.count > limit { first.removeLast() }
        }
        for k in first {
            let s = exact(candidates[k])
            if s.score > 0 { insert(s, into: &top, limit: limit) }
            bounds[k] = -1
        }
        // Then every other intent whose bound reaches the bar, highest first, while it still does.
        var rest = bounds.indices.filter { bounds[$0] >= 0 && (top.count < limit || bounds[$0] >= top[top.count - 1].score) }
        rest.sort(by: higher)
        for k in rest {
            guard top.count < limit || bounds[k] >= top[top.count - 1].score else { break }
            let s = exact(candidates[k])
            if s.score > 0 { insert(s, into: &top, limit: limit) }
        }
        return top
    }

    /// A message's feature and its share of an overlap (the message's weight times the feature's).
    private struct Share {
        var id: Int32
        var contribution: Double
    }

    /// Per intent, what a message's features add up to: the product with its centroid, the
    /// shared weight with any of its examples (0: not reached), and a bound on any example's recall.
    private struct Sums {
        var dot = 0.0
        var reach = 0.0
        var recallReach = 0.0
    }

    /// One message made ready for scoring intents: its features, what they reach, its patterns.
    private final class Scorer {
        let matcher: Matcher
        let analysis: Analysis
        let halveSmallTalk: Bool
        /// The message's features in increasing order, and each one's share of an overlap
        /// (the message's weight times the feature's).
        let shares: [Share]
        let messageNorm: Double
        let precisionBase: Double
        let domainPrecisionFactor: Double
        let smallTalkPrecisionFactor: Double
        /// Per intent, what the message's features add up to; and the intents reached.
        let sums: [Sums]
        let reached: [Int32]
        /// Intent -> its best matching pattern.
        let patternScore: [Int32: (score: Double, pattern: Int32)]
        let slotPresent: [Bool]
        let conceptPresent: [Bool]
        let contextPresent: [Bool]

        /// Nil when nothing in the message can match anything.
        init?(_ matcher: Matcher, _ analysis: Analysis, context: [String: Double], contextConcepts: Set<String>,
              halveSmallTalk: Bool = false) {
            let m = matcher
            let (features, unknown) = m.messageFeatures(analysis, context: context)
            let messageNorm2 = features.reduce(0) { $0 + $1.weight * $1.weight }
            guard messageNorm2 > 0 || m.hasPatterns else { return nil }
            self.matcher = matcher
            self.analysis = analysis
            self.halveSmallTalk = halveSmallTalk
            self.messageNorm = sqrt(messageNorm2)
            let precisionBase = max(messageNorm2 + unknown, 1e-9)
            self.precisionBase = precisionBase
            self.shares = features.map { Share(id: $0.id, contribution: $0.weight * m.weights[Int($0.id)]) }
            self.domainPrecisionFactor = pow(precisionBase, -(1 - Matcher.recallShare(domain: true)))
            self.smallTalkPrecisionFactor = pow(precisionBase, -(1 - Matcher.recallShare(domain: false)))

            var sums = [Sums](repeating: Sums(), count: m.intents.count)
            var reached: [Int32] = []
            reached.reserveCapacity(m.intents.count)
            for (id, weight) in features {
                let w = weight * m.weights[Int(id)]
                for p in Int(m.centroidStart[Int(id)])..<Int(m.centroidStart[Int(id) + 1]) {
                    let i = Int(m.centroidEntries[p].intent)
                    if sums[i].reach == 0 { reached.append(m.centroidEntries[p].intent) }
                    sums[i].dot += weight * m.centroidEntries[p].value
                    sums[i].reach += w
                    sums[i].recallReach += w * m.centroidEntries[p].inverseLeastNorm2
                }
            }
            (self.sums, self.reached) = (sums, reached)

            // Patterns with every element's need in the message.
            var patternScore: [Int32: (score: Double, pattern: Int32)] = [:]
            if m.hasPatterns {
                var keys: [Int64] = []
                keys.reserveCapacity(analysis.tokens.count + 2 * analysis.concepts.count)
                for token in analysis.tokens where token.stemID >= 0 { keys.append(Matcher.patternKey(word: token.stemID)) }
                for match in analysis.concepts {
                    keys.append(Matcher.patternKey(concept: match.conceptIndex))
                    let slot = m.conceptSlot[Int(match.conceptIndex)]
                    if slot >= 0 { keys.append(Matcher.patternKey(slot: slot)) }
                }
                var tried: [Int64] = []  // a handful: a scan beats a hash table
                for key in keys {
                    for (i, k) in m.patternIndex[key] ?? [] where !tried.contains(Int64(i) << 32 | Int64(k)) {
                        tried.append(Int64(i) << 32 | Int64(k))
                        guard m.patternNeeds[Int(i)][Int(k)].allSatisfy({ $0.contains(where: keys.contains) }) else { continue }
                        let pattern = m.intents[Int(i)].patterns[Int(k)]
                        guard pattern.matches(analysis, slotOf: { m.slotByConcept[$0] }) else { continue }
                        let s = min(0.99, 0.9 + 0.01 * Double(pattern.specificity))
                        // The earlier pattern wins a tie, as the intent lists them.
                        if let old = patternScore[i], old.score > s || (old.score == s && old.pattern < k) { continue }
                        patternScore[i] = (s, k)
                    }
                }
            }
            self.patternScore = patternScore

            // The message's slots and concepts, for conflicts; the context's concepts, for gates.
            var slotPresent = [Bool](repeating: false, count: m.slotCount)
            var conceptPresent = [Bool](repeating: false, count: m.conceptSlot.count)
            for match in analysis.concepts {
                conceptPresent[Int(match.conceptIndex)] = true
                if m.conceptSlot[Int(match.conceptIndex)] >= 0 { slotPresent[Int(m.conceptSlot[Int(match.conceptIndex)])] = true }
            }
            var contextPresent = [Bool](repeating: false, count: contextConcepts.isEmpty ? 0 : m.conceptSlot.count)
            for id in contextConcepts { if let k = m.conceptIndex[id] { contextPresent[Int(k)] = true } }
            (self.slotPresent, self.conceptPresent, self.contextPresent) = (slotPresent, conceptPresent, contextPresent)
        }

        /// The intents the message reaches (by its features or a pattern) that `keep` lets through.
        func candidates(_ keep: ((Int32) -> Bool)?) -> [Int32] {
            var candidates = keep.map { reached.filter($0) } ?? reached
            for i in patternScore.keys.sorted() where sums[Int(i)].reach == 0 && keep?(i) ?? true { candidates.append(i) }
            return candidates
        }

        /// The intent's exact score, from its examples, its centroid, its patterns and its gates.
        func exact(_ i32: Int32) -> Scored {
            let i = Int(i32)
            var result = Scored(intent: i32, score: 0, example: -1, pattern: -1)
            if sums[i].reach > 0 {
                let (best, example) = matcher.bestExample(of: i, shares: shares, precisionBase: precisionBase,
                                                    precisionFactor: matcher.intentDomain[i] ? domainPrecisionFactor : smallTalkPrecisionFactor,
                                                    slotPresent: slotPresent, conceptPresent: conceptPresent)
                result.example = example
                result.score = best
                if best > 0, matcher.centroidNorms[i] > 0 {
                    let cosine = sums[i].dot / (messageNorm * matcher.centroidNorms[i])
                    result.score = Matcher.exampleShare * best + (1 - Matcher.exampleShare) * min(1, cosine * Matcher.centroidScale)
                }
            }
            if !patternScore.isEmpty, let p = patternScore[i32], p.score > result.score {
                result.score = p.score
                result.pattern = p.pattern
            }
            if !matcher.requires[i].isEmpty && result.score > 0 {
                for group in matcher.requires[i] {
                    let met = group.contains { term in
                        if case .concept(let id) = term, id >= 0, !contextPresent.isEmpty, contextPresent[Int(id)] { return true }
                        return Matcher.present(term, in: analysis, affirmed: false)
                    }
                    if !met { result.score *= 0.35 }
                }
            }
            if halveSmallTalk && !matcher.intentDomain[i] { result.score *= 0.5 }
            return result
        }

        /// At least the intent's exact score: an example's score, recall^a * precision^(1-a), is at
        /// most min(1, recallReach)^a * min(1, reach / (message norm2 + unknown))^(1-a).
        func bound(_ i32: Int32) -> Double {
            let i = Int(i32)
            // Most messages match no pattern: no hash look-up for them.
            var b = patternScore.isEmpty ? 0 : patternScore[i32]?.score ?? 0
            if sums[i].reach > 0 {
                let example = matcher.powerAbove(sums[i].reach / precisionBase, domain: matcher.intentDomain[i], recall: false)
                    * matcher.powerAbove(sums[i].recallReach, domain: matcher.intentDomain[i], recall: true)
                let cosine = matcher.centroidNorms[i] > 0 ? sums[i].dot / (messageNorm * matcher.centroidNorms[i]) : 0
                b = max(b, Matcher.exampleShare * example + (1 - Matcher.exampleShare) * min(1, cosine * Matcher.centroidScale))
            }
            if halveSmallTalk && !matcher.intentDomain[i] { b *= 0.5 }
            // Room for rounding: the bound must never fall below the exact score.
            return b * (1 + 1e-9) + 1e-12
        }
    }
}
