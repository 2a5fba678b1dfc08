import Foundation
import Testing
@testable import TwitchwiseProtocol

/// The JSON writer escapes strings from their bytes, copying runs that need no escape; it must
/// write exactly what escaping one scalar at a time writes (the protocol's contract).
struct JSONStringEscapeTests {
    func expectSame(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        var fast: [UInt8] = [], reference: [UInt8] = []
        JSONWriter.writeString(text, into: &fast)
        JSONWriter.writeStringByScalars(text, into: &reference)
        #expect(fast == reference, "\(Array(text.unicodeScalars))", sourceLocation: sourceLocation)
    }

    @Test func everyScalarOfTheFirstPagesAndTheLineSeparators() {
        for value in Array(UInt32(0)...0x7FF) + Array(0x2000...0x202F) + [0xFEFF, 0xFFFD, 0x1F600] {
            let scalar = Unicode.Scalar(value)!
            for text in [String(scalar), "a" + String(scalar) + "b", String(scalar) + String(scalar)] { expectSame(text) }
        }
    }

    @Test func generatedTexts() {
        let pieces = ["plain words ", "\"", "\\", "\n", "\r\n", "\t", "\u{0}", "\u{1B}[31m", "\u{7F}", "\u{85}", "\u{9F}", "\u{A0}",
                      "é", "e\u{301}", "\u{2028}", "\u{2029}", "\u{2027}", "\u{202A}", "🧠", "日本", "{\"a\":1}", ""]
        var state: UInt64 = 5
        for _ in 0..<3_000 {
            var text = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for k in 0..<Int(state >> 60) { text += pieces[Int((state >> UInt64(4 * (k % 14))) % UInt64(pieces.count))] }
            expectSame(text)
        }
        expectSame(String(repeating: "a long answer without any escape. ", count: 200))
    }
}
