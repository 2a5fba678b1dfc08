/// One word of a message after normalisation.
public struct Token: Sendable, Hashable {
    /// The word as matched: lower case, variants applied, spelling corrected.
    public var word: String
    public var stem: String
    /// The word as the user wrote it (lower case), when it was changed.
    public var original: String?
    /// Index of the clause the word is in (clauses end at . , ; : ! ? and "but").
    public var clause: Int
    /// Index of the sentence the word is in.
    public var sentence: Int = 0
    /// The stem's number in the analyser's table, or -1 when no content word has this stem.
    public var stemID: Int32 = -1
    /// Inside the scope of a negation.
    public var negated = false
    /// In a clause about the past.
    public var past = false
    /// Part of a recognised concept (the others are plain words).
    public var covered = false
}

/// Splits text into lower-case words and clause boundaries, folding Unicode
/// punctuation, quotes, diacritics, emoji and English contractions. Knows no
/// domain words: spelling variants and corrections come from the content.
public enum Normalizer {
    /// A word or a clause boundary.
    public enum Piece: Sendable, Hashable {
        case word(String)
        /// The end of a clause; `sentence` when it also ends a sentence (. ! ? or a line break).
        case boundary(sentence: Bool)
    }

    public static func pieces(_ text: String) -> [Piece] {
        asciiPieces(text) ?? unicodePieces(text)
    }

    /// The same for text that is all ASCII (most messages), on bytes; nil for any other text.
    static func asciiPieces(_ text: String) -> [Piece]? {
        var text = text
        return text.withUTF8 { bytes -> [Piece]? in
            var pieces: [Piece] = []
            pieces.reserveCapacity(bytes.count / 4 + 4)
            // The word being read is `bytes[start..<end]` (start < 0: none). An apostrophe before a
            // word is dropped without ending anything, so a word's bytes are always contiguous.
            var start = -1, end = 0
            // Whether the word has upper-case letters or backticks, which it is written without.
            var mapped = false
            var apostrophe = false
            func flushWord() {
                guard start >= 0 else { return }
                // Apostrophes off the end (a word never starts with one).
                var hi = end
                while hi > start && (bytes[hi - 1] == 0x27 || bytes[hi - 1] == 0x60) { hi -= 1 }
                let raw = UnsafeBufferPointer(rebasing: bytes[start..<hi])
                let word = !mapped ? String(decoding: raw, as: UTF8.self) : String(unsafeUninitializedCapacity: raw.count) { out in
                    for (k, byte) in raw.enumerated() {
                        out[k] = byte == 0x60 ? 0x27 : (0x41...0x5A).contains(byte) ? byte + 32 : byte
                    }
                    return raw.count
                }
                if apostrophe { for part in expandContraction(word) { pieces.append(.word(part)) } } else { pieces.append(.word(word)) }
                (start, mapped, apostrophe) = (-1, false, false)
            }
            func boundary(_ sentence: Bool) {
                flushWord()
                guard let last = pieces.last else { return }
                if case .boundary(let was) = last {
                    if sentence && !was { pieces[pieces.count - 1] = .boundary(sentence: true) }
                    return
                }
                pieces.append(.boundary(sentence: sentence))
            }
            for i in bytes.indices {
                let byte = bytes[i]
                switch byte {
                case 0x61...0x7A, 0x30...0x39, 0x41...0x5A:                        // a-z 0-9 A-Z
                    if start < 0 { start = i }
                    end = i + 1
                    if byte <= 0x5A && byte >= 0x41 { mapped = true }
                case 0x27, 0x60:                                                   // ' `
                    if start >= 0 {
                        end = i + 1
                        apostrophe = true
                        if byte == 0x60 { mapped = true }
                    }
                case 0x2E, 0x21, 0x3F, 0x0A: boundary(true)                        // . ! ? newline
                case 0x2C, 0x3B, 0x3A, 0x28, 0x29: boundary(false)                 // , ; : ( )
                case 0x80...: return nil
                default: flushWord()
                }
            }
            flushWord()
            if case .boundary = pieces.last { pieces.removeLast() }
            return pieces
        }
    }

    /// Any text, scalar by scalar.
    static func unicodePieces(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var word = ""
        func flushWord() {
            guard !word.isEmpty else { return }
            // Apostrophes off both ends (what trimmingCharacters(in: ["'"]) did, without Foundation's cost).
            var scalars = Substring(word).unicodeScalars
            while scalars.first == "'" { scalars.removeFirst() }
            while scalars.last == "'" { scalars.removeLast() }
            let trimmed = String(scalars)
            if !trimmed.isEmpty {
                for part in expandContraction(trimmed) { pieces.append(.word(part)) }
            }
            word = ""
        }
        func boundary(_ sentence: Bool) {
            flushWord()
            guard !pieces.isEmpty else { return }
            if case .boundary(let was) = pieces.last! {
                if sentence && !was { pieces[pieces.count - 1] = .boundary(sentence: true) }
                return
            }
            pieces.append(.boundary(sentence: sentence))
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "'", "\u{2019}", "\u{2018}", "\u{02BC}", "`", "\u{00B4}":
                if !word.isEmpty { word.append("'") }
            case ".", "!", "?", "\n", "\u{2026}", "\u{3002}", "\u{FF1F}", "\u{FF01}":
                boundary(true)
            case ",", ";", ":", "(", ")":
                boundary(false)
            case "a"..."z", "0"..."9":  // the common case, without looking up Unicode properties
                word.unicodeScalars.append(scalar)
            case "A"..."Z":
                word.unicodeScalars.append(Unicode.Scalar(scalar.value + 32)!)
            default:
                let props = scalar.properties
                if props.isAlphabetic || props.numericType != nil {
                    if scalar.isASCII {
                        word.unicodeScalars.append(props.lowercaseMapping.unicodeScalars.first ?? scalar)
                    } else {
                        word += fold(scalar)
                    }
                } else {
                    flushWord()
                }
            }
        }
        flushWord()
        if case .boundary = pieces.last { pieces.removeLast() }
        return pieces
    }

    /// A letter or digit outside ASCII as a word has it: what Foundation's
    /// `folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)`
    /// then `lowercased()` gave, without Foundation (issue 8). A full-width ASCII form becomes
    /// ASCII; a precomposed letter loses its accents (the combining marks U+0300–U+036F of its
    /// canonical decomposition, `CanonicalDecomposition`); a letter that changes under case folding is folded in full (ß → ss, ς → σ).
    /// It differs from Foundation only on the half-width katakana and Hangul forms (kept), and a
    /// few letters Foundation's tables leave alone (U+1C80–U+1C88, two Vithkuqi letters).
    static func fold(_ scalar: Unicode.Scalar) -> String {
        var letter = scalar
        if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) { letter = ascii }
        var kept = String.UnicodeScalarView()
        for part in CanonicalDecomposition.of(letter) where kept.isEmpty || !(0x300...0x36F).contains(part.value) { kept.append(part) }
        let text = String(kept)
        return letter.properties.changesWhenCaseFolded ? text.lowercased().uppercased().lowercased() : text.lowercased()
    }

    private static let isWords: Set<String> = [
        "it", "that", "what", "there", "he", "she", "who", "where", "how", "here", "this", "when", "why", "everything", "nothing", "something",
    ]

    /// `don't` -> `do not`, `it's` -> `it is`, `dad's` -> `dad`.
    static func expandContraction(_ word: String) -> [String] {
        guard let apostrophe = word.lastIndex(of: "'") else { return [word] }
        let head = String(word[..<apostrophe])
        let tail = String(word[word.index(after: apostrophe)...])
        switch tail {
        case "t" where head.hasSuffix("n"):
            let base = String(head.dropLast())
            switch base {
            case "wo": return ["will", "not"]
            case "ca": return ["can", "not"]
            case "sha": return ["shall", "not"]
            case "ai": return ["is", "not"]
            default: return [base, "not"]
            }
        case "re": return [head, "are"]
        case "ve": return [head, "have"]
        case "ll": return [head, "will"]
        case "d": return [head, "would"]
        case "m": return [head, "am"]
        case "s": return isWords.contains(head) ? [head, "is"] : [head]
        default: return [head + tail]
        }
    }
}
