/// A message as the triage layer reads it: words with their stems and numbers, each placed in a
/// sentence and a clause.
struct TriageText {
    struct Token {
        var word: String
        var stem: String
        /// The word read as a number ("39", "38.5"), if it is one.
        var number: Double?
        var sentence: Int
        /// Clauses end at `, ; : ( )` and at sentence ends; terminator and present-time cues
        /// start new ones once the cues are found (`TriageAssessor`).
        var clause: Int
        /// The first word after a comma-like break (not a sentence end).
        var afterSoftBreak: Bool
        /// The word and its stem as numbers of the triage vocabulary (`TriageAssessor`), -1 for
        /// words no term has: terms compare numbers, not strings.
        var wordID: Int32 = -1
        var stemID: Int32 = -1
    }

    var tokens: [Token] = []
    /// Spelling fixes made (from, to), for explanations.
    var corrections: [(from: String, to: String)] = []

    /// At most this many words are read; the rest of a longer message is not (issue 22: bounded
    /// work per request). A red flag is described long before this.
    static let wordLimit = Analyzer.wordLimit

    /// - Parameters:
    ///   - variants: texting forms and misspellings, word → words (`cant` → `can not`); a variant's
    ///     words are read through them once more (`couldnt` → `could not` → `can not`).
    ///   - phrases: several words read as others ("can barely" → "can not"), within a clause.
    ///   - correct: a spelling fix for a word that is not a known word, or nil.
    init(_ text: String, variants: [String: [String]], phrases: TriagePhrases, correct: (String) -> String?) {
        var sentence = 0, clause = 0, soft = false
        // Each word is corrected once per message: a long message repeating an unknown word costs
        // one search, not one per occurrence (issue 22).
        var corrected: [String: String?] = [:]
        for piece in Normalizer.pieces(Self.keepingDecimals(text)) {
            if tokens.count >= Self.wordLimit { break }
            switch piece {
            case .boundary(let ends):
                guard !tokens.isEmpty else { continue }
                if ends { sentence += 1; soft = false } else { soft = true }
                clause += 1
            case .word(let raw):
                for word in Self.splittingUnits(raw).flatMap({ variants[$0] ?? [$0] }).flatMap({ variants[$0] ?? [$0] }) {
                    var word = word
                    let number = Self.number(word)
                    if number == nil, let fixed = corrected[word] ?? { let fix = correct(word); corrected[word] = fix; return fix }() {
                        corrections.append((word, fixed))
                        word = fixed
                    }
                    tokens.append(Token(word: word, stem: Stemmer.stem(word), number: number, sentence: sentence,
                                        clause: clause, afterSoftBreak: soft))
                    soft = false
                }
            }
        }
        if !phrases.isEmpty { tokens = Self.reading(tokens, phrases) }
    }

    /// The tokens with each phrase of `phrases` (within one clause) read as its variant words.
    private static func reading(_ tokens: [Token], _ phrases: TriagePhrases) -> [Token] {
        phrases.reading(tokens, word: \.word, sameRun: { tokens[$0].clause == tokens[$1].clause }) { covered, word, k in
            let first = covered.first!
            return Token(word: word, stem: Stemmer.stem(word), number: nil, sentence: first.sentence, clause: first.clause,
                         afterSoftBreak: k == 0 && first.afterSoftBreak)
        }
    }

    /// A number written against its unit is two words: "2yo" → "2 yo", "39c" → "39 c", "5mins" →
    /// "5 mins".
    static func splittingUnits(_ word: String) -> [String] {
        guard let byte = word.utf8.first, byte >= 0x30, byte <= 0x39 else { return [word] }
        let scalars = Array(word.unicodeScalars)
        guard let first = scalars.first, isDigit(first) else { return [word] }
        var k = 0
        while k < scalars.count, isDigit(scalars[k]) || (scalars[k] == "p" && k + 1 < scalars.count && isDigit(scalars[k + 1])) { k += 1 }
        guard k < scalars.count, k > 0, scalars[k...].allSatisfy({ $0.properties.isAlphabetic }) else { return [word] }
        var number = String.UnicodeScalarView(), unit = String.UnicodeScalarView()
        number.append(contentsOf: scalars[..<k])
        unit.append(contentsOf: scalars[k...])
        return [String(number), String(unit)]
    }

    /// "38.5" and "38,5" stay one word: the point between two digits becomes `p`, which `number`
    /// reads back (the normaliser would end a sentence there).
    static func keepingDecimals(_ text: String) -> String {
        var bytes = Array(text.utf8)
        var changed = false
        for k in bytes.indices.dropFirst().dropLast() where bytes[k] == UInt8(ascii: ".") || bytes[k] == UInt8(ascii: ",") {
            if isDigit(bytes[k - 1]), isDigit(bytes[k + 1]) {
                bytes[k] = UInt8(ascii: "p")
                changed = true
            }
        }
        // (An ASCII byte for an ASCII byte: the text stays valid UTF-8.)
        return changed ? String(decoding: bytes, as: UTF8.self) : text
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    private static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    /// A word of digits, with at most one `p` for a decimal point: "39", "38p5".
    static func number(_ word: String) -> Double? {
        guard let first = word.unicodeScalars.first, isDigit(first), word.utf8.count <= 12 else { return nil }
        var whole = 0.0, fraction = 0.0, scale = 1.0, inFraction = false
        for scalar in word.unicodeScalars {
            if isDigit(scalar) {
                let digit = Double(scalar.value - 0x30)
                if inFraction { scale /= 10; fraction += digit * scale } else { whole = whole * 10 + digit }
            } else if scalar == "p" && !inFraction {
                inFraction = true
            } else {
                return nil
            }
        }
        return whole + fraction
    }
}
