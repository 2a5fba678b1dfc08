import Foundation
import Testing
import TwitchwiseTestSupport
@testable import TwitchwiseCore

/// The engine's text helpers that replaced Foundation's (issue 8: the binary links no
/// swift-corelibs-foundation and no ICU), checked against Foundation itself.
struct WithoutFoundationTests {
    /// Texts made of the characters where the sets differ: blanks, line breaks, letters,
    /// combining marks, CR LF pairs.
    static func texts(_ count: Int, seed: UInt64) -> [String] {
        let pieces: [String] = [" ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{A0}", "\u{2028}",
                                "\u{2029}", "\u{3000}", "\u{200B}", "\u{FEFF}", "a", "é", "e\u{301}", "’", "\u{301}",
                                "x", ".", ",", "_", "日"]
        var random = SeededGenerator(state: seed)
        return (0..<count).map { _ in random.text(from: pieces, length: 9) }
    }

    @Test func trimmingTakesOffWhatFoundationsSetsDo() {
        let sets: [(TrimmedCharacters, CharacterSet)] = [
            (.whitespaces, .whitespaces), (.newlines, .newlines), (.whitespacesAndNewlines, .whitespacesAndNewlines),
        ]
        for text in Self.texts(3_000, seed: 11) {
            for (ours, foundation) in sets {
                #expect(text.trimming(ours) == text.trimmingCharacters(in: foundation), "\(text.debugDescription) \(ours)")
                #expect(text.isOnly(ours) == text.trimmingCharacters(in: foundation).isEmpty, "\(text.debugDescription) \(ours)")
            }
        }
        // Every scalar of the Basic Multilingual Plane is in a set exactly when it is in Foundation's.
        var differences: [String] = []
        for value in 0...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for (ours, foundation) in sets where ours.contains(scalar) != foundation.contains(scalar) {
                differences.append("U+\(String(value, radix: 16)) \(ours)")
            }
        }
        #expect(differences.isEmpty)
    }

    @Test func replacingAScalarReplacesItEverywhereAsFoundationDid() {
        for text in Self.texts(3_000, seed: 12) where !text.unicodeScalars.contains("\u{301}") {
            for (target, replacement) in [("\n", " "), ("\r", " "), ("’", "'"), ("_", " "), ("\t", "    ")] as [(Unicode.Scalar, String)] {
                #expect(text.replacing(scalar: target, with: replacement)
                        == text.replacingOccurrences(of: String(target), with: replacement), "\(text.debugDescription)")
            }
        }
        // Inside a CR LF pair, and before a combining mark (where Foundation left it): a history
        // entry must not keep a line break.
        #expect("a\r\nb".replacing(scalar: "\n", with: " ") == "a\r b")
        #expect("a\n\u{301}b".replacing(scalar: "\n", with: " ") == "a \u{301}b")
    }

    /// A letter or digit outside ASCII folds as Foundation's diacritic-, case- and width-insensitive
    /// folding did, except on the forms the fold's documentation names.
    @Test func lettersFoldAsFoundationFoldedThem() {
        var differences: [UInt32] = []
        for value in 0x80...0x2FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let properties = scalar.properties
            guard properties.isAlphabetic || properties.numericType != nil else { continue }
            let foundation = String(scalar)
                .folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
            if Normalizer.fold(scalar) != foundation { differences.append(UInt32(value)) }
        }
        let named: [ClosedRange<UInt32>] = [0xFF61...0xFFDC, 0x1C80...0x1C88, 0x105C9...0x105C9, 0x105E4...0x105E4]
        let unexpected = differences.filter { value in !named.contains { $0.contains(value) } }
        #expect(unexpected.isEmpty, "\(unexpected.map { "U+" + String($0, radix: 16) })")
        #expect(differences.count < 130)
        // What users write: accents off, full case folding, full-width forms.
        #expect(Normalizer.pieces("Crème BRÛLÉE Straße ＣＲＡＭＰ ΣΊΣΥΦΟΣ") == [
            .word("creme"), .word("brulee"), .word("strasse"), .word("cramp"), .word("σισυφοσ"),
        ])
    }
}
