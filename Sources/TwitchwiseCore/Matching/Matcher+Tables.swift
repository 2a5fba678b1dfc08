#if canImport(Glibc)
import Glibc  // log, pow, sqrt
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Matcher {
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
}
