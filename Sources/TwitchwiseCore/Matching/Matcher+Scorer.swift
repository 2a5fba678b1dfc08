#if canImport(Glibc)
import Glibc  // log, pow, sqrt
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Matcher {
    /// Per block, what a message's features add up to against the block's best values under each
    /// feature (`BlockPosting`): a bound on any of its intents' `Sums`; and its best pattern score.
    struct BlockSums {
        var reach = 0.0
        var recallReach = 0.0
        /// Already divided by the message's norm.
        var cosine = 0.0
        var pattern = 0.0
    }

    /// Per intent, what a message's features add up to: the product with its centroid, the
    /// shared weight with any of its examples (0: not reached), and a bound on any example's recall.
    struct Sums {
        var dot = 0.0
        var reach = 0.0
        var recallReach = 0.0
    }

    /// One message made ready for scoring intents: its features, what they reach, its patterns.
    final class Scorer: Bounded {
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
            let presentAt = place(Bool.self, flagCount), openedAt = place(Bool.self, blockCount)
            let storage = UnsafeMutableRawPointer.allocate(byteCount: max(1, size), alignment: 16)
            self.storage = storage
            self.sums = (storage + sumsAt).bindMemory(to: Sums.self, capacity: intentCount)
            self.bounds = (storage + boundsAt).bindMemory(to: Double.self, capacity: intentCount)
            self.opened = (storage + openedAt).bindMemory(to: Bool.self, capacity: blockCount)
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
}
