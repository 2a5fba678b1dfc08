import Foundation

/// One intent's score for a message, with the evidence behind it.
public struct Candidate: Sendable {
    public var intent: String
    public var score: Double
    /// The example (or pattern) that scored best.
    public var evidence: String
    public var matchedFeatures: [String]
    public var viaPattern: Bool
}

/// Scores intents against an analysed message: weighted feature overlap with
/// each intent's examples (concepts count as one feature, so synonyms agree),
/// `requires` gates, and exact patterns. Examples are reached through an
/// inverted index, so the cost grows with the message, not the content.
public struct Matcher: Sendable {
    struct CompiledExample: Sendable {
        var intent: Int
        var text: String
        var features: [Int: Double]
        var norm2: Double
        /// slot -> values this example names
        var slots: [String: Set<String>]
    }

    public let analyzer: Analyzer
    public let intents: [Intent]
    private let featureIDs: [String: Int]
    private let featureNames: [String]
    private let weights: [Double]
    private let examples: [CompiledExample]
    /// Per intent: each feature's weight times the share of the intent's examples that have it.
    private let centroids: [[Int: Double]]
    private let centroidNorms: [Double]
    private let postings: [[Int]]
    private let conceptSlot: [String: String]
    private let domainConcepts: Set<String>
    private let stopwordStems: Set<String>

    /// How much the best example counts against the intent's centroid.
    static let exampleShare = 0.6
    static let centroidScale = 1.6
    /// Plain words count less than concepts (which gather synonyms and carry the meaning).
    static let wordShare = 0.6
    /// What a word no intent uses weighs in the message: it makes the message less like every intent.
    static let unknownWordWeight = 1.6
    /// An example naming another value of a slot the message fills ("spasm" for "twitch") counts less.
    static let slotConflict = 0.75

    public init(content: Content) {
        let lexicon = content.lexicon
        var vocabulary: [String] = []
        func words(_ text: String) { for piece in Normalizer.pieces(text) { if case .word(let w) = piece { vocabulary.append(w) } } }
        for flag in content.redFlags { for sign in flag.signs { for group in sign { for case .stems(let s) in group { s.forEach(words) } } } }
        for intent in content.intents {
            for group in intent.requires { for case .stems(let s) in group { s.forEach(words) } }
            for pattern in intent.patterns { words(pattern.source) }
            for text in intent.examples.map(\.text) + [intent.question] {
                for piece in Normalizer.pieces(text) { if case .word(let w) = piece { vocabulary.append(w) } }
            }
        }
        self.analyzer = Analyzer(lexicon: lexicon, extraVocabulary: vocabulary, negators: content.negators,
                                 pastMarkers: content.pastMarkers)
        self.intents = content.intents
        self.conceptSlot = Dictionary(lexicon.concepts.compactMap { c in c.slot.map { (c.id, $0) } }, uniquingKeysWith: { a, _ in a })
        self.stopwordStems = Set(lexicon.stopwords.map(Stemmer.stem))
        self.domainConcepts = Set(lexicon.concepts.filter { $0.scope == .domain }.map(\.id))

        var ids: [String: Int] = [:]
        var names: [String] = []
        var raw: [(Int, String, [Int], [String: Set<String>])] = []
        var intentsWith: [Int: Set<Int>] = [:]
        for (i, intent) in content.intents.enumerated() {
            for text in intent.examples.map(\.text) + [intent.question] {
                let analysis = analyzer.analyze(text)
                var slots: [String: Set<String>] = [:]
                for match in analysis.concepts {
                    if let slot = lexicon.concept(match.concept)?.slot { slots[slot, default: []].insert(match.concept) }
                }
                var list: [Int] = []
                for name in Self.featureNames(analysis) {
                    let id: Int
                    if let known = ids[name] { id = known } else { id = names.count; ids[name] = id; names.append(name) }
                    list.append(id)
                    intentsWith[id, default: []].insert(i)
                }
                if !list.isEmpty { raw.append((i, text, list, slots)) }
            }
        }
        let n = Double(max(1, content.intents.count))
        var w = [Double](repeating: 0, count: names.count)
        for (id, name) in names.enumerated() {
            let df = Double(intentsWith[id]?.count ?? 1)
            var weight = log(1 + n / df)
            if name.hasPrefix("w:") { weight *= stopwordStems.contains(String(name.dropFirst(2))) ? 0.25 : Self.wordShare }
            if name.hasPrefix("c:") { weight *= 1.2 * (lexicon.concept(String(name.dropFirst(2)))?.weight ?? 1) }
            w[id] = weight
        }
        var compiled: [CompiledExample] = []
        var post = [[Int]](repeating: [], count: names.count)
        for (intent, text, list, slots) in raw {
            var features: [Int: Double] = [:]
            for id in list { features[id] = w[id] }
            let norm2 = features.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value * $1.value }
            for id in features.keys { post[id].append(compiled.count) }
            compiled.append(CompiledExample(intent: intent, text: text, features: features, norm2: norm2, slots: slots))
        }
        var centroid = [[Int: Double]](repeating: [:], count: content.intents.count)
        var counts = [Int](repeating: 0, count: content.intents.count)
        for example in compiled {
            counts[example.intent] += 1
            for id in example.features.keys { centroid[example.intent][id, default: 0] += 1 }
        }
        for i in centroid.indices {
            for (id, n) in centroid[i] { centroid[i][id] = n / Double(max(1, counts[i])) * w[id] }
        }
        self.centroids = centroid
        self.centroidNorms = centroid.map { sqrt($0.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value * $1.value }) }
        self.featureIDs = ids
        self.featureNames = names
        self.weights = w
        self.examples = compiled
        self.postings = post
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

    public func slot(ofConcept id: String) -> String? { conceptSlot[id] }

    /// Features said only about the past ("I had a seizure as a kid"): background, not the question.
    static func pastOnlyFeatures(_ analysis: Analysis) -> Set<String> {
        guard analysis.past.contains(true) else { return [] }
        var past = Set<String>(), present = Set<String>()
        var covered = Set<Int>()
        for match in analysis.concepts {
            covered.formUnion(match.range)
            if match.past { past.insert("c:" + match.concept) } else { present.insert("c:" + match.concept) }
        }
        for (i, token) in analysis.tokens.enumerated() where !covered.contains(i) {
            if analysis.past[i] { past.insert("w:" + token.stem) } else { present.insert("w:" + token.stem) }
        }
        return past.subtracting(present)
    }
    static let pastShare = 0.4

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

    /// Features of the message that some intent knows, leaving out stop words and `ignoring` concepts.
    public func knownFeatures(_ analysis: Analysis, ignoring: Set<String> = []) -> [String] {
        Self.featureNames(analysis).filter { name in
            guard featureIDs[name] != nil else { return false }
            if name.hasPrefix("c:") { return !ignoring.contains(String(name.dropFirst(2))) }
            return !stopwordStems.contains(String(name.dropFirst(2)))
        }
    }

    /// Content words of the message that no intent knows.
    public func unknownWords(_ analysis: Analysis) -> [String] {
        var covered = Set<Int>()
        for match in analysis.concepts { covered.formUnion(match.range) }
        return analysis.tokens.indices.filter { i in
            let t = analysis.tokens[i]
            return !covered.contains(i) && featureIDs["w:" + t.stem] == nil && !stopwordStems.contains(t.stem)
                && t.word.allSatisfy(\.isLetter)
        }.map { analysis.tokens[$0].word }
    }

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

    /// Every intent with a score above zero, best first.
    /// - Parameter context: extra features carried from the conversation (`c:stress`), with their weight factor.
    public func rank(_ analysis: Analysis, context: [String: Double] = [:], contextConcepts: Set<String> = [])
        -> [Candidate]
    {
        let whole = rankWhole(analysis, context: context, contextConcepts: contextConcepts)
        // Only a question that names its subject ("what can I do to stop the twitching?") is
        // worth ranking alone; "are these connected?" defers to the story.
        guard let focus = Self.focus(analysis),
              focus.concepts.contains(where: { conceptSlot[$0.concept] != nil || domainConcepts.contains($0.concept) })
        else { return whole }
        var focused: [String: Double] = [:]
        let focusRanked = rankWhole(focus, context: context, contextConcepts: contextConcepts)
        for candidate in focusRanked { focused[candidate.intent] = candidate.score }
        // A vague question ("are these connected?") says little: its share grows with its own certainty.
        let top = focusRanked.first?.score ?? 0
        let share = Self.focusShare * top * top
        var blended = whole.map { candidate -> Candidate in
            var c = candidate
            c.score = (1 - share) * c.score + share * (focused[c.intent] ?? 0)
            return c
        }
        blended.sort { $0.score != $1.score ? $0.score > $1.score : $0.intent < $1.intent }
        return blended
    }

    private func rankWhole(_ analysis: Analysis, context: [String: Double], contextConcepts: Set<String>) -> [Candidate] {
        var message: [Int: Double] = [:]
        var unknown = 0.0
        let pastOnly = Self.pastOnlyFeatures(analysis)
        for name in Self.featureNames(analysis) {
            if let id = featureIDs[name] {
                message[id] = weights[id] * (pastOnly.contains(name) ? Self.pastShare : 1)
            } else if name.hasPrefix("w:"), !stopwordStems.contains(String(name.dropFirst(2))) {
                unknown += Self.unknownWordWeight * Self.unknownWordWeight
            }
        }
        var messageSlots: [String: Set<String>] = [:]
        for match in analysis.concepts {
            if let slot = conceptSlot[match.concept] { messageSlots[slot, default: []].insert(match.concept) }
        }
        for (name, factor) in context {
            if let id = featureIDs[name], message[id] == nil { message[id] = weights[id] * factor }
        }
        // Sums run in feature order, so the same message always gets the same scores
        // (dictionary order changes from one process to the next).
        let features = message.sorted { $0.key < $1.key }
        let messageNorm2 = features.reduce(0) { $0 + $1.value * $1.value }
        guard messageNorm2 > 0 || !intents.allSatisfy({ $0.patterns.isEmpty }) else { return [] }

        // Shared weight per example, through the index.
        var shared: [Int: Double] = [:]
        for (id, weight) in features {
            for e in postings[id] { shared[e, default: 0] += weight * weights[id] }
        }
        var best: [Int: (Double, Int)] = [:]
        for (e, overlap) in shared.sorted(by: { $0.key < $1.key }) {
            let example = examples[e]
            let recall = overlap / example.norm2
            let precision = overlap / max(messageNorm2 + unknown, 1e-9)
            // Small talk must be most of the message ("can you help me file my taxes" is not a request for help).
            let recallShare = intents[example.intent].domain ? 0.6 : 0.35
            var score = pow(min(1, recall), recallShare) * pow(min(1, precision), 1 - recallShare)
            for (slot, values) in example.slots {
                if let mine = messageSlots[slot], mine.isDisjoint(with: values) { score *= Self.slotConflict }
            }
            if score > (best[example.intent]?.0 ?? 0) { best[example.intent] = (score, e) }
        }

        let messageNorm = sqrt(messageNorm2)
        let present = Set(analysis.concepts.map(\.concept)).union(contextConcepts)
        var candidates: [Candidate] = []
        for (i, intent) in intents.enumerated() {
            var score = best[i]?.0 ?? 0
            if score > 0, centroidNorms[i] > 0 {
                var dot = 0.0
                for (id, weight) in features { if let c = centroids[i][id] { dot += weight * c } }
                let cosine = dot / (messageNorm * centroidNorms[i])
                score = Self.exampleShare * score + (1 - Self.exampleShare) * min(1, cosine * Self.centroidScale)
            }
            var evidence = best[i].map { examples[$0.1].text } ?? ""
            var viaPattern = false
            for pattern in intent.patterns where pattern.matches(analysis, slotOf: { conceptSlot[$0] }) {
                let s = min(0.99, 0.9 + 0.01 * Double(pattern.specificity))
                if s > score { score = s; evidence = pattern.source; viaPattern = true }
            }
            guard score > 0 else { continue }
            for group in intent.requires where !Self.holds(group, in: analysis, concepts: present) {
                score *= 0.35
            }
            var matched: [String] = []
            if let e = best[i]?.1 {
                matched = examples[e].features.keys.filter { message[$0] != nil }.map { featureNames[$0] }.sorted()
            }
            candidates.append(Candidate(intent: intent.id, score: score, evidence: evidence, matchedFeatures: matched,
                                        viaPattern: viaPattern))
        }
        candidates.sort { $0.score != $1.score ? $0.score > $1.score : $0.intent < $1.intent }
        return candidates
    }
}
