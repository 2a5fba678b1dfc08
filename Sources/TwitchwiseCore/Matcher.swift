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
    private let exampleIntent: [Int32]
    private let exampleText: [String]
    private let exampleNorm2: [Double]
    /// `norm2^-a`, the recall's share `a` of the example's intent taken in advance.
    private let exampleScale: [Double]
    /// Per example, the slots it names: `exampleSlots[exampleSlotStart[e]..<exampleSlotStart[e+1]]`,
    /// each a slot index and the concepts of it the example names.
    private let exampleSlotStart: [Int32]
    private let exampleSlots: [(slot: Int32, concepts: [Int32])]

    /// Feature -> examples that have it.
    private let postingStart: [Int32]
    private let postingExample: [Int32]
    /// Feature -> (intent, centroid value): each intent's centroid, by feature.
    private let centroidStart: [Int32]
    private let centroidEntries: [(intent: Int32, value: Double)]
    private let centroidNorms: [Double]

    /// First element's key (`w:stem`, `c:concept`, `s:slot`) -> (intent, pattern) that may match.
    private let patternIndex: [String: [(intent: Int32, pattern: Int32)]]
    private let hasPatterns: Bool

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
        func words(_ text: String) { for piece in Normalizer.pieces(text) { if case .word(let w) = piece { vocabulary.append(w) } } }
        for flag in content.redFlags { for sign in flag.signs { for group in sign { for case .stems(let s) in group { s.forEach(words) } } } }
        for intent in content.intents {
            for group in intent.requires { for case .stems(let s) in group { s.forEach(words) } }
            for pattern in intent.patterns { words(pattern.source) }
            for text in intent.examples.map(\.text) + [intent.question] { words(text) }
        }
        let analyzer = Analyzer(lexicon: lexicon, extraVocabulary: vocabulary, negators: content.negators,
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
        var names: [String] = []
        var raw: [(intent: Int, text: String, features: [Int32], slots: [(slot: Int32, concepts: [Int32])])] = []
        var intentsWith: [Set<Int>] = []
        for (i, intent) in content.intents.enumerated() {
            for text in intent.examples.map(\.text) + [intent.question] {
                let analysis = analyzer.analyze(text)
                var slots: [Int32: [Int32]] = [:]
                for match in analysis.concepts where conceptSlot[Int(match.conceptIndex)] >= 0 {
                    let slot = conceptSlot[Int(match.conceptIndex)]
                    if slots[slot]?.contains(match.conceptIndex) != true { slots[slot, default: []].append(match.conceptIndex) }
                }
                var list: [Int32] = []
                for name in Self.featureNames(analysis) {
                    let id: Int32
                    if let known = ids[name] { id = known } else {
                        id = Int32(names.count)
                        ids[name] = id
                        names.append(name)
                        intentsWith.append([])
                    }
                    list.append(id)
                    intentsWith[Int(id)].insert(i)
                }
                if !list.isEmpty { raw.append((i, text, list, slots.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })) }
            }
        }
        let n = Double(max(1, content.intents.count))
        var w = [Double](repeating: 0, count: names.count)
        for (id, name) in names.enumerated() {
            let df = Double(max(1, intentsWith[id].count))
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
        var exampleIntent: [Int32] = [], exampleText: [String] = [], exampleNorm2: [Double] = [], exampleScale: [Double] = []
        var slotStart: [Int32] = [0], slotList: [(slot: Int32, concepts: [Int32])] = []
        var postings = [[Int32]](repeating: [], count: names.count)
        var centroid = [[Int32: Double]](repeating: [:], count: content.intents.count)
        var counts = [Int](repeating: 0, count: content.intents.count)
        for (intent, text, list, slots) in raw {
            let features = Set(list).sorted()
            let norm2 = features.reduce(0) { $0 + w[Int($1)] * w[Int($1)] }
            let e = Int32(exampleIntent.count)
            for id in features {
                postings[Int(id)].append(e)
                centroid[intent][id, default: 0] += 1
            }
            counts[intent] += 1
            exampleIntent.append(Int32(intent))
            exampleText.append(text)
            exampleNorm2.append(norm2)
            exampleScale.append(pow(norm2, -Self.recallShare(domain: content.intents[intent].domain)))
            slotList += slots
            slotStart.append(Int32(slotList.count))
        }
        self.exampleIntent = exampleIntent
        self.exampleText = exampleText
        self.exampleNorm2 = exampleNorm2
        self.exampleScale = exampleScale
        self.exampleSlotStart = slotStart
        self.exampleSlots = slotList
        var postingStart: [Int32] = [0], postingExample: [Int32] = []
        for list in postings {
            postingExample += list
            postingStart.append(Int32(postingExample.count))
        }
        self.postingStart = postingStart
        self.postingExample = postingExample

        var byFeature = [[(intent: Int32, value: Double)]](repeating: [], count: names.count)
        var norms = [Double](repeating: 0, count: content.intents.count)
        for i in centroid.indices {
            var norm2 = 0.0
            for (id, count) in centroid[i].sorted(by: { $0.key < $1.key }) {
                let value = count / Double(max(1, counts[i])) * w[Int(id)]
                byFeature[Int(id)].append((Int32(i), value))
                norm2 += value * value
            }
            norms[i] = sqrt(norm2)
        }
        var centroidStart: [Int32] = [0], centroidEntries: [(intent: Int32, value: Double)] = []
        for list in byFeature {
            centroidEntries += list
            centroidStart.append(Int32(centroidEntries.count))
        }
        self.centroidStart = centroidStart
        self.centroidEntries = centroidEntries
        self.centroidNorms = norms

        // Patterns, by their first element.
        var patternIndex: [String: [(intent: Int32, pattern: Int32)]] = [:]
        for (i, intent) in content.intents.enumerated() {
            for (k, pattern) in intent.patterns.enumerated() {
                let keys: [String]
                switch pattern.elements.first(where: { $0 != .wildcard }) {
                case .word(let stems)?: keys = stems.sorted().map { "w:" + $0 }
                case .concept(let id)?: keys = ["c:" + id]
                case .slot(let slot)?: keys = ["s:" + slot]
                case .wildcard?, nil: keys = [""]
                }
                for key in keys { patternIndex[key, default: []].append((Int32(i), Int32(k))) }
            }
        }
        self.patternIndex = patternIndex
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
        !intent.requires.isEmpty && intent.requires.allSatisfy { Self.holds($0, in: analysis, concepts: Set(analysis.concepts.map(\.concept))) }
    }

    /// Whether one of a `requires` group's terms is in the message (`concepts`: those present, context included).
    static func holds(_ group: [Term], in analysis: Analysis, concepts: Set<String>) -> Bool {
        group.contains { term in
            switch term {
            case .concept(let id): return concepts.contains(id)
            case .stems(let words): return analysis.has(stems: words, affirmed: false)
            }
        }
    }

    /// Token positions that a concept covers.
    private static func covered(_ analysis: Analysis) -> [Bool] {
        var covered = [Bool](repeating: false, count: analysis.tokens.count)
        for match in analysis.concepts { for i in match.range { covered[i] = true } }
        return covered
    }

    /// Whether the message has a feature some intent knows, leaving out stop words and the concept `ignoring`.
    public func hasKnownFeature(_ analysis: Analysis, ignoring: String? = nil) -> Bool {
        let covered = Self.covered(analysis)
        for match in analysis.concepts where match.concept != ignoring && conceptFeature[Int(match.conceptIndex)] >= 0 { return true }
        for (i, token) in analysis.tokens.enumerated() where !covered[i] && token.stemID >= 0 {
            if stemFeature[Int(token.stemID)] >= 0 && !stopStem[Int(token.stemID)] { return true }
        }
        return false
    }

    /// Content words of the message that no intent knows.
    public func unknownWords(_ analysis: Analysis) -> [String] {
        let covered = Self.covered(analysis)
        var words: [String] = []
        for (i, t) in analysis.tokens.enumerated() where !covered[i] {
            if t.stemID >= 0 && (stemFeature[Int(t.stemID)] >= 0 || stopStem[Int(t.stemID)]) { continue }
            if t.word.allSatisfy(\.isLetter) { words.append(t.word) }
        }
        return words
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
        return sub
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
        var scores = score(analysis, context: context, contextConcepts: contextConcepts)
        // Only a question that names its subject ("what can I do to stop the twitching?") is
        // worth ranking alone; "are these connected?" defers to the story.
        if let focus = Self.focus(analysis),
           focus.concepts.contains(where: { conceptSlot[Int($0.conceptIndex)] >= 0 || domainConcept[Int($0.conceptIndex)] }) {
            let focused = score(focus, context: context, contextConcepts: contextConcepts)
            var byIntent: [Int32: Double] = [:]
            for s in focused { byIntent[s.intent] = s.score }
            // A vague question ("are these connected?") says little: its share grows with its own certainty.
            let top = Self.best(focused, limit: 1).first?.score ?? 0
            let share = Self.focusShare * top * top
            for k in scores.indices { scores[k].score = (1 - share) * scores[k].score + share * (byIntent[scores[k].intent] ?? 0) }
        }
        switch smallTalk {
        case .keep: break
        case .halve: for k in scores.indices where !intentDomain[Int(scores[k].intent)] { scores[k].score *= 0.5 }
        case .drop: scores.removeAll { !intentDomain[Int($0.intent)] }
        }
        if let among {
            let allowed = Set(among.compactMap { intentIndex[$0] })
            scores.removeAll { !allowed.contains($0.intent) }
        }
        return Self.best(scores, limit: limit).map { s in
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

    /// The `limit` best, best first, ties by intent id.
    private static func best(_ scores: [Scored], limit: Int) -> [Scored] {
        func before(_ a: Scored, _ b: Scored) -> Bool { a.score != b.score ? a.score > b.score : a.intent < b.intent }
        if limit >= scores.count { return scores.sorted(by: before) }
        var top: [Scored] = []
        top.reserveCapacity(limit + 1)
        for s in scores {
            guard top.count < limit || before(s, top[top.count - 1]) else { continue }
            var k = top.count
            while k > 0, before(s, top[k - 1]) { k -= 1 }
            top.insert(s, at: k)
            if top.count > limit { top.removeLast() }
        }
        return top
    }

    /// The message's features with their weights, in feature order, and the weight of its unknown words.
    private func messageFeatures(_ analysis: Analysis, context: [String: Double]) -> (features: [(id: Int32, weight: Double)], unknown: Double) {
        let covered = Self.covered(analysis)
        // Each feature once, in the order `featureNames` gives; past-only ones count less.
        var found: [(id: Int32, past: Bool)] = []
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

    /// Every intent with a score above zero, unsorted.
    private func score(_ analysis: Analysis, context: [String: Double], contextConcepts: Set<String>) -> [Scored] {
        let (features, unknown) = messageFeatures(analysis, context: context)
        let messageNorm2 = features.reduce(0) { $0 + $1.weight * $1.weight }
        guard messageNorm2 > 0 || hasPatterns else { return [] }

        // Shared weight per example, through the index.
        var shared = [Double](repeating: 0, count: exampleIntent.count)
        var touched: [Int32] = []
        for (id, weight) in features {
            let w = weight * weights[Int(id)]
            for p in Int(postingStart[Int(id)])..<Int(postingStart[Int(id) + 1]) {
                let e = Int(postingExample[p])
                if shared[e] == 0 { touched.append(Int32(e)) }
                shared[e] += w
            }
        }

        // The message's slots, for conflicts.
        var messageSlots = [[Int32]](repeating: [], count: slotCount)
        for match in analysis.concepts where conceptSlot[Int(match.conceptIndex)] >= 0 {
            messageSlots[Int(conceptSlot[Int(match.conceptIndex)])].append(match.conceptIndex)
        }

        // Each intent's best example: recall^a * precision^(1-a), with
        // recall = overlap / norm2 and precision = overlap / (message norm2 + unknown).
        let precisionBase = max(messageNorm2 + unknown, 1e-9)
        let domainFactor = pow(precisionBase, -(1 - Self.recallShare(domain: true)))
        let smallTalkFactor = pow(precisionBase, -(1 - Self.recallShare(domain: false)))
        var best = [Double](repeating: 0, count: intents.count)
        var bestExample = [Int32](repeating: -1, count: intents.count)
        var reached: [Int32] = []
        for e32 in touched {
            let e = Int(e32)
            let overlap = shared[e]
            let intent = Int(exampleIntent[e])
            let domain = intentDomain[intent]
            var score: Double
            if overlap <= precisionBase && overlap <= exampleNorm2[e] {
                score = overlap * exampleScale[e] * (domain ? domainFactor : smallTalkFactor)
            } else {
                let a = Self.recallShare(domain: domain)
                score = pow(min(1, overlap / exampleNorm2[e]), a) * pow(min(1, overlap / precisionBase), 1 - a)
            }
            for k in Int(exampleSlotStart[e])..<Int(exampleSlotStart[e + 1]) {
                let mine = messageSlots[Int(exampleSlots[k].slot)]
                if !mine.isEmpty && !mine.contains(where: exampleSlots[k].concepts.contains) { score *= Self.slotConflict }
            }
            if bestExample[intent] < 0 { reached.append(Int32(intent)) }
            if score > best[intent] || (score == best[intent] && (bestExample[intent] < 0 || e32 < bestExample[intent])) {
                best[intent] = score
                bestExample[intent] = e32
            }
        }

        // Blend with the centroids.
        let messageNorm = sqrt(messageNorm2)
        var dot = [Double](repeating: 0, count: intents.count)
        for (id, weight) in features {
            for p in Int(centroidStart[Int(id)])..<Int(centroidStart[Int(id) + 1]) {
                dot[Int(centroidEntries[p].intent)] += weight * centroidEntries[p].value
            }
        }
        var scores: [Scored] = []
        scores.reserveCapacity(reached.count + 4)
        var position: [Int32] = []  // intent -> its place in `scores`, once a pattern needs it
        for i32 in reached {
            let i = Int(i32)
            var score = best[i]
            if score > 0, centroidNorms[i] > 0 {
                let cosine = dot[i] / (messageNorm * centroidNorms[i])
                score = Self.exampleShare * score + (1 - Self.exampleShare) * min(1, cosine * Self.centroidScale)
            }
            scores.append(Scored(intent: i32, score: score, example: bestExample[i], pattern: -1))
        }

        // Patterns whose first element is in the message.
        if hasPatterns {
            var keys: [String] = [""]
            for token in analysis.tokens { keys.append("w:" + token.stem) }
            for match in analysis.concepts {
                keys.append("c:" + match.concept)
                if let s = slotByConcept[match.concept] { keys.append("s:" + s) }
            }
            var tried = Set<Int64>()
            for key in keys {
                for (i32, k) in patternIndex[key] ?? [] where tried.insert(Int64(i32) << 32 | Int64(k)).inserted {
                    let pattern = intents[Int(i32)].patterns[Int(k)]
                    guard pattern.matches(analysis, slotOf: { slotByConcept[$0] }) else { continue }
                    let s = min(0.99, 0.9 + 0.01 * Double(pattern.specificity))
                    if position.isEmpty {
                        position = [Int32](repeating: -1, count: intents.count)
                        for (n, sc) in scores.enumerated() { position[Int(sc.intent)] = Int32(n) }
                    }
                    if position[Int(i32)] < 0 {
                        position[Int(i32)] = Int32(scores.count)
                        scores.append(Scored(intent: i32, score: 0, example: -1, pattern: -1))
                    }
                    let n = Int(position[Int(i32)])
                    // The earlier pattern wins a tie, as the intent lists them.
                    if s > scores[n].score || (s == scores[n].score && scores[n].pattern > k) {
                        scores[n].score = s
                        scores[n].pattern = k
                    }
                }
            }
        }

        // `requires` gates.
        var present: Set<String>?
        for n in scores.indices {
            let intent = intents[Int(scores[n].intent)]
            guard !intent.requires.isEmpty, scores[n].score > 0 else { continue }
            if present == nil { present = Set(analysis.concepts.map(\.concept)).union(contextConcepts) }
            for group in intent.requires where !Self.holds(group, in: analysis, concepts: present!) { scores[n].score *= 0.35 }
        }
        scores.removeAll { $0.score <= 0 }
        return scores
    }
}
