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
    }

    public let analyzer: Analyzer
    public let intents: [Intent]
    private let featureIDs: [String: Int]
    private let featureNames: [String]
    private let weights: [Double]
    private let examples: [CompiledExample]
    private let postings: [[Int]]
    private let conceptSlot: [String: String]
    private let stopwordStems: Set<String>
    // Speed only (issue 8): derived from the above, change nothing `rank` returns.
    /// Per example: its feature ids ordered by feature name (for `matchedFeatures`, without sorting strings).
    private let featuresByName: [[Int]]
    /// Intents with patterns, by what a message must hold for one of their patterns to match:
    /// `w:stem` (a token), `c:concept`, `s:slot` (see `patternKeys`).
    private let patternIndex: [String: [Int]]
    /// Per example: its intent and `norm2`, as flat arrays for the hot loop (no struct copies, no ARC).
    private let exampleIntent: [Int]
    private let exampleNorm2: [Double]

    public init(content: Content) {
        let lexicon = content.lexicon
        var vocabulary: [String] = []
        for intent in content.intents {
            for text in intent.examples.map(\.text) + [intent.question] {
                for piece in Normalizer.pieces(text) { if case .word(let w) = piece { vocabulary.append(w) } }
            }
        }
        self.analyzer = Analyzer(lexicon: lexicon, extraVocabulary: vocabulary, negators: content.negators,
                                 pastMarkers: content.pastMarkers)
        self.intents = content.intents
        self.conceptSlot = Dictionary(lexicon.concepts.compactMap { c in c.slot.map { (c.id, $0) } }, uniquingKeysWith: { a, _ in a })
        self.stopwordStems = Set(lexicon.stopwords.map(Stemmer.stem))

        var ids: [String: Int] = [:]
        var names: [String] = []
        var raw: [(Int, String, [Int])] = []
        var intentsWith: [Int: Set<Int>] = [:]
        for (i, intent) in content.intents.enumerated() {
            for text in intent.examples.map(\.text) + [intent.question] {
                let analysis = analyzer.analyze(text)
                var list: [Int] = []
                for name in Self.featureNames(analysis) {
                    let id: Int
                    if let known = ids[name] { id = known } else { id = names.count; ids[name] = id; names.append(name) }
                    list.append(id)
                    intentsWith[id, default: []].insert(i)
                }
                if !list.isEmpty { raw.append((i, text, list)) }
            }
        }
        let n = Double(max(1, content.intents.count))
        var w = [Double](repeating: 0, count: names.count)
        for (id, name) in names.enumerated() {
            let df = Double(intentsWith[id]?.count ?? 1)
            var weight = log(1 + n / df)
            if name.hasPrefix("w:"), stopwordStems.contains(String(name.dropFirst(2))) { weight *= 0.25 }
            if name.hasPrefix("c:") { weight *= 1.2 }
            w[id] = weight
        }
        var compiled: [CompiledExample] = []
        var post = [[Int]](repeating: [], count: names.count)
        for (intent, text, list) in raw {
            var features: [Int: Double] = [:]
            for id in list { features[id] = w[id] }
            let norm2 = features.values.reduce(0) { $0 + $1 * $1 }
            for id in features.keys { post[id].append(compiled.count) }
            compiled.append(CompiledExample(intent: intent, text: text, features: features, norm2: norm2))
        }
        self.featureIDs = ids
        self.featureNames = names
        self.weights = w
        self.examples = compiled
        self.postings = post
        self.exampleIntent = compiled.map(\.intent)
        self.exampleNorm2 = compiled.map(\.norm2)
        self.featuresByName = compiled.map { $0.features.keys.sorted { names[$0] < names[$1] } }
        var patternIndex: [String: [Int]] = [:]
        for (i, intent) in content.intents.enumerated() {
            var keys = Set<String>()
            for pattern in intent.patterns { keys.formUnion(Self.patternKeys(pattern)) }
            for key in keys { patternIndex[key, default: []].append(i) }
        }
        self.patternIndex = patternIndex
    }

    /// Keys one of which a message has whenever `pattern` matches it: those of its first
    /// element that is not a wildcard (a word's stems, a concept, a slot).
    static func patternKeys(_ pattern: Pattern) -> [String] {
        for element in pattern.elements {
            switch element {
            case .wildcard: continue
            case .word(let stems): return stems.map { "w:" + $0 }
            case .concept(let id): return ["c:" + id]
            case .slot(let slot): return ["s:" + slot]
            }
        }
        return []
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

    /// Every intent with a score above zero, best first.
    /// - Parameter context: extra features carried from the conversation (`c:stress`), with their weight factor.
    public func rank(_ analysis: Analysis, context: [String: Double] = [:], contextConcepts: Set<String> = [])
        -> [Candidate]
    {
        var message: [Int: Double] = [:]
        for name in Self.featureNames(analysis) {
            if let id = featureIDs[name] { message[id] = weights[id] }
        }
        for (name, factor) in context {
            if let id = featureIDs[name], message[id] == nil { message[id] = weights[id] * factor }
        }
        let messageNorm2 = message.values.reduce(0) { $0 + $1 * $1 }
        guard messageNorm2 > 0 || !intents.allSatisfy({ $0.patterns.isEmpty }) else { return [] }

        // Shared weight per example, through the index (flat arrays, not dictionaries: issue 8).
        var shared = [Double](repeating: 0, count: examples.count)
        var touched: [Int] = []
        touched.reserveCapacity(min(examples.count, message.keys.reduce(0) { $0 + postings[$1].count }))
        var inMessage = [Bool](repeating: false, count: weights.count)
        for id in message.keys { inMessage[id] = true }
        for (id, weight) in message {
            for e in postings[id] {
                if shared[e] == 0 { touched.append(e) }
                shared[e] += weight * weights[id]
            }
        }
        var best = [(Double, Int)?](repeating: nil, count: intents.count)
        var reached: [Int] = []  // intents with an example in `best`, or a pattern that may match
        // The precision factor depends on the overlap alone (cached by its value, direct-mapped); the
        // recall factor is at most 1, so an example whose precision factor is below its intent's best
        // cannot win, nor tie: it is skipped before the second pow. Same scores, fewer pow calls.
        var cachedOverlap = [Double](repeating: -1, count: 256)
        var cachedFactor = [Double](repeating: 0, count: 256)
        for e in touched {
            let overlap = shared[e]
            let intent = exampleIntent[e]
            let bits = overlap.bitPattern
            let slot = Int(truncatingIfNeeded: (bits ^ (bits >> 29) ^ (bits >> 47)) & 255)
            let precisionFactor: Double
            if cachedOverlap[slot] == overlap {
                precisionFactor = cachedFactor[slot]
            } else {
                let precision = overlap / max(messageNorm2, 1e-9)
                precisionFactor = pow(min(1, precision), 0.4)
                cachedOverlap[slot] = overlap
                cachedFactor[slot] = precisionFactor
            }
            if let current = best[intent], precisionFactor < current.0 { continue }
            let recall = overlap / exampleNorm2[e]
            let score = pow(min(1, recall), 0.6) * precisionFactor
            // Ties go to the first example in content order (the old dictionary order was arbitrary).
            if let current = best[intent] {
                if score > current.0 || (score == current.0 && e < current.1) { best[intent] = (score, e) }
            } else if score > 0 {
                best[intent] = (score, e)
                reached.append(intent)
            }
        }
        // Intents whose patterns may match: only those need `Pattern.matches`.
        var keys = Set(analysis.tokens.map { "w:" + $0.stem })
        for match in analysis.concepts {
            keys.insert("c:" + match.concept)
            if let slot = conceptSlot[match.concept] { keys.insert("s:" + slot) }
        }
        var isReached = Set(reached)
        for key in keys { for i in patternIndex[key] ?? [] where isReached.insert(i).inserted { reached.append(i) } }

        let present = Set(analysis.concepts.map(\.concept)).union(contextConcepts)
        var candidates: [Candidate] = []
        candidates.reserveCapacity(reached.count)
        for i in reached {
            let intent = intents[i]
            var score = best[i]?.0 ?? 0
            var evidence = best[i].map { examples[$0.1].text } ?? ""
            var viaPattern = false
            for pattern in intent.patterns where pattern.matches(analysis, slotOf: { conceptSlot[$0] }) {
                let s = min(0.99, 0.9 + 0.01 * Double(pattern.specificity))
                if s > score { score = s; evidence = pattern.source; viaPattern = true }
            }
            guard score > 0 else { continue }
            for group in intent.requires where !group.contains(where: { term in
                switch term {
                case .concept(let id): return present.contains(id)
                case .stems(let words): return analysis.has(stems: words, affirmed: false)
                }
            }) {
                score *= 0.35
            }
            var matched: [String] = []
            if let e = best[i]?.1 {
                for id in featuresByName[e] where inMessage[id] { matched.append(featureNames[id]) }
            }
            candidates.append(Candidate(intent: intent.id, score: score, evidence: evidence, matchedFeatures: matched,
                                        viaPattern: viaPattern))
        }
        candidates.sort { $0.score != $1.score ? $0.score > $1.score : $0.intent < $1.intent }
        return candidates
    }
}
