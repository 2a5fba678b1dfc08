#if canImport(Glibc)
import Glibc  // log, pow, sqrt
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

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
