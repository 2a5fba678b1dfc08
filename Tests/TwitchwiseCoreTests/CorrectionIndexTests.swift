import Testing
@testable import TwitchwiseCore
import TwitchwiseTestSupport

/// The indexed spelling corrector (`Analyzer.correct`, searching `CorrectionIndex`) gives
/// exactly what trying every target in turn gives, on generated misspellings and random
/// letter strings, with the project's vocabulary and with a much bigger synthetic one.
@Suite struct CorrectionIndexTests {
    typealias Generator = SeededGenerator

    static let letters = Array("abcdefghijklmnopqrstuvwxyz".unicodeScalars)

    /// Optimal-string-alignment distance, the whole table (row by row in one array).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        let width = b.count + 1
        var d = [Int](repeating: 0, count: (a.count + 1) * width)
        for i in 0...a.count { d[i * width] = i }
        for j in 0...b.count { d[j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                var v = min(d[(i - 1) * width + j] + 1, d[i * width + j - 1] + 1,
                            d[(i - 1) * width + j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, d[(i - 2) * width + j - 2] + 1) }
                d[i * width + j] = v
            }
        }
        return d[a.count * width + b.count]
    }

    /// The corrector as it reads, with no index: every target, in rank order; the length
    /// window, the first-two-letters rule, the distance allowed and the letter-set filter
    /// `correct` always had; the least distance, then the highest score, then the lowest rank.
    struct Reference {
        let analyzer: Analyzer
        /// Per target: its scalars, its length in characters, its letter set.
        let targets: [(scalars: [Unicode.Scalar], length: Int, letters: UInt32)]
        /// The targets by length, only to make the test quicker.
        let byLength: [Int: [Int]]

        init(_ analyzer: Analyzer) {
            self.analyzer = analyzer
            let targets = analyzer.corrections.words.map { word in
                let scalars = Array(word.unicodeScalars)
                return (scalars: scalars, length: word.count, letters: Self.letterSet(scalars))
            }
            self.targets = targets
            byLength = Dictionary(grouping: targets.indices) { targets[$0].length }
        }

        static func letterSet(_ scalars: [Unicode.Scalar]) -> UInt32 {
            scalars.reduce(0) { set, c in c >= "a" && c <= "z" ? set | 1 << (c.value - 97) : set }
        }

        func correct(_ word: String) -> String? {
            let n = word.count
            guard n >= 3, !analyzer.isVocabulary(word), word.allSatisfy(\.isLetter) else { return nil }
            let stem = Stemmer.stem(word)
            let knownStem = stem != word && analyzer.isVocabulary(stem)
            let limit = n <= 4 ? 1 : (n <= 7 ? 2 : 3)
            let w = Array(word.unicodeScalars)
            let letters = Self.letterSet(w)
            var best: (k: Int, distance: Int, score: Int)?
            for k in (max(3, n - limit)...(n + limit)).flatMap({ byLength[$0] ?? [] }) {
                let (t, length, targetLetters) = targets[k]
                guard t[0] == w[0] || t[1] == w[1] || (t[0] == w[1] && t[1] == w[0]) else { continue }
                let weight = analyzer.corrections.weights[k]
                if knownStem && weight < 2 { continue }
                let allowed = length <= 4 || n <= 4 || knownStem ? 1 : limit
                if (targetLetters ^ letters).nonzeroBitCount > 2 * allowed { continue }
                let d = CorrectionIndexTests.distance(w, t)
                guard d <= allowed else { continue }
                let score = (t[0] == w[0] ? 2 : 0) + weight
                if best == nil || (d, -score, k) < (best!.distance, -best!.score, best!.k) { best = (k, d, score) }
            }
            return best.map { analyzer.corrections.words[$0.k] }
        }
    }

    /// A word with `edits` random deletions, insertions, substitutions and transpositions.
    static func misspell(_ word: String, edits: Int, _ random: inout Generator) -> String {
        var s = Array(word.unicodeScalars)
        for _ in 0..<edits {
            let i = random.next(max(1, s.count))
            switch random.next(4) {
            case 0 where s.count > 1: s.remove(at: i)
            case 1: s.insert(random.pick(letters), at: random.next(s.count + 1))
            case 2 where !s.isEmpty: s[i] = random.pick(letters)
            case 3 where s.count > 1: s.swapAt(min(i, s.count - 2), min(i, s.count - 2) + 1)
            default: s.append(random.pick(letters))
            }
        }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: s)
        return String(out)
    }

    /// Misspellings of the analyser's targets (some with an ending, so that the stem is known),
    /// and random letter strings: the fast corrector must agree with the reference on each.
    /// Returns how many it corrected, and how many of those the first letter changed in.
    @discardableResult
    static func check(_ analyzer: Analyzer, misspellings: Int, randomWords: Int, seed: UInt64)
        -> (corrected: Int, firstChanged: Int)
    {
        var random = Generator(state: seed)
        let targets = analyzer.corrections.words
        var words: [String] = []
        for _ in 0..<misspellings {
            let word = random.pick(targets)
            if random.next(4) == 0 {
                // Often a known stem plus an ending: a distance of 1 at most, and only to common words.
                words.append(misspell(word + random.pick(["s", "es", "ed", "ing"]), edits: random.next(2), &random))
            } else {
                words.append(misspell(word, edits: 1 + random.next(3), &random))
            }
        }
        for _ in 0..<randomWords {
            words.append(String(String.UnicodeScalarView((0..<(3 + random.next(10))).map { _ in random.pick(letters) })))
        }
        // And words that are not all lower-case ASCII letters.
        words += ["it's", "twich1", "Twich", "TWICH", "twich!", "x-ray", "na\u{EF}ve", "nai\u{308}ve", "caf\u{E9}",
                  "cafe\u{301}", "\u{E7}a", "\u{FC}ber", "stre\r\nss", "\u{FB01}x", "\u{216B}", "m\u{FC}scle", "tw\u{131}tch"]
        let reference = Reference(analyzer)
        var corrected = 0, firstChanged = 0
        for word in words {
            let fast = analyzer.correct(word)
            #expect(fast == reference.correct(word), "\(word.debugDescription)")
            if let fast {
                corrected += 1
                if fast.unicodeScalars.first != word.unicodeScalars.first { firstChanged += 1 }
            }
        }
        return (corrected, firstChanged)
    }

    @Test func targetsAreInRankOrder() {
        let index = Fixture.engine.matcher.analyzer.corrections
        let keys = index.words.map { ($0.count, $0) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 })
        #expect(index.lengths == index.words.map(\.count))
        #expect(index.entryTargets.count == 2 * (index.words.count - index.irregular.count))
    }

    /// Targets under three letters (a snapshot could hold them) are never tried, and do not
    /// break the index.
    @Test func shortTargetsAreLeftOut() {
        let index = Analyzer.CorrectionIndex([("a", 1, 9), ("ab", 2, 9), ("x\u{301}", 1, 9), ("abc", 3, 1), ("abd", 3, 0)])
        #expect(index.entryTargets.count == 4)
        #expect(index.irregular.isEmpty)
        let word = "abx".unicodeScalars.map(\.value)
        #expect(index.best(for: word, characters: 3, limit: 1, knownStem: false) == 3)
    }

    @Test func projectVocabulary() {
        let analyzer = Fixture.engine.matcher.analyzer
        let (corrected, firstChanged) = Self.check(analyzer, misspellings: 3_000, randomWords: 1_000, seed: 17)
        // Not a vacuous comparison: many words get corrected, some by changing the first letter.
        #expect(corrected > 1_000)
        #expect(firstChanged > 20)
        #expect(analyzer.correct("becuase") == "because")
        #expect(analyzer.correct("streess") == "stress")
    }

    /// A vocabulary thirty times the project's of pronounceable words (as the benchmarks
    /// make), many of them one edit apart, with weights from 1 to 3 so that scores tie and
    /// differ; plus a few words with accents, precomposed and with a combining mark.
    @Test func bigSyntheticVocabulary() {
        var random = Generator(state: 5)
        let onsets = ["b", "br", "c", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m", "n", "p", "pl", "qu",
                      "r", "s", "sk", "st", "t", "tr", "v", "w", "z"]
        let vowels = ["a", "e", "i", "o", "u", "ai", "ou", "ea"]
        let codas = ["", "", "", "n", "r", "l", "m", "s", "t", "x"]
        var vocabulary: [String] = []
        for _ in 0..<30_000 {
            let word = (0..<(1 + random.next(4))).map { _ in random.pick(onsets) + random.pick(vowels) + random.pick(codas) }
                .joined()
            for _ in 0..<(1 + random.next(3)) { vocabulary.append(word) }
        }
        let accented = ["café", "cafe\u{301}", "naïve", "nai\u{308}ve", "über", "u\u{308}bermensch", "crème", "señor",
                        "se\u{303}nora", "ébauche", "e\u{301}clair"]
        vocabulary += accented
        let content = Fixture.content
        var contentWords: [String] = []
        for intent in content.intents {
            for text in intent.examples.map(\.text) + [intent.question] {
                for case .word(let w) in Normalizer.pieces(text) { contentWords.append(w) }
            }
        }
        // Corrections go to domain words only: the synthetic vocabulary is a concept's terms.
        var lexicon = content.lexicon
        lexicon.concepts.append(Concept(id: "synthetic", slot: nil, display: "synthetic", scope: .normal,
                                        terms: vocabulary.map { [Stemmer.stem($0)] }, rawTerms: vocabulary.map { [$0] },
                                        location: lexicon.concepts[0].location))
        let analyzer = Analyzer(lexicon: lexicon, extraVocabulary: contentWords + vocabulary)
        #expect(analyzer.corrections.words.count > 20_000)
        #expect(!analyzer.corrections.irregular.isEmpty)
        let (corrected, firstChanged) = Self.check(analyzer, misspellings: 2_000, randomWords: 500, seed: 23)
        #expect(corrected > 1_000)
        #expect(firstChanged > 20)
        // The accented words, misspelt the same way.
        let reference = Reference(analyzer)
        var accentRandom = Generator(state: 29)
        for word in accented {
            for edits in [1, 1, 2, 2, 3] {
                let typo = Self.misspell(word, edits: edits, &accentRandom)
                #expect(analyzer.correct(typo) == reference.correct(typo), "\(typo.debugDescription)")
            }
        }
        for typo in ["cafe", "cafè", "nave", "uber", "ubermensch", "u\u{308}bermesch", "eclair", "creme", "senora"] {
            #expect(analyzer.correct(typo) == reference.correct(typo), "\(typo.debugDescription)")
        }
    }

    /// The banded distance (and its one-pass form for limits 0 and 1) agrees with the whole
    /// table, within and beyond its limit.
    @Test func bandedDistance() {
        var random = Generator(state: 31)
        let alphabet = Array("abcde".unicodeScalars)
        var rows = [Int](repeating: 0, count: 3 * 20)
        var near = 0
        for _ in 0..<10_000 {
            let a = (0..<(1 + random.next(9))).map { _ in random.pick(alphabet) }
            // Half of the pairs a few edits apart.
            let b = random.next(2) == 0 ? (0..<(1 + random.next(9))).map { _ in random.pick(alphabet) }
                : Array(Self.misspell(String(String.UnicodeScalarView(a)), edits: random.next(3), &random).unicodeScalars)
            let limit = random.next(4)
            let exact = Self.distance(a, b)
            let banded = a.map(\.value).withUnsafeBufferPointer { a in
                b.map(\.value).withUnsafeBufferPointer { b in
                    rows.withUnsafeMutableBufferPointer { Analyzer.distance(a, b, limit: limit, rows: $0) }
                }
            }
            #expect(banded == (exact <= limit ? exact : nil), "\(a) \(b) \(limit)")
            if exact <= 1 && exact <= limit { near += 1 }
        }
        #expect(near > 1_000)
    }
}
