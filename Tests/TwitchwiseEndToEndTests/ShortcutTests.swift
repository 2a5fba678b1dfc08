import Testing
import TwitchwiseTestSupport

/// `twitchwise ask WORDS...` and `twitchwise --json` skip ArgumentParser at
/// start-up (Sources/twitchwise/Shortcut.swift); the same command lines with an
/// option added go through it. Both ways must give the same bytes and status.
@Suite("The start-up shortcut, end to end")
struct ShortcutTests {
    static let questions: [[String]] = [
        ["why does my neck twitch"],
        ["why", "does", "my", "neck", "twitch"],
        ["help"], ["ask"], ["check", "this"], ["chat"], [""], ["why", "", "my eye twitch"],
        ["I have a fever and a stiff neck and can't move"],
        ["how do I grow my channel on twitch"],
        ["what about \u{1F600} and ünïcödé?"],
    ]

    @Test(arguments: questions)
    func askGivesWhatTheParsedCommandGives(_ words: [String]) throws {
        let shortcut = try Driver.run(["ask"] + words, input: [])
        let parsed = try Driver.run(["ask", "--seed", "0"] + words, input: [])
        #expect(shortcut.status == parsed.status)
        #expect(shortcut.stdoutText == parsed.stdoutText)
        #expect(shortcut.stderrText == parsed.stderrText)
        #expect(shortcut.status == 0 && !shortcut.stdout.isEmpty)
    }

    @Test func jsonGivesWhatTheParsedCommandGives() throws {
        let lines = [
            #"{"id": 1, "session": "s", "explain": true, "text": "why does my neck twitch when I'm stressed?"}"#,
            #"{"id": 2, "session": "s", "text": "how do I stop it?"}"#,
            #"{"command": "version"}"#, "not json", #"{"command": "intents"}"#,
        ]
        let shortcut = try Driver.run(["--json"], lines: lines)
        for arguments in [["--json", "--seed", "0"], ["chat", "--json"]] {
            let parsed = try Driver.run(arguments, lines: lines)
            #expect(shortcut.status == parsed.status, "\(arguments)")
            #expect(shortcut.lines == parsed.lines, "\(arguments)")
            #expect(shortcut.stderrText == parsed.stderrText, "\(arguments)")
        }
        #expect(shortcut.lines.count == lines.count)
    }

    @Test func optionsStillGoThroughTheParser() throws {
        let help = try Driver.run(["ask", "--help"], input: [])
        #expect(help.status == 0 && help.stdoutText.contains("USAGE: twitchwise ask"))
        let missing = try Driver.run(["ask"], input: [])
        #expect(missing.status == 64 && missing.stderrText.contains("Missing expected argument"))
        let bad = try Driver.run(["ask", "--seed", "x", "hi"], input: [])
        #expect(bad.status == 64)
    }
}
