import Foundation
import Testing
@testable import TwitchwiseTerminal

/// Plain-text output drops control characters; its byte-level check for whether there are any
/// (so that clean answers are returned as they are) must agree with the characters themselves.
struct PlainTextSanitizeTests {
    /// `sanitize` as it is defined: every scalar but C0/C1 controls and DEL, newlines and tabs kept.
    func reference(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter {
            $0 == "\n" || $0 == "\t" || !($0.value < 0x20 || (0x7F...0x9F).contains($0.value))
        }))
    }

    @Test func dropsControlsAndKeepsEverythingElse() {
        let texts = ["plain answer", "two\nlines\tand a tab", "\u{1B}[31mred\u{1B}[0m", "bell\u{07}", "del\u{7F}",
                     "c1 \u{85} next line, \u{9B}CSI and \u{9F}", "\u{A0}no-break space and \u{C2}\u{A9} sign", "émoji 🧠 ok",
                     "\u{C0}\u{80}", "nul \u{0} inside", "\r\n windows", ""]
        for text in texts {
            #expect(PlainText.sanitize(text) == reference(text), "\(Array(text.unicodeScalars))")
        }
        // Every scalar from U+0000 to U+02FF, alone and between letters.
        for value in UInt32(0)...0x2FF {
            let scalar = Unicode.Scalar(value)!
            let text = "a" + String(Character(scalar)) + "b"
            #expect(PlainText.sanitize(text) == reference(text), "U+\(String(value, radix: 16))")
        }
    }
}
