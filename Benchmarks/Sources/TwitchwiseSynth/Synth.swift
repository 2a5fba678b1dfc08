import TwitchwiseCore
import TwitchwiseContentLoading

/// Synthetic content for scale benchmarks, derived from the real content.
///
/// `scaled(real, factor: k)` keeps the real intents and adds k-1 clones of
/// each, with new ids (`cause.stress~3`). A clone keeps the function words,
/// the lexicon's terms (so concepts such as `twitch` get as common as they
/// would in a bigger content) and the `requires` gates; every other word of
/// its examples, question and patterns is, with probability 0.6, replaced by
/// a word of a synthetic vocabulary (pronounceable, letters only, so spelling
/// correction treats it like a real word). The replacement is fixed per clone
/// and word, so a clone's examples share words the way real ones do, and
/// synthetic words are drawn with a skew, so some are common and most are
/// rare: the feature distribution stays close to the real one. A clone's
/// pattern that came out unchanged is dropped (it would only tie with the
/// original). Responses are copied. Deterministic for a given seed.
public enum Synth {
    /// The real, embedded content.
    public static func realContent() -> Content {
        do {
            return try ContentSource.embedded.load().0
        } catch {
            fatalError("the embedded content does not load: \(error)")
        }
    }

    public static func scaled(_ real: Content, factor: Int, seed: UInt64 = 0x7717_c4e5) -> Content {
        guard factor > 1 else { return real }
        var rng = SplitMix64(seed: seed)
        let lexicon = real.lexicon

        // Words a clone keeps: stop words, every word of a concept term, variant spellings.
        var keep = lexicon.stopwords
        for concept in lexicon.concepts { for term in concept.rawTerms { keep.formUnion(term) } }
        keep.formUnion(lexicon.variants.keys)
        for replacement in lexicon.variants.values { keep.formUnion(replacement) }

        // The words a clone may replace, and the vocabulary it replaces them with.
        var contentWords = Set<String>()
        var realWords = Set<String>(keep)
        for intent in real.intents {
            for text in intent.examples.map(\.text) + [intent.question] {
                for word in words(text) {
                    realWords.insert(word)
                    if !keep.contains(word) { contentWords.insert(word) }
                }
            }
        }
        let vocabulary = syntheticVocabulary(count: contentWords.count * factor, avoiding: realWords.union(lexicon.knownWords), rng: &rng)

        var intents = real.intents
        var responses = real.responses
        intents.reserveCapacity(real.intents.count * factor)
        for clone in 1..<factor {
            for intent in real.intents {
                var substitution: [String: String] = [:]
                func map(_ word: String) -> String {
                    if keep.contains(word) || !contentWords.contains(word) { return word }
                    if let known = substitution[word] { return known }
                    var replacement = word
                    if rng.unit() < 0.6 {
                        // Skewed choice: index ~ V * u^2, so low indices are common.
                        let u = rng.unit()
                        replacement = vocabulary[min(vocabulary.count - 1, Int(Double(vocabulary.count) * u * u))]
                    }
                    substitution[word] = replacement
                    return replacement
                }
                var copy = intent
                copy.id = "\(intent.id)~\(clone)"
                copy.question = words(intent.question).map(map).joined(separator: " ")
                copy.examples = intent.examples.map { example in
                    var e = example
                    e.text = words(example.text).map(map).joined(separator: " ")
                    return e
                }
                copy.patterns = intent.patterns.compactMap { pattern in
                    let source = pattern.source.split(separator: " ").map { part -> String in
                        let text = String(part)
                        if text.hasPrefix("[") && text.hasSuffix("]") {
                            return "[" + text.dropFirst().dropLast().split(separator: "|").map { map(String($0).lowercased()) }
                                .joined(separator: "|") + "]"
                        }
                        if text == "*" || text.hasPrefix("{") || text.hasPrefix("<") { return text }
                        return map(text.lowercased())
                    }.joined(separator: " ")
                    guard source != pattern.source else { return nil }
                    let (parsed, _) = Pattern.parse(source, location: pattern.location) { written in
                        words(written).flatMap { lexicon.variants[$0] ?? [$0] }.map(Stemmer.stem)
                    }
                    return parsed
                }
                intents.append(copy)
                if var response = real.responses[intent.id] {
                    response.intent = copy.id
                    responses[copy.id] = response
                }
            }
        }
        var content = real
        content.intents = intents
        content.responses = responses
        return content
    }

    /// Normalised words of a text.
    static func words(_ text: String) -> [String] {
        Normalizer.pieces(text).compactMap { piece in
            if case .word(let w) = piece { return w }
            return nil
        }
    }

    /// Pronounceable letter-only words (`brokatel`), none of them a real word.
    static func syntheticVocabulary(count: Int, avoiding real: Set<String>, rng: inout SplitMix64) -> [String] {
        let onsets = ["b", "br", "c", "cl", "d", "dr", "f", "fl", "g", "gr", "h", "j", "k", "l", "m", "n", "p", "pl", "qu", "r",
                      "s", "sk", "st", "t", "tr", "v", "w", "z"]
        let vowels = ["a", "e", "i", "o", "u", "ai", "ou", "ea"]
        let codas = ["", "", "", "n", "r", "l", "m", "s", "t", "x"]
        var seen = Set<String>()
        var out: [String] = []
        out.reserveCapacity(count)
        while out.count < count {
            var word = ""
            let syllables = 2 + rng.below(3)
            for _ in 0..<syllables {
                word += onsets[rng.below(onsets.count)] + vowels[rng.below(vowels.count)] + codas[rng.below(codas.count)]
            }
            if word.count > 14 || real.contains(word) || !seen.insert(word).inserted { continue }
            out.append(word)
        }
        return out
    }
}

/// A small, fast, seeded generator (Steele, Lea, Flood 2014).
public struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// The benchmark messages: one of each kind the issue names.
public enum Messages {
    public static let short = "why does my eye twitch"
    public static let longStory = """
        So for the last three weeks or so my left calf has been twitching on and off, mostly in the evening when I'm \
        sitting on the sofa after work. It started around the time I began training for a half marathon and I've also \
        been drinking a lot more coffee than usual because of deadlines, maybe five cups a day, and sleeping badly. \
        It doesn't hurt and my leg isn't weak, I can still run fine, but it's really annoying and I keep reading scary \
        things online. Is this something I should worry about, and what could be causing it?
        """
    public static let typoHeavy = "why dose my eyelid twich all teh tiem, is it becuase of streess or cofee"
    /// The follow-up pair: the first sets the topic, the second is measured.
    public static let followUpFirst = "can stress cause muscle twitching"
    public static let followUp = "what about at night?"
    public static let outOfScope = "what is the best way to fix a flat bicycle tyre"

    /// One line of each kind, for the scale benchmarks (follow-up measured as its second turn).
    public static let mix = [short, longStory, typoHeavy, followUp, outOfScope]
}

/// A prepared message: its text and the session state it arrives in.
public struct PreparedMessage: Sendable {
    public var text: String
    public var state: SessionState
}

extension Engine {
    /// The benchmark mix for this engine; the follow-up arrives after its first turn.
    public func preparedMix() -> [PreparedMessage] {
        let (_, afterFirst) = respond(to: Messages.followUpFirst, in: SessionState())
        return Messages.mix.map { text in
            PreparedMessage(text: text, state: text == Messages.followUp ? afterFirst : SessionState())
        }
    }
}
