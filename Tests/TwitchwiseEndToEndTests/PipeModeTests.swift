import Foundation
import Testing
import TwitchwiseTestSupport

/// `twitchwise` with lines piped in, not --json (issue 21, point 5): the ':' commands work.
@Suite("Plain lines from a pipe, end to end")
struct PipeModeTests {
    static func blocks(_ result: Driver.Result) -> [String] {
        result.stdoutText.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .newlines) }
    }

    @Test func whyExplainsTheLastAnswer() throws {
        let result = try Driver.run([], lines: ["why does my neck twitch", ":why"])
        #expect(result.status == 0)
        #expect(result.stdoutText.contains("How I answered \"why does my neck twitch\":"), "\(result.stdoutText)")
        #expect(result.stdoutText.contains("Decision:     answer: situation.neck"))
        let first = try Driver.run([], lines: [":why"])
        #expect(first.stdoutText.contains("There is nothing to explain yet"))
    }

    @Test func resetForgetsTheTopic() throws {
        let followUp = try Driver.run([], lines: ["why does my neck twitch", "what helps with that?"])
        let reset = try Driver.run([], lines: ["why does my neck twitch", ":reset", "what helps with that?", ":why"])
        #expect(reset.stdoutText.contains("Conversation cleared"))
        #expect(reset.stdoutText.contains("Follow-up:    no"), "after :reset nothing is carried: \(reset.stdoutText)")
        let carried = try Driver.run([], lines: ["why does my neck twitch", "what helps with that?", ":why"])
        #expect(carried.stdoutText.contains("Follow-up:    yes"))
        #expect(followUp.status == 0)
    }

    @Test func sourcesTopicsAndQuit() throws {
        let result = try Driver.run([], lines: [":sources", ":topics", ":quit", "why does my neck twitch"])
        #expect(result.status == 0)
        #expect(result.stdoutText.contains("Everything I say comes from these 5 articles:"))
        #expect(result.stdoutText.contains("What I can answer, by topic"))
        #expect(!result.stdoutText.contains("Sources:"), "nothing is answered after :quit")
        #expect(!result.stdoutText.contains("\u{1B}"))
        #expect(result.stdoutText.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func helpAndColonHelpSayTheSame() throws {
        let typed = try Driver.run([], lines: ["help"])
        let command = try Driver.run([], lines: [":help"])
        let unwrapped = command.stdoutText.replacingOccurrences(of: "\n", with: " ")
        // The answer to "help" (its first paragraphs, before the disclaimer), word for word.
        let answer = Self.blocks(typed).prefix { !$0.hasPrefix("General information") }
        #expect(answer.count >= 2)
        for paragraph in answer {
            for line in paragraph.split(separator: "\n") {
                #expect(unwrapped.contains(line), "':help' lacks \(line)")
            }
        }
        #expect(command.stdoutText.contains(":why") && command.stdoutText.contains(":quit"))
        #expect(!command.stdoutText.contains("Ctrl-R"), "no keys off a terminal")
        let unknown = try Driver.run([], lines: [":dance"])
        #expect(unknown.stdoutText.contains("Unknown command ':dance'. The commands are :help, :topics"))
    }
}
