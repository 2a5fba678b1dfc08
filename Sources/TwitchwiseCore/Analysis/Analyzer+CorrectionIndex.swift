extension Analyzer {
    /// The correction targets, laid out for the search in `correct`.
    ///
    /// `correct` tries the targets in the (first letter, length) and (second letter, length)
    /// buckets of the word: a typo rarely changes both of the first two letters. With a big
    /// vocabulary (the benchmarks' 100x content) a bucket holds hundreds of targets and nearly
    /// all of them are too far off, so they must be rejected cheaply: a bucket is a run of
    /// 8-byte letter signatures, tested with a few bit operations without touching the target's
    /// word or scalars, and the scalars of every target sit in one flat buffer for the few that
    /// get to the distance.
    ///
    /// The answer is the least (distance, -score, rank) among the candidates within their
    /// distance limit; the rank makes that a strict order, so the order of the search does not
    /// matter, and a target that cannot beat the best so far is skipped, or given a smaller
    /// distance limit. Nothing it skips could have been the answer.
    ///
    /// A class, so that copying the analyser (the matcher holds it) retains one reference,
    /// not each of these arrays.
    final class CorrectionIndex: Sendable {
        /// Per target, by rank: the order corrections are tried (by length, then alphabetically),
        /// where a tie goes to the earlier one.
        let words: [String]
        /// How often the content uses the word (lexicon terms count more).
        let weights: [Int]
        /// Length in characters: it picks the bucket and the distance allowed.
        let lengths: [Int]
        /// The scalars of target k are `scalars[scalarStarts[k]..<scalarStarts[k + 1]]`.
        let scalars: [UInt32]
        let scalarStarts: [Int]
        /// Bucket entries, one bucket after the other: the target, its letter signature
        /// (`signature(_:)`), and its lead: the second scalar in a by-first bucket, the first in a
        /// by-second one.
        ///
        /// A by-first bucket is sorted by lead, then rank, so the targets with the word's first
        /// two letters swapped are one run of it. A by-second bucket is sorted by weight (highest
        /// first), then rank: its targets (the first letter changed) get no first-letter bonus
        /// and are never the word itself, so once a target one edit away is found, only those
        /// that would win a tie with it can still beat it, and they are the bucket's start.
        let entryTargets: [Int32]
        let entrySignatures: [UInt64]
        let entryLeads: [UInt32]
        /// Buckets by first scalar and by second scalar: entry ranges by length (one hash look-up
        /// per letter, not per letter and length). A bucket's length is also every target's scalar
        /// count in it.
        let byFirst: [UInt32: [Range<Int>]]
        let bySecond: [UInt32: [Range<Int>]]
        /// Targets with more scalars than characters (combining marks), kept out of the buckets so
        /// that the rule above holds: few or none, so they are tried one by one.
        let irregular: [Int32]
        /// The most scalars of a target (working space for the distance).
        let longest: Int

        /// - Parameter targets: by rank (length in characters, then alphabetical).
        init(_ targets: [(word: String, length: Int, weight: Int)]) {
            let weights = targets.map(\.weight), lengths = targets.map(\.length)
            words = targets.map(\.word)
            self.weights = weights
            self.lengths = lengths
            var scalars: [UInt32] = [], starts = [0], signatures: [UInt64] = []
            scalars.reserveCapacity(targets.count * 9)
            starts.reserveCapacity(targets.count + 1)
            signatures.reserveCapacity(targets.count)
            // Targets by first and by second scalar, in rank order, so by length.
            var firstLists: [UInt32: [Int32]] = [:], secondLists: [UInt32: [Int32]] = [:]
            firstLists.reserveCapacity(32)  // the letters, and a few more
            secondLists.reserveCapacity(32)
            var irregular: [Int32] = []
            for (k, target) in targets.enumerated() {
                let start = scalars.count
                for c in target.word.unicodeScalars { scalars.append(c.value) }
                starts.append(scalars.count)
                signatures.append(Self.signature(scalars[start...]))
                // The search never tries a target under three letters (the analyser makes none,
                // a snapshot might): leave it out, it may not even have a second letter.
                guard target.length >= 3 else { continue }
                guard scalars.count - start == target.length else {
                    irregular.append(Int32(k))
                    continue
                }
                firstLists[scalars[start], default: []].append(Int32(k))
                secondLists[scalars[start + 1], default: []].append(Int32(k))
            }
            var entryTargets: [Int32] = [], entrySignatures: [UInt64] = [], entryLeads: [UInt32] = []
            entryTargets.reserveCapacity(2 * targets.count)
            entrySignatures.reserveCapacity(2 * targets.count)
            entryLeads.reserveCapacity(2 * targets.count)
            var byFirst: [UInt32: [Range<Int>]] = [:], bySecond: [UInt32: [Range<Int>]] = [:]
            byFirst.reserveCapacity(firstLists.count)
            bySecond.reserveCapacity(secondLists.count)
            // Each letter's targets as buckets by length: a by-first bucket in the order of the
            // second scalar, a by-second one by weight (highest first); then by rank.
            var group: [(key: Int, k: Int32)] = []
            for byWeight in [false, true] {
                for (letter, list) in byWeight ? secondLists : firstLists {
                    var byLength: [Range<Int>] = []
                    var i = 0
                    while i < list.count {
                        let length = lengths[Int(list[i])]
                        group.removeAll(keepingCapacity: true)
                        while i < list.count && lengths[Int(list[i])] == length {
                            let k = list[i]
                            group.append((byWeight ? -weights[Int(k)] : Int(scalars[starts[Int(k)] + 1]), k))
                            i += 1
                        }
                        // A by-first bucket of plain ASCII words is in order already (rank is alphabetical).
                        if !zip(group, group.dropFirst()).allSatisfy({ ($0.key, $0.k) < ($1.key, $1.k) }) {
                            group.sort { ($0.key, $0.k) < ($1.key, $1.k) }
                        }
                        let start = entryTargets.count
                        for (_, k) in group {
                            entryTargets.append(k)
                            entrySignatures.append(signatures[Int(k)])
                            entryLeads.append(scalars[starts[Int(k)] + (byWeight ? 0 : 1)])
                        }
                        byLength += repeatElement(start..<start, count: length - byLength.count)
                        byLength.append(start..<entryTargets.count)
                    }
                    if byWeight { bySecond[letter] = byLength } else { byFirst[letter] = byLength }
                }
            }
            self.byFirst = byFirst
            self.bySecond = bySecond
            self.entryTargets = entryTargets
            self.entrySignatures = entrySignatures
            self.entryLeads = entryLeads
            self.irregular = irregular
            self.scalars = scalars
            self.scalarStarts = starts
            longest = zip(starts, starts.dropFirst()).map { $1 - $0 }.max() ?? 0
        }

        /// Which of the letters a-z a word has (bits 0-25), and which it has twice or more
        /// (bits 32-57). Every edit takes at most one letter out and puts at most one in, so a
        /// word within `d` edits of another lacks at most `d` of the other's (counting a
        /// doubled letter twice), and the other way round: the bit counts of `a & ~b` and
        /// `b & ~a` bound the distance from below.
        static func signature<C: Collection<UInt32>>(_ scalars: C) -> UInt64 {
            var once: UInt32 = 0, twice: UInt32 = 0
            for c in scalars where c >= 0x61 && c <= 0x7A {
                let bit: UInt32 = 1 << (c - 0x61)
                twice |= once & bit
                once |= bit
            }
            return UInt64(twice) << 32 | UInt64(once)
        }

        /// Whether `x` has at most `k` bits set: clearing the lowest `k` leaves none. Cheaper
        /// than a bit count for the small `k` the search uses (the build has no POPCNT).
        @inline(__always)
        static func hasAtMost(_ k: Int, bitsIn x: UInt64) -> Bool {
            var x = x, k = k
            while x != 0 {
                if k == 0 { return false }
                x &= x &- 1
                k -= 1
            }
            return true
        }

        /// The first of `signatures[e..<end]` whose letters allow the word (`signature`) to
        /// have `wordExtra` letters the target lacks, and the target `targetExtra` letters the
        /// word lacks (see `signature`); or `end`. Nearly every entry stops here.
        static func nextCandidate(_ signatures: UnsafeBufferPointer<UInt64>, from e: Int, to end: Int, signature: UInt64,
                                  wordExtra: Int, targetExtra: Int) -> Int {
            var e = e
            while e < end {
                let theirs = signatures[e]
                if hasAtMost(wordExtra, bitsIn: signature & ~theirs) && hasAtMost(targetExtra, bitsIn: theirs & ~signature) {
                    return e
                }
                e += 1
            }
            return end
        }

        /// The first entry of `range` for which `isPast` holds, where it holds for a suffix.
        func firstEntry(in range: Range<Int>, where isPast: (Int) -> Bool) -> Int {
            var low = range.lowerBound, high = range.upperBound
            while low < high {
                let middle = (low + high) / 2
                if isPast(middle) { high = middle } else { low = middle + 1 }
            }
            return low
        }

        /// The entries of `range` (a by-first bucket) whose lead is `lead`.
        func run(of lead: UInt32, in range: Range<Int>) -> Range<Int> {
            firstEntry(in: range) { self.entryLeads[$0] >= lead }..<firstEntry(in: range) { self.entryLeads[$0] > lead }
        }

        /// Where the entries of `range` (in a by-second bucket) stop winning a tie with `best`:
        /// a higher weight (their score), or the same and a lower rank.
        func tieWinners(in range: Range<Int>, over best: (distance: Int, score: Int, rank: Int32)) -> Int {
            firstEntry(in: range) { e in
                let k = self.entryTargets[e], weight = self.weights[Int(k)]
                return !(weight > best.score || (weight == best.score && k < best.rank))
            }
        }

        /// The rank of the best target for a misspelt word (its scalars; `characters` long), with
        /// `correct`'s rules: a target of the word's length give or take `limit`, whose first
        /// letter is the word's, or whose second is (first changed), or whose first two are the
        /// word's swapped; within the distance allowed (`limit`, 1 for short words and targets,
        /// 1 when the word is a known stem plus an ending); then the least distance, the highest
        /// score (the first letter kept counts 2, plus the target's weight), the lowest rank.
        func best(for word: [UInt32], characters n: Int, limit: Int, knownStem: Bool) -> Int32? {
            let first = word[0], second = word[1]  // a word of 3 or more letters
            enum Kind { case firstKept, secondKept, swapped }
            // The runs of entries to try, the likeliest first (the first letter kept, which
            // scores more; the nearest lengths): an early good best makes the rest cheaper.
            var runs: [(entries: Range<Int>, length: Int, kind: Kind)] = []
            runs.reserveCapacity(3 * (2 * limit + 1))
            let firstBuckets = byFirst[first] ?? [], secondBuckets = bySecond[second] ?? []
            let swapBuckets = second != first ? byFirst[second] ?? [] : []
            /// n, n - 1, n + 1, n - 2...
            func length(_ step: Int) -> Int { step % 2 == 1 ? n - (step + 1) / 2 : n + step / 2 }
            for step in 0...(2 * limit) where length(step) >= 3 && length(step) < firstBuckets.count {
                runs.append((firstBuckets[length(step)], length(step), .firstKept))
            }
            for step in 0...(2 * limit) where length(step) >= 3 {
                let length = length(step)
                if length < secondBuckets.count { runs.append((secondBuckets[length], length, .secondKept)) }
                if length < swapBuckets.count { runs.append((run(of: first, in: swapBuckets[length]), length, .swapped)) }
            }
            let signature = Self.signature(word)
            var rows = [Int](repeating: 0, count: 3 * (longest + 1))
            return word.withUnsafeBufferPointer { word in
                scalars.withUnsafeBufferPointer { scalars in
                    entrySignatures.withUnsafeBufferPointer { signatures in
                        rows.withUnsafeMutableBufferPointer { rows in
                            /// The distance a target of this length may have and still be the answer.
                            func cutoff(_ length: Int, _ best: (distance: Int, score: Int, rank: Int32)?) -> Int {
                                let allowed = length <= 4 || n <= 4 || knownStem ? 1 : limit
                                return min(allowed, best?.distance ?? allowed)
                            }

                            /// Target k, whose letters do not rule out a distance within `cap`, and
                            /// which is at least `least` away: its (distance, score, rank) if it
                            /// beats `best`.
                            func consider(_ k: Int32, firstKept: Bool, cap: Int, least: Int,
                                          best: (distance: Int, score: Int, rank: Int32)?) -> (distance: Int, score: Int, rank: Int32)? {
                                let weight = weights[Int(k)]
                                if knownStem && weight < 2 { return nil }
                                let score = (firstKept ? 2 : 0) + weight
                                var cap = cap
                                if let best, !(score > best.score || (score == best.score && k < best.rank)) {
                                    // It loses a tie: only a smaller distance would do.
                                    cap = min(cap, best.distance - 1)
                                }
                                guard cap >= least else { return nil }
                                let target = UnsafeBufferPointer(rebasing: scalars[scalarStarts[Int(k)]..<scalarStarts[Int(k) + 1]])
                                guard let d = Analyzer.distance(word, target, limit: cap, rows: rows) else { return nil }
                                if let best, !(d < best.distance
                                               || (d == best.distance && (score > best.score || (score == best.score && k < best.rank)))) {
                                    return nil
                                }
                                return (d, score, k)
                            }

                            var best: (distance: Int, score: Int, rank: Int32)?
                            // First only the targets within one edit: most typos have one, and then
                            // it is the answer, found with the tightest bounds. Else all again.
                            for ceiling in limit > 1 && !knownStem ? [1, limit] : [1] where best == nil {
                                // The second time, every target is two edits away or more.
                                let nearest = ceiling == 1 ? 0 : 2
                                for run in runs {
                                    // At most `cap` letters of the word missing from the target, and
                                    // of the target missing from the word (see `signature`); and when
                                    // the word has `longer` more scalars, `longer` more go one way
                                    // than the other, which tightens one of the two bounds.
                                    let longer = word.count - run.length
                                    // The fewest edits a target of the run can be away (a changed
                                    // first letter is one).
                                    let least = max(nearest, abs(longer), run.kind == .firstKept ? 0 : 1)
                                    var cap = min(ceiling, cutoff(run.length, best))
                                    var wordExtra = cap + min(0, longer), targetExtra = cap - max(0, longer)
                                    var e = run.entries.lowerBound, end = run.entries.upperBound
                                    // Past the targets that would win a tie with the best, none can
                                    // beat it when it is as close as they can be.
                                    if run.kind == .secondKept, let best, best.distance <= least {
                                        end = tieWinners(in: e..<end, over: best)
                                    }
                                    while wordExtra >= 0 && targetExtra >= 0 {
                                        e = Self.nextCandidate(signatures, from: e, to: end, signature: signature,
                                                               wordExtra: wordExtra, targetExtra: targetExtra)
                                        guard e < end else { break }
                                        // (Second letter kept, first changed: the others are first-kept targets.)
                                        if run.kind != .secondKept || entryLeads[e] != first,
                                           let better = consider(entryTargets[e], firstKept: run.kind == .firstKept, cap: cap,
                                                                 least: least, best: best) {
                                            best = better
                                            cap = min(ceiling, cutoff(run.length, better))
                                            (wordExtra, targetExtra) = (cap + min(0, longer), cap - max(0, longer))
                                            if run.kind == .secondKept, better.distance <= least {
                                                end = tieWinners(in: e + 1..<end, over: better)
                                            }
                                        }
                                        e += 1
                                    }
                                }
                                for k in irregular where abs(lengths[Int(k)] - n) <= limit && lengths[Int(k)] >= 3 {
                                    let start = scalarStarts[Int(k)]
                                    let (a, b) = (scalars[start], scalars[start + 1])
                                    if a == first || b == second || (a == second && b == first),
                                       let better = consider(k, firstKept: a == first, cap: min(ceiling, cutoff(lengths[Int(k)], best)),
                                                             least: nearest, best: best) {
                                        best = better
                                    }
                                }
                            }
                            return best?.rank
                        }
                    }
                }
            }
        }
    }
}
