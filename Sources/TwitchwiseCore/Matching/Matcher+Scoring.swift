#if canImport(Glibc)
import Glibc  // log, pow, sqrt
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Matcher {
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

    /// An intent's best example for a message: recall^a * precision^(1-a), with recall =
    /// overlap / norm2 and precision = overlap / (message norm2 + unknown), less for each slot the
    /// message fills with none of the example's values; the first example wins a tie.
    /// `shares` holds the message's features, each with its share of an overlap.
    func bestExample(of intent: Int, shares: ShareTable, precisionBase: Double,
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

    /// The message's features with their weights, in feature order, and the weight of its unknown words.
    func messageFeatures(_ analysis: Analysis, context: [String: Double]) -> (features: [(id: Int32, weight: Double)], unknown: Double) {
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
}
