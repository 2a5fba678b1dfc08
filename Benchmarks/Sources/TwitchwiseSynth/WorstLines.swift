import TwitchwiseCore
import TwitchwiseProtocol

/// The worst request lines of issue 22: 64 KiB of one shape each, as `--json` request lines.
/// Shapes: one word repeated, for every lexicon term and every red-flag word of the content;
/// random words of the content's vocabulary; the same with a letter changed in each (typos).
public enum WorstLines {
    public struct Shape: Sendable {
        public var name: String
        /// The texts the shape repeats: one word each, or a stream of words.
        public var units: [String]
    }

    /// The shapes for `content`.
    public static func shapes(_ content: Content, seed: UInt64 = 22) -> [Shape] {
        var terms = Set<String>()
        for concept in content.lexicon.concepts { for term in concept.rawTerms { terms.insert(term.joined(separator: " ")) } }
        var redFlags = Set<String>()
        for feature in content.triage.features {
            for term in feature.terms {
                let words = term.compactMap { word -> String? in
                    switch word {
                    case .stem(let w), .word(let w): return w
                    case .number(let low, _), .rising(let low, _): return String(Int(low))
                    case .gap: return nil
                    }
                }
                if !words.isEmpty { redFlags.insert(words.joined(separator: " ")) }
            }
        }
        for presentation in content.triage.presentations {
            for pattern in presentation.patterns { for words in pattern where !words.isEmpty { redFlags.insert(words.joined(separator: " ")) } }
        }
        var vocabulary = Set<String>()
        for intent in content.intents { for example in intent.examples { for w in example.text.split(separator: " ") { vocabulary.insert(String(w)) } } }
        vocabulary.formUnion(terms)
        var rng = SplitMix64(seed: seed)
        let words = vocabulary.sorted()
        let random = (0..<20).map { _ in (0..<12_000).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ") }
        let typos = random.map { text in
            text.split(separator: " ").map { word -> String in
                var letters = Array(word)
                guard letters.count > 2 else { return String(word) }
                let k = Int(rng.next() % UInt64(letters.count))
                letters[k] = Array("abcdefghijklmnopqrstuvwxyz")[Int(rng.next() % 26)]
                return String(letters)
            }.joined(separator: " ")
        }
        return [Shape(name: "lexicon term", units: terms.sorted()), Shape(name: "red-flag word", units: redFlags.sorted()),
                Shape(name: "random vocabulary", units: random), Shape(name: "typos", units: typos)]
    }

    /// A request line of at most `bytes` bytes whose text is `unit` repeated (or cut) to fill it.
    public static func line(_ unit: String, bytes: Int = ProtocolHandler.maxLineBytes) -> [UInt8] {
        let head = Array(#"{"id":1,"text":""#.utf8), tail = Array(#""}"#.utf8)
        var text: [UInt8] = []
        let room = bytes - head.count - tail.count
        let piece = Array((unit + " ").utf8).filter { $0 != 0x22 && $0 != 0x5C && $0 >= 0x20 }
        while text.count + piece.count <= room { text += piece }
        if text.isEmpty { text = Array(piece.prefix(room)) }
        while let last = text.last, last >= 0x80 && last < 0xC0 || last >= 0xC0 { text.removeLast() }  // no cut character
        return head + text + tail
    }
}
