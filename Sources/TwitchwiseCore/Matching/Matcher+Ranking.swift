import HeapModule

extension Matcher {
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
    struct Scored {
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
        var queue = Heap(scorer.reachedBlocks.map { Waiting(bound: bounded.blockBound($0), code: -1 - $0) })
        while let next = queue.popMax() {
            if count == limit && next.bound < top[limit - 1].score { break }
            if next.code < 0 {
                scorer.forEachCandidate(in: -1 - next.code) { i, k in
                    guard keep?(i) ?? true else { return }
                    let bound = bounded.bound(i, at: k)
                    if count < limit || bound >= top[count - 1].score { queue.insert(Waiting(bound: bound, code: i)) }
                }
            } else {
                let s = bounded.exact(next.code)
                if s.score > 0 { insert(s, into: top, count: &count, limit: limit) }
            }
        }
        return count
    }

    /// A block or an intent waiting in `select`'s queue (swift-collections' `Heap`), highest bound
    /// first. Equal bounds come out by code, an order the search does not depend on.
    private struct Waiting: Comparable {
        var bound: Double
        /// An intent, or `-1 - block`.
        var code: Int32

        static func < (a: Waiting, b: Waiting) -> Bool { (a.bound, a.code) < (b.bound, b.code) }
    }

    /// What `select` searches: a scorer's reach, with an upper bound of each block's and each
    /// intent's score, and the exact score. A protocol rather than closures, so that `select` is
    /// specialised for each and calls them directly (issue 8).
    protocol Bounded {
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
}
