import Foundation
import Testing
import TwitchwiseCore
import TwitchwiseTerminal
import TwitchwiseTestSupport

/// The real binary on a 60x30 terminal (issue 21, point 7): `ask` lays its answer out as the
/// conversation does, and an answer's first line is still on screen when the prompt comes back.
@Suite struct SmallTerminalTmuxTests {
    static let columns = 60, rows = 30

    /// The rows on screen now, as the terminal shows them (no scrollback, wrapped rows kept apart).
    static func visibleRows(_ tmux: REPLTmuxTests.Tmux) -> [String] {
        var lines = tmux.run(["capture-pane", "-p", "-t", "t"]).output
            .split(separator: "\n", omittingEmptySubsequences: false).map { String($0).trimmingTrailingBlanks }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    @Test(.enabled(if: REPLTmuxTests.tmux != nil, "tmux is not installed: skipping the terminal test"), .timeLimit(.minutes(2)))
    func askWrapsByWordsAsTheConversationDoes() throws {
        let binary = try #require(REPLTmuxTests.binary(), "no twitchwise binary: run swift build first")
        let folder = try REPLTmuxTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let question = "why does my neck twitch when I am stressed"
        let (tmux, stop) = REPLTmuxTests.start(binary, ["ask", question], environment: ["NO_COLOR=1"], in: folder,
                                               columns: Self.columns, rows: Self.rows)
        defer { stop() }
        #expect(REPLTmuxTests.wait { FileManager.default.fileExists(atPath: folder + "/exit") }, "ask did not end")
        let (reply, _) = sharedEngine.respond(to: question, in: SessionState())
        let expected = ReplyFormatter(style: .plain, width: Self.columns).lines(for: reply).map(\.trimmingTrailingBlanks)
        let screen = tmux.screen()
        #expect(Array(screen.prefix(expected.count)) == expected, "screen:\n\(screen.joined(separator: "\n"))")
        #expect(screen.allSatisfy { $0.count <= Self.columns })
        #expect(try String(contentsOfFile: folder + "/exit", encoding: .utf8).contains("EXIT=0"))
    }

    @Test(.enabled(if: REPLTmuxTests.tmux != nil, "tmux is not installed: skipping the terminal test"), .timeLimit(.minutes(2)))
    func theFirstLineOfAnAnswerStaysOnScreen() throws {
        let binary = try #require(REPLTmuxTests.binary(), "no twitchwise binary: run swift build first")
        let folder = try REPLTmuxTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (tmux, stop) = REPLTmuxTests.start(binary, ["--no-history"], environment: ["NO_COLOR=1"], in: folder,
                                               columns: Self.columns, rows: Self.rows)
        defer { stop() }
        #expect(REPLTmuxTests.wait { Self.visibleRows(tmux).last == ">" }, "no prompt")
        // The longest answers of the content, each with sources and suggestions.
        var longest: [(question: String, lines: Int)] = []
        for intent in sharedEngine.content.intents where intent.domain {
            let (reply, _) = sharedEngine.respond(to: intent.question, in: SessionState())
            longest.append((intent.question, ReplyFormatter(style: .plain, width: Self.columns).lines(for: reply).count))
        }
        for (question, _) in longest.sorted(by: { $0.lines > $1.lines }).prefix(3) {
            tmux.keys(":reset")
            tmux.key("Enter")
            tmux.keys(question)
            tmux.key("Enter")
            #expect(REPLTmuxTests.wait { Self.visibleRows(tmux).last == ">" && Self.visibleRows(tmux).contains { $0.hasPrefix("You could also ask") } },
                    "no answer to \(question)")
            let (reply, _) = sharedEngine.respond(to: question, in: SessionState())
            let first = ReplyFormatter(style: .plain, width: Self.columns).lines(for: reply)[0].trimmingTrailingBlanks
            let screen = Self.visibleRows(tmux)
            #expect(screen.contains(first), "the first line '\(first)' scrolled away:\n\(screen.joined(separator: "\n"))")
        }
    }
}
