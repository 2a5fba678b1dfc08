#if canImport(Glibc)
import Glibc  // log, pow, sqrt
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
///
/// A final class of constants rather than a struct: the engine and each scorer
/// hold a reference, where copying a struct of some forty arrays retained and
/// released every one of them, a tenth of a request's time (issue 8).
public final class Matcher: Sendable {
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
    let intentDomain: [Bool]
    let intentIndex: [String: Int32]

    // Features: `c:concept` and `w:stem`, numbered.
    let featureIDs: StringIndex
    /// Feature id -> its name.
    let featureNameList: [String]
    /// Per intent, the features of its question, as `features(of:)` names them (the context a
    /// follow-up carries): worked out with the examples, so the engine need not analyse it again.
    let questionFeatureIDs: [[Int32]]
    let weights: [Double]
    /// Concept index (the lexicon's order) -> feature id, or -1 when no example has it.
    let conceptFeature: [Int32]
    /// Stem id (the analyser's) -> feature id, or -1.
    let stemFeature: [Int32]
    /// Stem id -> whether it is the stem of a stop word.
    let stopStem: [Bool]
    /// Concept index -> slot index, or -1.
    let conceptSlot: [Int32]
    let slotByConcept: [String: String]
    let slotCount: Int
    let domainConcept: [Bool]

    // Examples, in flat arrays.
    let exampleText: [String]
    let exampleNorm2: [Double]
    /// `norm2^-a`, the recall's share `a` of the example's intent taken in advance.
    let exampleScale: [Double]
    /// The tables bounds read powers from (`powerAbove`): `powerTables()`, read from the
    /// snapshot (four thousand `pow` calls are a twentieth of start-up).
    let powers: [Double]
    /// Per example, the slots it names, in `exampleSlots[exampleSlotStart[e]..<exampleSlotStart[e+1]]`:
    /// for each slot, its index, how many of its concepts the example names, and those concepts.
    let exampleSlotStart: [Int32]
    let exampleSlots: [Int32]

    /// Per example, its features in increasing order: `exampleFeatures[exampleFeatureStart[e]..<exampleFeatureStart[e+1]]`.
    let exampleFeatureStart: [Int32]
    let exampleFeatures: [Int32]
    /// Per intent, its examples: `intentExampleStart[i]..<intentExampleStart[i+1]`.
    let intentExampleStart: [Int32]
    /// Feature -> (intent, centroid value): each intent's centroid, by feature. An intent is
    /// listed under a feature when one of its examples has it, so this is also the index
    /// from a message's features to the intents they reach.
    let centroidStart: [Int32]
    let centroidEntries: [CentroidEntry]

    /// One intent under one feature: its centroid's value, and the least norm2 of its examples
    /// that have the feature (so a shared feature weighs at most `contribution / leastNorm2` in recall).
    struct CentroidEntry: Sendable {
        var intent: Int32
        var value: Double
        /// 1 / the least norm2 (a product is cheaper than a quotient in the hot loop).
        var inverseLeastNorm2: Double
    }
    let centroidNorms: [Double]
    /// 1 / each centroid norm (0 for an empty centroid): bounds multiply rather than divide.
    let inverseCentroidNorms: [Double]

    // Blocks: intents in groups of `blockSize`, alike ones together (see `init`). A message's
    // features first add up per block, against each block's best value under each feature; a
    // block is opened (its intents' sums worked out) only when that bound can still reach the
    // best scores found so far. So a message costs about as much as the blocks it opens, not
    // every intent it reaches.
    /// Intent -> its block, and its position in block order (in `blockMembers`).
    let intentBlock: [Int32]
    let intentPosition: [Int32]
    /// Intents per block (the last may have fewer).
    let blockSize: Int
    /// Per block, its intents: `blockMembers[blockMemberStart[b]..<blockMemberStart[b+1]]`.
    let blockMemberStart: [Int32]
    let blockMembers: [Int32]
    /// Per block: whether it holds domain intents, and small-talk intents (their scores differ in shape).
    let blockHasDomain: [Bool]
    let blockHasSmallTalk: [Bool]
    /// Per feature, the blocks its intents are in, in increasing order:
    /// `featureBlocks[featureBlockStart[f]..<featureBlockStart[f+1]]`.
    let featureBlockStart: [Int32]
    let featureBlocks: [BlockPosting]

    /// One block under one feature: where its intents' entries are in the feature's centroid
    /// list, and the most any of them can take from the feature.
    struct BlockPosting: Sendable {
        var block: Int32
        var start: Int32
        var end: Int32
        /// The greatest `inverseLeastNorm2` of its entries.
        var inverseLeastNorm2: Double
        /// The greatest centroid value over centroid norm of its entries.
        var cosineShare: Double
    }

    /// Each intent's `requires` groups, numbered as the analyser numbers concepts and stems.
    let requires: [[[CompiledTerm]]]
    /// Concept id -> its index in the lexicon (the analyser's numbering).
    var conceptIndex: [String: Int32] { analyzer.conceptIndex }

    /// Per intent, per pattern, per element but wildcards: the keys (`patternKey`) that element
    /// accepts. A message can match a pattern only when each element has a key in it.
    let patternNeeds: [[[[Int64]]]]
    /// One element's keys -> the patterns (intent, pattern) to try when the message has it.
    let patternIndex: [Int64: [(intent: Int32, pattern: Int32)]]
    /// The index's keys: most of a message's words and concepts anchor no pattern.
    let patternKeys: SmallBitSet
    let hasPatterns: Bool
    static func patternKey(word stem: Int32) -> Int64 { 1 << 32 | Int64(stem) }
    static func patternKey(concept: Int32) -> Int64 { 2 << 32 | Int64(concept) }
    static func patternKey(slot: Int32) -> Int64 { 3 << 32 | Int64(slot) }

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

    /// Intents per block: enough that a block's bound is worth a look, few enough that opening one is cheap
    /// (callgrind over the benchmark mix at 100x: 16 -> 93 M, 32 -> 79 M, 64 -> 75 M, 128 -> 83 M instructions).
    static let defaultBlockSize = 64

    public convenience init(content: Content) { self.init(content: content, blockSize: Self.defaultBlockSize) }

    init(content: Content, blockSize: Int) {
        let lexicon = content.lexicon
        var vocabulary: [String] = []
        var stems: [String] = []
        /// Each example's and question's pieces, in order: split once, read twice.
        var textPieces: [[Normalizer.Piece]] = []
        func words(_ text: String) { for piece in Normalizer.pieces(text) { if case .word(let w) = piece { vocabulary.append(w) } } }
        // The triage's feature words are words of the content too (not corrected into something else).
        for feature in content.triage.features {
            for term in feature.terms { for case .stem(let s) in term { words(s); stems.append(s) } }
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
        let tables = Self.contentTables(content)
        (intentDomain, intentIndex, slotByConcept, slotCount, conceptSlot, domainConcept) =
            (tables.intentDomain, tables.intentIndex, tables.slotByConcept, tables.slotIndex.count, tables.conceptSlot, tables.domainConcept)
        let slotIndex = tables.slotIndex
        let stopwordStems = Set(lexicon.stopwords.map(Stemmer.stem))
        var stopStem = [Bool](repeating: false, count: analyzer.stemIDs.count)
        for (id, stem) in analyzer.stemIDs.keys.enumerated() where stopwordStems.contains(stem) { stopStem[id] = true }
        self.stopStem = stopStem

        // Every example (and each intent's question) as its features.
        var idByKey: [Int64: Int32] = [:]
        var names: [String] = []
        var questionFeatureIDs: [[Int32]] = []
        var raw: [(intent: Int, text: String, features: [Int32], slots: [(slot: Int32, concepts: [Int32])])] = []
        // Per feature: how many intents have it, and the last one counted (examples come intent by intent).
        var intentCount: [Int] = []
        var lastIntent: [Int] = []
        var textNumber = 0
        for (i, intent) in content.intents.enumerated() {
            for (k, text) in (intent.examples.map(\.text) + [intent.question]).enumerated() {
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
                for token in analysis.tokens where !token.covered {
                    add(token.stemID >= 0 ? 2 << 40 | Int64(token.stemID) : Int64(token.stem.hashValue) & ~(3 << 40), "w:" + token.stem)
                }
                if k == intent.examples.count { questionFeatureIDs.append(list) }
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
        let featureIDs = StringIndex(names)
        self.featureIDs = featureIDs
        self.powers = Self.powerTables()
        self.featureNameList = names
        self.questionFeatureIDs = questionFeatureIDs
        self.weights = w
        var conceptFeature = [Int32](repeating: -1, count: lexicon.concepts.count)
        for (k, concept) in lexicon.concepts.enumerated() { conceptFeature[k] = featureIDs["c:" + concept.id] ?? -1 }
        self.conceptFeature = conceptFeature
        var stemFeature = [Int32](repeating: -1, count: analyzer.stemIDs.count)
        for (id, stem) in analyzer.stemIDs.keys.enumerated() { stemFeature[id] = featureIDs["w:" + stem] ?? -1 }
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
            let norm2 = Self.norm2(features[...], weights: w)
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
            exampleScale.append(Self.scale(norm2: norm2, domain: content.intents[intent].domain))
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

        var norms = [Double](repeating: 0, count: content.intents.count)
        var centroidValues = [[(feature: Int32, value: Double, inverseLeastNorm2: Double)]](repeating: [], count: content.intents.count)
        for i in centroid.indices {
            var norm2 = 0.0
            for (id, count, least) in centroid[i].sorted(by: { $0.feature < $1.feature }) {
                let value = count / Double(max(1, counts[i])) * w[Int(id)]
                centroidValues[i].append((id, value, 1 / least))
                norm2 += value * value
            }
            norms[i] = sqrt(norm2)
        }
        self.centroidNorms = norms
        self.inverseCentroidNorms = norms.map { $0 > 0 ? 1 / $0 : 0 }

        // Blocks of alike intents: domain before small talk, then by their weightiest concepts
        // (an intent and its near copies end up side by side, so a block's bound stays close to
        // its members'), then in content order.
        let signature: [[Int32]] = centroidValues.map { values in
            values.filter { names[Int($0.feature)].hasPrefix("c:") }
                .sorted { $0.value != $1.value ? $0.value > $1.value : $0.feature < $1.feature }
                .prefix(3).map(\.feature)
        }
        let order = content.intents.indices.sorted { a, b in
            let (da, db) = (content.intents[a].domain, content.intents[b].domain)
            if da != db { return da }
            if signature[a] != signature[b] { return signature[a].lexicographicallyPrecedes(signature[b]) }
            return a < b
        }
        self.blockSize = max(1, blockSize)
        self.blockMembers = order.map { Int32($0) }
        let blocks = Self.blocks(members: blockMembers, size: self.blockSize, domain: intentDomain)
        (intentBlock, intentPosition, blockMemberStart, blockHasDomain, blockHasSmallTalk) =
            (blocks.intentBlock, blocks.intentPosition, blocks.memberStart, blocks.hasDomain, blocks.hasSmallTalk)

        // Per feature, its intents in block order, and per block what they can take at most.
        var byFeature = [[CentroidEntry]](repeating: [], count: names.count)
        for i in order {
            for (id, value, inverse) in centroidValues[i] {
                byFeature[Int(id)].append(CentroidEntry(intent: Int32(i), value: value, inverseLeastNorm2: inverse))
            }
        }
        var centroidStart: [Int32] = [0], centroidEntries: [CentroidEntry] = []
        for list in byFeature {
            centroidEntries += list
            centroidStart.append(Int32(centroidEntries.count))
        }
        self.centroidStart = centroidStart
        self.centroidEntries = centroidEntries
        (self.featureBlockStart, self.featureBlocks) = Self.blockPostings(centroidStart: centroidStart, entries: centroidEntries,
                                                                          intentBlock: intentBlock, centroidNorms: norms)

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
        self.patternKeys = SmallBitSet(patternIndex.keys)
    }

    /// Per feature, the blocks its entries (in block order) fall in, with the most each block's
    /// intents can take from the feature.
    static func blockPostings(centroidStart: [Int32], entries: [CentroidEntry], intentBlock: [Int32], centroidNorms norms: [Double])
        -> (start: [Int32], postings: [BlockPosting]) {
        var start: [Int32] = [0], postings: [BlockPosting] = []
        for f in 0..<(centroidStart.count - 1) {
            for k in Int(centroidStart[f])..<Int(centroidStart[f + 1]) {
                let entry = entries[k]
                let block = intentBlock[Int(entry.intent)]
                let share = norms[Int(entry.intent)] > 0 ? entry.value / norms[Int(entry.intent)] : 0
                if postings.count > Int(start[f]), postings[postings.count - 1].block == block {
                    postings[postings.count - 1].end = Int32(k + 1)
                    postings[postings.count - 1].inverseLeastNorm2 = max(postings[postings.count - 1].inverseLeastNorm2, entry.inverseLeastNorm2)
                    postings[postings.count - 1].cosineShare = max(postings[postings.count - 1].cosineShare, share)
                } else {
                    postings.append(BlockPosting(block: block, start: Int32(k), end: Int32(k + 1), inverseLeastNorm2: entry.inverseLeastNorm2,
                                                 cosineShare: share))
                }
            }
            start.append(Int32(postings.count))
        }
        return (start, postings)
    }

    /// An example's norm2: the sum of its features' squared weights, in feature order.
    static func norm2(_ features: ArraySlice<Int32>, weights: [Double]) -> Double {
        features.reduce(0) { $0 + weights[Int($1)] * weights[Int($1)] }
    }

    /// `norm2^-a`, with `a` the recall's share for the example's intent.
    static func scale(norm2: Double, domain: Bool) -> Double { pow(norm2, -recallShare(domain: domain)) }

    /// The blocks of `members` (every intent once, in block order) cut every `size` intents:
    /// each intent's block and position, where each block starts, and which kinds of intent
    /// (domain, small talk) each holds.
    static func blocks(members: [Int32], size: Int, domain: [Bool])
        -> (intentBlock: [Int32], intentPosition: [Int32], memberStart: [Int32], hasDomain: [Bool], hasSmallTalk: [Bool]) {
        let blockCount = (members.count + size - 1) / size
        var intentBlock = [Int32](repeating: 0, count: members.count)
        var intentPosition = [Int32](repeating: 0, count: members.count)
        var hasDomain = [Bool](repeating: false, count: blockCount), hasSmallTalk = hasDomain
        for (k, i) in members.enumerated() {
            let block = k / size
            intentBlock[Int(i)] = Int32(block)
            intentPosition[Int(i)] = Int32(k)
            if domain[Int(i)] { hasDomain[block] = true } else { hasSmallTalk[block] = true }
        }
        let memberStart = (0...blockCount).map { Int32(min($0 * size, members.count)) }
        return (intentBlock, intentPosition, memberStart, hasDomain, hasSmallTalk)
    }

    /// The tables read straight off the content (cheap: a snapshot derives them again).
    static func contentTables(_ content: Content) -> (intentDomain: [Bool], intentIndex: [String: Int32], slotByConcept: [String: String],
                                                      slotIndex: [String: Int32], conceptSlot: [Int32], domainConcept: [Bool]) {
        let lexicon = content.lexicon
        let slotNames = Array(Set(lexicon.concepts.compactMap(\.slot))).sorted()
        let slotIndex = Dictionary(uniqueKeysWithValues: slotNames.enumerated().map { ($0.element, Int32($0.offset)) })
        return (content.intents.map(\.domain),
                Dictionary(content.intents.enumerated().map { ($0.element.id, Int32($0.offset)) }, uniquingKeysWith: { a, _ in a }),
                Dictionary(lexicon.concepts.compactMap { c in c.slot.map { (c.id, $0) } }, uniquingKeysWith: { a, _ in a }),
                slotIndex,
                lexicon.concepts.map { c in c.slot.flatMap { slotIndex[$0] } ?? -1 },
                lexicon.concepts.map { $0.scope == .domain })
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
        intentIndex[intent.id].map { meetsRequirements(intentAt: Int($0), analysis) } ?? false
    }

    /// The same for the intent at `index` (the content's order).
    func meetsRequirements(intentAt i: Int, _ analysis: Analysis) -> Bool {
        !requires[i].isEmpty && requires[i].allSatisfy { group in group.contains { Self.present($0, in: analysis, affirmed: false) } }
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
            return contains(stems, in: analysis.tokens, affirmed: affirmed)
        }
    }

    /// Whether `stems` follow one another in `tokens`; with `affirmed`, from a token neither
    /// negated nor in the past.
    static func contains(_ stems: [Int32], in tokens: [Token], affirmed: Bool) -> Bool {
        guard !stems.isEmpty, stems.count <= tokens.count else { return false }
        for start in 0...(tokens.count - stems.count) {
            if affirmed && (tokens[start].negated || tokens[start].past) { continue }
            var k = 0
            while k < stems.count, stems[k] >= 0, tokens[start + k].stemID == stems[k] { k += 1 }
            if k == stems.count { return true }
        }
        return false
    }

    /// Whether the message has a feature some intent knows, leaving out stop words and the concept `ignoring`.
    public func hasKnownFeature(_ analysis: Analysis, ignoring: String? = nil) -> Bool {
        for match in analysis.concepts where match.concept != ignoring && conceptFeature[Int(match.conceptIndex)] >= 0 { return true }
        for token in analysis.tokens where !token.covered && token.stemID >= 0 {
            if stemFeature[Int(token.stemID)] >= 0 && !stopStem[Int(token.stemID)] { return true }
        }
        return false
    }

    /// How many content words of the message no intent knows.
    public func unknownWordCount(_ analysis: Analysis) -> Int {
        var count = 0
        for t in analysis.tokens where !t.covered {
            if t.stemID >= 0 && (stemFeature[Int(t.stemID)] >= 0 || stopStem[Int(t.stemID)]) { continue }
            if t.word.allSatisfy(\.isLetter) { count += 1 }
        }
        return count
    }

    /// Feature names of a text as a message would give them (for context carried from an intent's question).
    public func features(of text: String) -> [String] { Self.featureNames(analyzer.analyze(text)) }

    /// `features(of:)` of the intent's question, from the tables (none for an unknown intent).
    func questionFeatures(of intent: String) -> [String] {
        intentIndex[intent].map { questionFeatureIDs[Int($0)].map { featureNameList[Int($0)] } } ?? []
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
        sub.concepts = analysis.concepts.filter { $0.range.lowerBound >= lo && $0.range.upperBound <= hi + 1 }.map {
            var m = $0
            m.range = ($0.range.lowerBound - lo)..<($0.range.upperBound - lo)
            return m
        }
        Analysis.cover(&sub.tokens, by: sub.concepts)
        return sub
    }

    /// An intent's best example for a message: recall^a * precision^(1-a), with recall =
    /// overlap / norm2 and precision = overlap / (message norm2 + unknown), less for each slot the
    /// message fills with none of the example's values; the first example wins a tie.
    /// `shares` holds the message's features, each with its share of an overlap.
    private func bestExample(of intent: Int, shares: ShareTable, precisionBase: Double,
                             precisionFactor: Double, present: UnsafePointer<Bool>) -> (score: Double, example: Int32)
    {
        let a = Self.recallShare(domain: intentDomain[intent])
        var best = 0.0
        var bestExample: Int32 = -1
        let slots = shares.slots
        exampleFeatures.withUnsafeBufferPointer { features in
        exampleFeatureStart.withUnsafeBufferPointer { featureStart in
            for e in Int(intentExampleStart[intent])..<Int(intentExampleStart[intent + 1]) {
                // The overlap: the example's features (in increasing order, so the sum is the
                // same to the last bit as a merge of the two lists) looked up in the message's.
                var overlap = 0.0
                for p in Int(featureStart[e])..<Int(featureStart[e + 1]) {
                    let f = features[p]
                    // Most of an example's features are not the message's: one bit test says so.
                    guard shares.mask64 & (1 &<< UInt64(UInt32(bitPattern: f) & 63)) != 0 else { continue }
                    var h = ShareTable.slot(f, shift: shares.shift)
                    while true {
                        let slot = slots[h]
                        if slot.key == f { overlap += slot.share; break }
                        if slot.key < 0 { break }
                        h = (h + 1) & shares.mask
                    }
                }
                guard overlap > 0 else { continue }
                var score: Double
                if overlap <= precisionBase && overlap <= exampleNorm2[e] {
                    score = overlap * exampleScale[e] * precisionFactor
                } else {
                    score = pow(min(1, overlap / exampleNorm2[e]), a) * pow(min(1, overlap / precisionBase), 1 - a)
                }
                // A conflict only lowers the score: an example that cannot beat the best needs no look.
                guard score > best else { continue }
                var k = Int(exampleSlotStart[e])
                let slotsEnd = Int(exampleSlotStart[e + 1])
                while k < slotsEnd {
                    let count = Int(exampleSlots[k + 1])
                    if present[Int(exampleSlots[k])]
                        && !exampleSlots[(k + 2)..<(k + 2 + count)].contains(where: { present[slotCount + Int($0)] }) {
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
        // Keeping every intent needs no filter.
        let keep: ((Int32) -> Bool)? = among == nil && smallTalk != .drop ? nil : { intent in
            (allowed?.contains(intent) ?? true) && (smallTalk != .drop || self.intentDomain[Int(intent)])
        }
        guard limit > 0 else { return [] }
        // The best scores, in memory of the stack's for the few a reply needs.
        return withUnsafeTemporaryAllocation(of: Scored.self, capacity: Swift.min(limit, intents.count) + 1) { top in
            let count: Int
            // Only a question that names its subject ("what can I do to stop the twitching?") is
            // worth ranking alone; "are these connected?" defers to the story.
            if let focus = Self.focus(analysis),
               focus.concepts.contains(where: { conceptSlot[Int($0.conceptIndex)] >= 0 || domainConcept[Int($0.conceptIndex)] }) {
                guard let whole = Scorer(self, analysis, context: context, contextConcepts: contextConcepts) else { return [] }
                let part = Scorer(self, focus, context: context, contextConcepts: contextConcepts)
                // A vague question ("are these connected?") says little: its share grows with its own certainty.
                let best = part.map { Self.select(from: $0, keep: nil, limit: 1, into: top) > 0 ? top[0].score : 0 } ?? 0
                // The part reaches no intent the whole does not (its features are the whole's).
                count = Self.select(from: Blend(whole: whole, part: part, share: Self.focusShare * best * best,
                                                halveSmallTalk: smallTalk == .halve),
                                    keep: keep, limit: limit, into: top)
            } else {
                guard let scorer = Scorer(self, analysis, context: context, contextConcepts: contextConcepts,
                                          halveSmallTalk: smallTalk == .halve) else { return [] }
                count = Self.select(from: scorer, keep: keep, limit: limit, into: top)
            }
            return top[..<count].map { s in
                let evidence: String
                if s.pattern >= 0 { evidence = intents[Int(s.intent)].patterns[Int(s.pattern)].source }
                else if s.example >= 0 { evidence = exampleText[Int(s.example)] }
                else { evidence = "" }
                return Candidate(intent: intents[Int(s.intent)].id, score: s.score, evidence: evidence, viaPattern: s.pattern >= 0)
            }
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

    /// Puts `s` in its place among the `count` best in `top` (best first), keeping at most `limit`;
    /// `top` has room for `limit + 1`.
    private static func insert(_ s: Scored, into top: UnsafeMutableBufferPointer<Scored>, count: inout Int, limit: Int) {
        guard count < limit || before(s, top[count - 1]) else { return }
        var k = count
        while k > 0, before(s, top[k - 1]) {
            top[k] = top[k - 1]
            k -= 1
        }
        top[k] = s
        if count < limit { count += 1 }
    }

    /// The message's features with their weights, in feature order, and the weight of its unknown words.
    private func messageFeatures(_ analysis: Analysis, context: [String: Double]) -> (features: [(id: Int32, weight: Double)], unknown: Double) {
        // Each feature once, in the order `featureNames` gives; past-only ones count less (their
        // factor stays `pastShare` only while every mention is in the past).
        var features: [(id: Int32, weight: Double)] = []
        features.reserveCapacity(analysis.concepts.count + analysis.tokens.count + context.count)
        var unknownStems: [String] = []
        func add(_ id: Int32, past: Bool) {
            let factor = past ? Self.pastShare : 1
            if let k = features.firstIndex(where: { $0.id == id }) {
                features[k].weight = max(features[k].weight, factor)
            } else {
                features.append((id, factor))
            }
        }
        for match in analysis.concepts {
            let id = conceptFeature[Int(match.conceptIndex)]
            if id >= 0 { add(id, past: match.past) }
        }
        for token in analysis.tokens where !token.covered {
            let stem = token.stemID
            if stem >= 0 && stemFeature[Int(stem)] >= 0 {
                add(stemFeature[Int(stem)], past: token.past)
            } else if stem < 0 || !stopStem[Int(stem)] {
                if !unknownStems.contains(token.stem) { unknownStems.append(token.stem) }
            }
        }
        for k in features.indices { features[k].weight = weights[Int(features[k].id)] * features[k].weight }
        for (name, factor) in context {
            if let id = featureIDs[name], !features.contains(where: { $0.id == id }) { features.append((id, weights[Int(id)] * factor)) }
        }
        // Sums run in feature order, so the same message always gets the same scores.
        features.sort { $0.id < $1.id }
        return (features, Double(unknownStems.count) * Self.unknownWordWeight * Self.unknownWordWeight)
    }

    /// The `limit` best intents `scorer` reaches that `keep` lets through, best first (ties by
    /// intent), with a score above zero.
    ///
    /// An intent's score blends its best example with its centroid, a pattern may
    /// raise it, and each unmet `requires` group lowers it. Reading an intent's examples is what
    /// costs, so each intent is bounded first (`Scorer.bound`), and each block of intents before
    /// that (`Scorer.blockBound`, at least the bound of any intent in it). Blocks and intents wait
    /// in one queue, highest bound first: a block taken from it is opened (its intents go in with
    /// their bounds), an intent is scored exactly. The search stops when the highest bound left
    /// cannot reach the `limit`-th exact score: the result is the same as scoring every intent.
    /// Writes them at the start of `top`, which has room for `min(limit, intents) + 1`, and
    /// returns how many.
    private static func select(from bounded: some Bounded, keep: ((Int32) -> Bool)?, limit: Int,
                               into top: UnsafeMutableBufferPointer<Scored>) -> Int {
        let scorer = bounded.scorer
        var count = 0
        if limit >= scorer.matcher.intents.count {
            // Every intent reached: no bounds.
            for b in scorer.reachedBlocks {
                scorer.forEachCandidate(in: b) { i, _ in
                    guard keep?(i) ?? true else { return }
                    let s = bounded.exact(i)
                    if s.score > 0 {
                        top[count] = s
                        count += 1
                    }
                }
            }
            var found = UnsafeMutableBufferPointer(rebasing: top[..<count])
            found.sort(by: before)
            return count
        }
        var queue = BoundQueue(scorer.queueSpace)
        for b in scorer.reachedBlocks { queue.push(bounded.blockBound(b), .block(b)) }
        while let (key, item) = queue.pop() {
            if count == limit && key < top[limit - 1].score { break }
            switch item {
            case .block(let b):
                scorer.forEachCandidate(in: b) { i, k in
                    guard keep?(i) ?? true else { return }
                    let bound = bounded.bound(i, at: k)
                    if count < limit || bound >= top[count - 1].score { queue.push(bound, .intent(i)) }
                }
            case .intent(let i):
                let s = bounded.exact(i)
                if s.score > 0 { insert(s, into: top, count: &count, limit: limit) }
            }
        }
        return count
    }

    /// What `select` searches: a scorer's reach, with an upper bound of each block's and each
    /// intent's score, and the exact score. A protocol rather than closures, so that `select` is
    /// specialised for each and calls them directly (issue 8).
    private protocol Bounded {
        /// The scorer whose blocks and candidates are searched.
        var scorer: Scorer { get }
        func blockBound(_ b: Int32) -> Double
        /// The bound of intent `i`, at position `k` in block order, its block opened.
        func bound(_ i: Int32, at k: Int) -> Double
        func exact(_ i: Int32) -> Scored
    }

    /// A story's scores blended with its last question's (`focus`): `share` of the part's, the
    /// rest the whole's, small talk halved when asked.
    private struct Blend: Bounded {
        let whole: Scorer
        let part: Scorer?
        let share: Double
        let halveSmallTalk: Bool
        var scorer: Scorer { whole }

        func blockBound(_ b: Int32) -> Double {
            let bound = (1 - share) * whole.blockBound(b) + share * (part?.blockBound(b) ?? 0)
            return halveSmallTalk && !whole.matcher.blockHasDomain[Int(b)] ? bound * 0.5 : bound
        }

        func bound(_ i: Int32, at k: Int) -> Double {
            let b = (1 - share) * whole.bound(i, at: k) + share * (part?.bound(i) ?? 0)
            return halveSmallTalk && !whole.matcher.intentDomain[Int(i)] ? b * 0.5 : b
        }

        func exact(_ i: Int32) -> Scored {
            var s = whole.exact(i)
            guard s.score > 0 else { return s }
            s.score = (1 - share) * s.score + share * max(0, part?.exact(i).score ?? 0)
            if halveSmallTalk && !whole.matcher.intentDomain[Int(i)] { s.score *= 0.5 }
            return s
        }
    }

    /// A max-queue of blocks and intents by their bounds: a binary heap, moved by holes rather
    /// than swaps. Equal bounds come out in no set order, which the search does not depend on.
    private struct BoundQueue {
        enum Item { case block(Int32), intent(Int32) }
        /// `code` is an intent, or `-1 - block`.
        struct Entry {
            var key: Double
            var code: Int32
        }
        /// Room for every block and every intent at once (each goes in once at most), in memory
        /// the scorer owns.
        private let space: UnsafeMutableBufferPointer<Entry>
        private var count = 0

        init(_ space: UnsafeMutableBufferPointer<Entry>) { self.space = space }

        mutating func push(_ key: Double, _ item: Item) {
            let code: Int32
            switch item {
            case .block(let b): code = -1 - b
            case .intent(let i): code = i
            }
            precondition(count < space.count, "more in the queue than blocks and intents")
            let h = space
            var k = count
            count += 1
            while k > 0 {
                let parent = (k - 1) / 2
                guard h[parent].key < key else { break }
                h[k] = h[parent]
                k = parent
            }
            h[k] = Entry(key: key, code: code)
        }

        mutating func pop() -> (key: Double, item: Item)? {
            guard count > 0 else { return nil }
            let h = space
            let first = h[0]
            count -= 1
            let last = h[count]
            if count > 0 {
                var k = 0
                while true {
                    var child = 2 * k + 1
                    guard child < count else { break }
                    if child + 1 < count && h[child + 1].key > h[child].key { child += 1 }
                    guard h[child].key > last.key else { break }
                    h[k] = h[child]
                    k = child
                }
                h[k] = last
            }
            return (first.key, first.code >= 0 ? .intent(first.code) : .block(-1 - first.code))
        }
    }

    /// The message's features, each with its share of an overlap (the message's weight times the
    /// feature's), in an open-addressing table: an example's features are looked up in it, so
    /// scoring an example costs its own length, not the message's.
    private struct ShareTable {
        /// A feature id (-1: empty) and its share.
        struct Slot {
            var key: Int32
            var share: Double
        }
        /// `size(for:)` slots, in memory the scorer owns.
        let slots: UnsafeMutablePointer<Slot>
        let mask: Int
        let shift: UInt32
        /// Bit `id % 64` set for each feature: a feature whose bit is clear is not in the table.
        let mask64: UInt64

        /// The table's size for `count` features: a power of two, at least twice as many.
        static func size(for count: Int) -> Int {
            var size = 8
            while size < 2 * count { size *= 2 }
            return size
        }

        /// Each feature's share is its weight in the message times `weights[id]`; `slots` has room
        /// for `size(for: features.count)`.
        init(_ features: [(id: Int32, weight: Double)], weights: [Double], in slots: UnsafeMutablePointer<Slot>) {
            let size = Self.size(for: features.count)
            slots.initialize(repeating: Slot(key: -1, share: 0), count: size)
            (mask, shift) = (size - 1, UInt32(32 - size.trailingZeroBitCount))
            var mask64: UInt64 = 0
            for (id, weight) in features {
                mask64 |= 1 &<< UInt64(UInt32(bitPattern: id) & 63)
                var h = Self.slot(id, shift: shift)
                while slots[h].key >= 0 { h = (h + 1) & mask }
                slots[h] = Slot(key: id, share: weight * weights[Int(id)])
            }
            (self.slots, self.mask64) = (slots, mask64)
        }

        /// Fibonacci hashing: the top bits of the id times 2^32 / golden ratio.
        @inline(__always)
        static func slot(_ id: Int32, shift: UInt32) -> Int { Int((UInt32(bitPattern: id) &* 0x9E37_79B9) >> shift) }
    }

    /// Per block, what a message's features add up to against the block's best values under each
    /// feature (`BlockPosting`): a bound on any of its intents' `Sums`; and its best pattern score.
    private struct BlockSums {
        var reach = 0.0
        var recallReach = 0.0
        /// Already divided by the message's norm.
        var cosine = 0.0
        var pattern = 0.0
    }

    /// Per intent, what a message's features add up to: the product with its centroid, the
    /// shared weight with any of its examples (0: not reached), and a bound on any example's recall.
    private struct Sums {
        var dot = 0.0
        var reach = 0.0
        var recallReach = 0.0
    }

    /// One message made ready for scoring intents: its features, what they reach, its patterns.
    private final class Scorer: Bounded {
        let matcher: Matcher
        /// The message's words (for `requires` terms of words; its concepts are in `present`).
        let tokens: [Token]
        let halveSmallTalk: Bool
        var scorer: Scorer { self }
        /// The message's features, and each one's share of an overlap.
        let shares: ShareTable
        let messageNorm: Double
        let precisionBase: Double
        /// 1 / `messageNorm` (0 for a message of patterns only), and 1 / `precisionBase`.
        let inverseMessageNorm: Double
        let inversePrecisionBase: Double
        let domainPrecisionFactor: Double
        let smallTalkPrecisionFactor: Double
        /// The message's features, with their weights.
        let features: [(id: Int32, weight: Double)]
        // The tables below are in one allocation the scorer owns (`storage`), raw memory rather
        // than arrays: one allocation rather than six for each message, no run-time exclusivity
        // check on each access, and no clearing of the blocks never opened (issue 8).
        private let storage: UnsafeMutableRawPointer
        /// Per block, what the message's features add up to against its best values, and the
        /// best pattern score of its intents; and the blocks reached (by a feature or a pattern).
        let blocks: UnsafeMutablePointer<BlockSums>
        let reachedBlocks: UnsafeBufferPointer<Int32>
        /// Per intent, by its position in block order, what the message's features add up to;
        /// worked out a block at a time, when the block is opened.
        private let sums: UnsafeMutablePointer<Sums>
        /// Per intent, by its position in block order: `bound`, worked out with the sums.
        private let bounds: UnsafeMutablePointer<Double>
        private let opened: UnsafeMutablePointer<Bool>
        /// The message's slots, then its concepts (after `matcher.slotCount` flags).
        let present: UnsafeMutablePointer<Bool>
        /// Room for `select`'s queue of blocks and intents.
        let queueSpace: UnsafeMutableBufferPointer<BoundQueue.Entry>

        deinit { storage.deallocate() }

        /// Intent -> its best matching pattern.
        let patternScore: [Int32: (score: Double, pattern: Int32)]
        let contextPresent: [Bool]

        /// Nil when nothing in the message can match anything.
        init?(_ matcher: Matcher, _ analysis: borrowing Analysis, context: [String: Double], contextConcepts: Set<String>,
              halveSmallTalk: Bool = false) {
            let m = matcher
            let (features, unknown) = m.messageFeatures(analysis, context: context)
            let messageNorm2 = features.reduce(0) { $0 + $1.weight * $1.weight }
            guard messageNorm2 > 0 || m.hasPatterns else { return nil }
            self.matcher = matcher
            self.tokens = analysis.tokens
            self.halveSmallTalk = halveSmallTalk
            let messageNorm = sqrt(messageNorm2)
            self.messageNorm = messageNorm
            let precisionBase = max(messageNorm2 + unknown, 1e-9)
            self.precisionBase = precisionBase
            self.inverseMessageNorm = messageNorm > 0 ? 1 / messageNorm : 0
            self.inversePrecisionBase = 1 / precisionBase

            // The tables' places in the one allocation, each aligned for its type.
            let intentCount = m.intents.count, blockCount = m.blockHasDomain.count
            let flagCount = m.slotCount + m.conceptSlot.count
            var size = 0
            func place<T>(_: T.Type, _ count: Int) -> Int {
                let at = (size + MemoryLayout<T>.alignment - 1) / MemoryLayout<T>.alignment * MemoryLayout<T>.alignment
                size = at + count * MemoryLayout<T>.stride
                return at
            }
            let sumsAt = place(Sums.self, intentCount), boundsAt = place(Double.self, intentCount)
            let blocksAt = place(BlockSums.self, blockCount)
            let tableSize = ShareTable.size(for: features.count)
            let slotsAt = place(ShareTable.Slot.self, tableSize)
            let reachedAt = place(Int32.self, blockCount)
            let queueAt = place(BoundQueue.Entry.self, blockCount + intentCount)
            let presentAt = place(Bool.self, flagCount), openedAt = place(Bool.self, blockCount)
            let storage = UnsafeMutableRawPointer.allocate(byteCount: max(1, size), alignment: 16)
            self.storage = storage
            self.sums = (storage + sumsAt).bindMemory(to: Sums.self, capacity: intentCount)
            self.bounds = (storage + boundsAt).bindMemory(to: Double.self, capacity: intentCount)
            self.opened = (storage + openedAt).bindMemory(to: Bool.self, capacity: blockCount)
            self.queueSpace = UnsafeMutableBufferPointer(
                start: (storage + queueAt).bindMemory(to: BoundQueue.Entry.self, capacity: blockCount + intentCount),
                count: blockCount + intentCount)
            opened.initialize(repeating: false, count: blockCount)

            self.shares = ShareTable(features, weights: m.weights,
                                     in: (storage + slotsAt).bindMemory(to: ShareTable.Slot.self, capacity: tableSize))
            self.domainPrecisionFactor = pow(precisionBase, -(1 - Matcher.recallShare(domain: true)))
            self.smallTalkPrecisionFactor = pow(precisionBase, -(1 - Matcher.recallShare(domain: false)))

            self.features = features
            let blocks = (storage + blocksAt).bindMemory(to: BlockSums.self, capacity: blockCount)
            blocks.initialize(repeating: BlockSums(), count: blockCount)
            let reached = (storage + reachedAt).bindMemory(to: Int32.self, capacity: blockCount)
            var reachedCount = 0
            for (id, weight) in features {
                let w = weight * m.weights[Int(id)]
                for p in Int(m.featureBlockStart[Int(id)])..<Int(m.featureBlockStart[Int(id) + 1]) {
                    let posting = m.featureBlocks[p]
                    let b = Int(posting.block)
                    if blocks[b].reach == 0 {
                        reached[reachedCount] = posting.block
                        reachedCount += 1
                    }
                    blocks[b].reach += w
                    blocks[b].recallReach += w * posting.inverseLeastNorm2
                    blocks[b].cosine += weight * posting.cosineShare
                }
            }
            for k in 0..<reachedCount { blocks[Int(reached[k])].cosine *= inverseMessageNorm }

            // Patterns with every element's need in the message.
            var patternScore: [Int32: (score: Double, pattern: Int32)] = [:]
            if m.hasPatterns {
                // The message's keys, in memory of the stack's for most messages.
                let capacity = analysis.tokens.count + 2 * analysis.concepts.count
                withUnsafeTemporaryAllocation(of: Int64.self, capacity: capacity) { buffer in
                    var count = 0
                    for token in analysis.tokens where token.stemID >= 0 {
                        buffer[count] = Matcher.patternKey(word: token.stemID)
                        count += 1
                    }
                    for match in analysis.concepts {
                        buffer[count] = Matcher.patternKey(concept: match.conceptIndex)
                        count += 1
                        let slot = m.conceptSlot[Int(match.conceptIndex)]
                        if slot >= 0 {
                            buffer[count] = Matcher.patternKey(slot: slot)
                            count += 1
                        }
                    }
                    let keys = UnsafeBufferPointer(rebasing: buffer[..<count])
                    var tried: [Int64] = []  // a handful: a scan beats a hash table
                    for key in keys where m.patternKeys.mayContain(key) {
                        guard let postings = m.patternIndex[key] else { continue }
                        if tried.isEmpty { tried.reserveCapacity(16) }
                        for (i, k) in postings where !tried.contains(Int64(i) << 32 | Int64(k)) {
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
            }
            self.patternScore = patternScore
            for (i, p) in patternScore {
                let b = Int(m.intentBlock[Int(i)])
                if blocks[b].reach == 0 && blocks[b].pattern == 0 {
                    reached[reachedCount] = Int32(b)
                    reachedCount += 1
                }
                blocks[b].pattern = max(blocks[b].pattern, p.score)
            }
            (self.blocks, self.reachedBlocks) = (blocks, UnsafeBufferPointer(start: reached, count: reachedCount))

            // The message's slots and concepts, for conflicts; the context's concepts, for gates.
            let present = (storage + presentAt).bindMemory(to: Bool.self, capacity: flagCount)
            present.initialize(repeating: false, count: flagCount)
            for match in analysis.concepts {
                present[m.slotCount + Int(match.conceptIndex)] = true
                if m.conceptSlot[Int(match.conceptIndex)] >= 0 { present[Int(m.conceptSlot[Int(match.conceptIndex)])] = true }
            }
            var contextPresent = [Bool](filled: false, count: contextConcepts.isEmpty ? 0 : m.conceptSlot.count)
            for id in contextConcepts { if let k = m.conceptIndex[id] { contextPresent[Int(k)] = true } }
            (self.present, self.contextPresent) = (present, contextPresent)
        }

        /// The intent's sums, its block opened first if need be.
        @inline(__always)
        func sums(_ i: Int) -> Sums {
            let b = Int(matcher.intentBlock[i])
            if !opened[b] { open(b) }
            return sums[Int(matcher.intentPosition[i])]
        }

        /// Works out the sums of block `b`'s intents, in feature order (as a pass over every
        /// intent would, so the same sums to the last bit), and their bounds.
        private func open(_ b: Int) {
            let m = matcher
            opened[b] = true
            let first = Int(m.blockMemberStart[b]), end = Int(m.blockMemberStart[b + 1])
            (sums + first).initialize(repeating: Sums(), count: end - first)
            for (id, weight) in features {
                // The block's postings under the feature, by binary search.
                let end = Int(m.featureBlockStart[Int(id) + 1])
                var lo = Int(m.featureBlockStart[Int(id)]), hi = end
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if m.featureBlocks[mid].block < b { lo = mid + 1 } else { hi = mid }
                }
                guard lo < end, m.featureBlocks[lo].block == b else { continue }
                let w = weight * m.weights[Int(id)]
                for p in Int(m.featureBlocks[lo].start)..<Int(m.featureBlocks[lo].end) {
                    let entry = m.centroidEntries[p]
                    let k = Int(m.intentPosition[Int(entry.intent)])
                    sums[k].dot += weight * entry.value
                    sums[k].reach += w
                    sums[k].recallReach += w * entry.inverseLeastNorm2
                }
            }
            // Every member's bound (another scorer's candidate may be one this message does not reach).
            let hasPatterns = blocks[b].pattern > 0
            for k in first..<end {
                let i = Int(m.blockMembers[k])
                bounds[k] = bound(i, sums[k], pattern: hasPatterns ? patternScore[Int32(i)]?.score ?? 0 : 0)
            }
        }

        /// Calls `body` with each intent of block `b` the message reaches (by a feature or a
        /// pattern), and its position in block order; the block is opened first.
        func forEachCandidate(in b32: Int32, _ body: (Int32, Int) -> Void) {
            let b = Int(b32)
            if !opened[b] { open(b) }
            for k in Int(matcher.blockMemberStart[b])..<Int(matcher.blockMemberStart[b + 1]) {
                let i = matcher.blockMembers[k]
                if sums[k].reach > 0 || (blocks[b].pattern > 0 && patternScore[i] != nil) { body(i, k) }
            }
        }

        /// At least the bound of any intent of block `b`: `bound`'s sums taken against the block's
        /// best values under each feature (the bound grows with each of them).
        func blockBound(_ b32: Int32) -> Double {
            let b = Int(b32)
            let sums = blocks[b]
            var bound = sums.pattern
            if sums.reach > 0 {
                // Domain and small-talk intents weigh recall differently: the larger of the two.
                func example(domain: Bool) -> Double {
                    matcher.powerAbove(sums.reach / precisionBase, domain: domain, recall: false)
                        * matcher.powerAbove(sums.recallReach, domain: domain, recall: true)
                }
                let example = max(matcher.blockHasDomain[b] ? example(domain: true) : 0,
                                  matcher.blockHasSmallTalk[b] ? example(domain: false) : 0)
                bound = max(bound, Matcher.exampleShare * example + (1 - Matcher.exampleShare) * min(1, sums.cosine * Matcher.centroidScale))
            }
            if halveSmallTalk && !matcher.blockHasDomain[b] { bound *= 0.5 }
            return bound * (1 + 1e-9) + 1e-12
        }

        /// The intent's exact score, from its examples, its centroid, its patterns and its gates.
        func exact(_ i32: Int32) -> Scored {
            let i = Int(i32)
            var result = Scored(intent: i32, score: 0, example: -1, pattern: -1)
            let sums = sums(i)
            if sums.reach > 0 {
                let (best, example) = matcher.bestExample(of: i, shares: shares, precisionBase: precisionBase,
                                                    precisionFactor: matcher.intentDomain[i] ? domainPrecisionFactor : smallTalkPrecisionFactor,
                                                    present: present)
                result.example = example
                result.score = best
                if best > 0, matcher.centroidNorms[i] > 0 {
                    let cosine = sums.dot / (messageNorm * matcher.centroidNorms[i])
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
                        switch term {
                        case .concept(let id):
                            // In the message (negated or not), or carried from the conversation.
                            return id >= 0 && (present[matcher.slotCount + Int(id)] || (!contextPresent.isEmpty && contextPresent[Int(id)]))
                        case .stems(let stems):
                            return Matcher.contains(stems, in: tokens, affirmed: false)
                        }
                    }
                    if !met { result.score *= 0.35 }
                }
            }
            if halveSmallTalk && !matcher.intentDomain[i] { result.score *= 0.5 }
            return result
        }

        @inline(__always)
        func bound(_ i: Int32, at k: Int) -> Double { bounds[k] }

        /// At least the intent's exact score (worked out when its block is opened).
        @inline(__always)
        func bound(_ i32: Int32) -> Double {
            let i = Int(i32)
            let b = Int(matcher.intentBlock[i])
            if !opened[b] { open(b) }
            return bounds[Int(matcher.intentPosition[i])]
        }

        /// At least the intent's exact score: an example's score, recall^a * precision^(1-a), is at
        /// most min(1, recallReach)^a * min(1, reach / (message norm2 + unknown))^(1-a).
        private func bound(_ i: Int, _ sums: Sums, pattern: Double) -> Double {
            var b = pattern
            let domain = matcher.intentDomain[i]
            if sums.reach > 0 {
                let example = matcher.powerAbove(sums.reach * inversePrecisionBase, domain: domain, recall: false)
                    * matcher.powerAbove(sums.recallReach, domain: domain, recall: true)
                // Products by inverses: within the rounding room below of the exact score's quotients.
                let cosine = sums.dot * inverseMessageNorm * matcher.inverseCentroidNorms[i]
                b = max(b, Matcher.exampleShare * example + (1 - Matcher.exampleShare) * min(1, cosine * Matcher.centroidScale))
            }
            if halveSmallTalk && !domain { b *= 0.5 }
            // Room for rounding: the bound must never fall below the exact score.
            return b * (1 + 1e-9) + 1e-12
        }
    }

    /// The matcher `SnapshotWriter.write(_:)` wrote for `content`.
    init(_ content: Content, reading r: inout SnapshotReader) throws(SnapshotReader.Failure) {
        let analyzer = try Analyzer(content, reading: &r)
        self.analyzer = analyzer
        self.intents = content.intents
        let tables = Self.contentTables(content)
        (intentDomain, intentIndex, slotByConcept, slotCount, conceptSlot, domainConcept) =
            (tables.intentDomain, tables.intentIndex, tables.slotByConcept, tables.slotIndex.count, tables.conceptSlot, tables.domainConcept)
        let intentCount = content.intents.count

        let names = try r.strings()
        let featureCount = names.count
        self.featureNameList = names
        self.featureIDs = StringIndex(names)
        let weights = try r.doubles(count: featureCount)
        self.weights = weights
        self.powers = try r.doubles(count: 4 * (Self.powerSteps + 1))
        self.questionFeatureIDs = try r.list { (r) throws(SnapshotReader.Failure) in try r.int32s(in: 0..<featureCount) }
        guard questionFeatureIDs.count == intentCount else { throw r.failure("\(questionFeatureIDs.count) questions, expected \(intentCount)") }
        let stemCount = analyzer.stemIDs.count
        self.conceptFeature = try r.int32s(count: content.lexicon.concepts.count, in: -1..<featureCount)
        self.stemFeature = try r.int32s(count: stemCount, in: -1..<featureCount)
        self.stopStem = try r.bools(count: stemCount)

        let exampleText = try r.strings()
        let exampleCount = exampleText.count
        self.exampleText = exampleText
        let conceptCount = content.lexicon.concepts.count
        let slotStart = try r.starts(count: exampleCount, total: nil)
        let slots = try r.int32s(in: 0..<max(slotCount, conceptSlot.count))
        guard Int(slotStart[exampleCount]) == slots.count else { throw r.failure("example slots out of range") }
        // Each example's slots: a slot, how many concepts, and those concepts.
        for e in 0..<exampleCount {
            var k = Int(slotStart[e])
            while k < Int(slotStart[e + 1]) {
                guard k + 1 < slots.count, Int(slots[k]) < slotCount else { throw r.failure("example slots out of range") }
                let end = k + 2 + Int(slots[k + 1])
                guard end <= Int(slotStart[e + 1]), slots[(k + 2)..<end].allSatisfy({ Int($0) < conceptCount }) else {
                    throw r.failure("example slots out of range")
                }
                k = end
            }
        }
        (self.exampleSlotStart, self.exampleSlots) = (slotStart, slots)
        let featureStart = try r.starts(count: exampleCount, total: nil)
        self.exampleFeatures = try r.int32s(in: 0..<featureCount)
        guard Int(featureStart[exampleCount]) == exampleFeatures.count else { throw r.failure("example features out of range") }
        self.exampleFeatureStart = featureStart
        self.intentExampleStart = try r.starts(count: intentCount, total: exampleCount)
        // Norms and scales: cheaper worked out again than read.
        var exampleNorm2: [Double] = [], exampleScale: [Double] = []
        exampleNorm2.reserveCapacity(exampleCount)
        exampleScale.reserveCapacity(exampleCount)
        for i in 0..<intentCount {
            for e in Int(intentExampleStart[i])..<Int(intentExampleStart[i + 1]) {
                let norm2 = Self.norm2(exampleFeatures[Int(featureStart[e])..<Int(featureStart[e + 1])], weights: weights)
                exampleNorm2.append(norm2)
                exampleScale.append(Self.scale(norm2: norm2, domain: content.intents[i].domain))
            }
        }
        (self.exampleNorm2, self.exampleScale) = (exampleNorm2, exampleScale)

        self.centroidStart = try r.starts(count: featureCount, total: nil)
        let entryCount = Int(centroidStart[featureCount])
        let entryIntents = try r.int32s(count: entryCount, in: 0..<intentCount)
        let entryValues = try r.doubles(count: entryCount)
        let entryInverses = try r.doubles(count: entryCount)
        self.centroidEntries = (0..<entryCount).map {
            CentroidEntry(intent: entryIntents[$0], value: entryValues[$0], inverseLeastNorm2: entryInverses[$0])
        }
        self.centroidNorms = try r.doubles(count: intentCount)
        self.inverseCentroidNorms = centroidNorms.map { $0 > 0 ? 1 / $0 : 0 }

        // The blocks: their size and their members, every intent once (the rest is derived).
        let blockSize = try r.int()
        guard (1...Int(Int32.max)).contains(blockSize) else { throw r.failure("block size \(blockSize)") }
        let blockMembers = try r.int32s(count: intentCount, in: 0..<max(1, intentCount))
        guard Set(blockMembers).count == intentCount else { throw r.failure("an intent in two blocks") }
        (self.blockSize, self.blockMembers) = (blockSize, blockMembers)
        let blocks = Self.blocks(members: blockMembers, size: blockSize, domain: intentDomain)
        let intentBlock = blocks.intentBlock
        (self.intentBlock, intentPosition, blockMemberStart, blockHasDomain, blockHasSmallTalk) =
            (intentBlock, blocks.intentPosition, blocks.memberStart, blocks.hasDomain, blocks.hasSmallTalk)
        (self.featureBlockStart, self.featureBlocks) = Self.blockPostings(centroidStart: centroidStart, entries: centroidEntries,
                                                                          intentBlock: intentBlock, centroidNorms: centroidNorms)

        let patternNeeds = try r.list { (r) throws(SnapshotReader.Failure) in
            try r.list { (r) throws(SnapshotReader.Failure) in
                try r.list { (r) throws(SnapshotReader.Failure) in try r.list { (r) throws(SnapshotReader.Failure) in Int64(try r.int()) } }
            }
        }
        guard patternNeeds.count == intentCount, zip(patternNeeds, content.intents).allSatisfy({ $0.count == $1.patterns.count }) else {
            throw r.failure("pattern needs out of range")
        }
        self.patternNeeds = patternNeeds
        var patternIndex: [Int64: [(intent: Int32, pattern: Int32)]] = [:]
        for _ in 0..<(try r.count()) {
            let key = Int64(try r.int())
            let intents = try r.int32s(in: 0..<max(1, intentCount))
            let patterns = try r.int32s(count: intents.count, in: 0..<Int(Int32.max))
            guard zip(intents, patterns).allSatisfy({ Int($1) < content.intents[Int($0)].patterns.count }) else {
                throw r.failure("pattern index out of range")
            }
            patternIndex[key] = zip(intents, patterns).map { ($0, $1) }
        }
        self.patternIndex = patternIndex
        self.hasPatterns = !patternIndex.isEmpty
        self.patternKeys = SmallBitSet(patternIndex.keys)
        self.requires = content.intents.map { $0.requires.map(analyzer.compile) }
    }
}
