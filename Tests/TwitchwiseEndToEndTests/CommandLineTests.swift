import Foundation
import Testing
import TwitchwiseTestSupport

/// The command line (issue 21, point 3), through the built binary.
@Suite("The command line, end to end")
struct CommandLineTests {
    @Test func helpShowsTheConversationAndContentOptions() throws {
        let help = try Driver.run(["--help"], input: [])
        #expect(help.status == 0)
        for option in ["--json", "--content <dir>", "--seed <seed>", "--history-file <path>", "--no-history", "--no-color", "version"] {
            #expect(help.stdoutText.contains(option), "\(option) missing from --help:\n\(help.stdoutText)")
        }
    }

    @Test func contentOptionsGoBeforeOrAfterTheSubcommand() throws {
        let content = try ContentCopy()
        let dir = content.root.path
        let before = try Driver.run(["--content", dir, "--seed", "3", "ask", "why", "does", "my", "neck", "twitch"], input: [])
        let after = try Driver.run(["ask", "--content", dir, "--seed", "3", "why", "does", "my", "neck", "twitch"], input: [])
        #expect(before.status == 0, "\(before.stderrText)")
        #expect(before.stdoutText == after.stdoutText && !before.stdout.isEmpty)
        // The folder is really read: a broken one fails on either side.
        try content.write("Intents/lexicon.yaml", "concepts: [")
        for arguments in [["--content", dir, "ask", "hi"], ["ask", "--content", dir, "hi"]] {
            let broken = try Driver.run(arguments, input: [])
            #expect(broken.status == 2 && broken.stderrText.contains("lexicon.yaml"), "\(arguments): \(broken.stderrText.prefix(300))")
        }
        let check = try Driver.run(["--content", dir, "check"], input: [])
        #expect(check.status == 1 && check.stdoutText.contains("\(dir)/Intents/lexicon.yaml:"), "check reads the folder")
        let json = try Driver.run(["--content", dir, "chat", "--json"], lines: [#"{"command":"ping"}"#])
        #expect(json.status == 2)
    }

    @Test func versionIsASubcommandToo() throws {
        let command = try Driver.run(["version"], input: [])
        let flag = try Driver.run(["--version"], input: [])
        #expect(command.status == 0 && flag.status == 0)
        #expect(command.stdoutText == flag.stdoutText && command.stdoutText.hasPrefix("0."))
    }

    @Test func conversationOptionsAreRefusedByOtherCommands() throws {
        for arguments in [["ask", "--json", "hi"], ["--json", "version"], ["check", "--no-history"], ["--no-color", "eval", "x.jsonl"]] {
            let result = try Driver.run(arguments, input: [])
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderrText.contains("is an option of the conversation"), "\(arguments): \(result.stderrText)")
            #expect(result.stdout.isEmpty)
        }
    }

    @Test func completionScriptsAndTheManPageSource() throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = try Driver.run(["--generate-completion-script", shell], input: [])
            #expect(script.status == 0, "\(shell)")
            for word in ["content", "json", "eval", "min-accuracy", "baseline", "history-file"] {
                #expect(script.stdoutText.contains(word), "\(shell) completions lack \(word)")
            }
        }
        // What argument-parser's man page generator reads: the root lists the conversation options.
        let dump = try Driver.run(["--experimental-dump-help"], input: [])
        let info = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout)) as? [String: Any])
        let command = try #require(info["command"] as? [String: Any])
        let names = (command["arguments"] as? [[String: Any]] ?? []).compactMap { ($0["names"] as? [[String: Any]])?.first?["name"] as? String }
        #expect(names.contains("json") && names.contains("content") && names.contains("history-file"), "\(names)")
        let manual = try String(contentsOf: Driver.packageRoot.appendingPathComponent("docs/twitchwise.1"), encoding: .utf8)
        for option in ["Fl -json", "Fl -history-file", "Fl -content", "Fl -min-accuracy", "Fl -baseline"] {
            #expect(manual.contains(option), "docs/twitchwise.1 lacks '\(option)': regenerate it (README, 'Shell completions and the man page')")
        }
    }

    @Test func helpNamesNoFolderOutsideTheRepository() throws {
        for command in ["eval", "test", "check", "ask", "chat"] {
            let help = try Driver.run([command, "--help"], input: [])
            #expect(help.status == 0)
            #expect(!help.stdoutText.contains("shared"), "\(command) --help: \(help.stdoutText)")
        }
    }
}
