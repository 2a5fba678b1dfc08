import Testing
@testable import TwitchwiseTerminal

@Suite struct TerminalStyleTests {
    @Test func colourOnlyOnATerminal() {
        #expect(Terminal.colorEnabled(isTerminal: true, environment: [:], noColorFlag: false))
        #expect(!Terminal.colorEnabled(isTerminal: false, environment: [:], noColorFlag: false))
    }

    @Test func noColorFlagTurnsItOff() {
        #expect(!Terminal.colorEnabled(isTerminal: true, environment: [:], noColorFlag: true))
    }

    @Test func nonEmptyNoColorTurnsItOff() {
        #expect(!Terminal.colorEnabled(isTerminal: true, environment: ["NO_COLOR": "1"], noColorFlag: false))
        #expect(!Terminal.colorEnabled(isTerminal: true, environment: ["NO_COLOR": "false"], noColorFlag: false))
        #expect(Terminal.colorEnabled(isTerminal: true, environment: ["NO_COLOR": ""], noColorFlag: false),
                "an empty NO_COLOR does not count (no-color.org)")
    }

    @Test func dumbTerminalGetsNoColour() {
        #expect(!Terminal.colorEnabled(isTerminal: true, environment: ["TERM": "dumb"], noColorFlag: false))
    }

    @Test func plainStyleWritesNoEscapes() {
        let style = TerminalStyle.plain
        #expect(style.apply(.urgent, "x") == "x")
        #expect(style.prompt("> ") == "> ")
        var repl = REPL(engine: sharedEngine, style: style)
        for line in ["why does my neck twitch", ":help", ":topics", ":sources", ":why", ":nope"] {
            #expect(!repl.handle(line).text.contains("\u{1B}"), "\(line)")
        }
        #expect(!repl.banner.contains("\u{1B}"))
    }

    @Test func colourStyleMarksPromptCodesForReadline() {
        let style = TerminalStyle(colors: true)
        #expect(style.apply(.heading, "Hi") == "\u{1B}[1mHi\u{1B}[0m")
        #expect(style.apply(.heading, "") == "")
        let prompt = style.prompt("> ")
        #expect(prompt.hasPrefix("\u{1}\u{1B}["))
        #expect(prompt.contains("\u{2}> \u{1}"))
        #expect(prompt.hasSuffix("\u{2}"))
    }
}
