import Testing
import TwitchwiseCore

/// The one escaping helper every front end uses for text from input files (issue 22, point 12).
@Suite struct ControlEscapingTests {
    @Test func controlCharactersBecomeVisible() {
        #expect("a\u{1B}[2Jb".escapingControlCharacters() == "a\\u{1B}[2Jb")
        #expect("bell\u{07} del\u{7F} csi\u{9B}".escapingControlCharacters() == "bell\\u{07} del\\u{7F} csi\\u{9B}")
        #expect("two\nlines\tand tab".escapingControlCharacters() == "two\\u{0A}lines\\u{09}and tab")
        #expect("two\nlines\tand tab\u{0}".escapingControlCharacters(keepingLines: true) == "two\nlines\tand tab\\u{00}")
    }

    @Test func otherTextIsUnchanged() {
        for text in ["", "plain", "café naïve 😀", "\u{A0}no-break and \u{2028}", "back\\slash"] {
            #expect(text.escapingControlCharacters() == text)
        }
    }

    @Test func diagnosticsEscapeWhatTheyQuote() {
        let d = Diagnostic(.error, "unknown id 'x\u{1B}]0;t\u{07}'", at: SourceLocation(file: "f\u{1B}.yaml", line: 2, column: 3),
                           hint: "did you mean\u{9B}?")
        #expect(d.description == "f\\u{1B}.yaml:2:3: error: unknown id 'x\\u{1B}]0;t\\u{07}'\nf\\u{1B}.yaml:2:3: note: did you mean\\u{9B}?")
    }
}
