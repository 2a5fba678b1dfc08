import Foundation
import Testing
import TwitchwiseCore
import TwitchwiseContentLoading
@testable import TwitchwiseProtocol
@testable import TwitchwiseTerminal

/// The engine on the built-in content, loaded once for all tests.
let sharedEngine: Engine = {
    let (content, _) = try! ContentSource.embedded.load()
    return Engine(content: content)
}()

/// Lines from a script; then the end of input.
struct ScriptedSource: LineSource {
    var events: [LineEvent]
    var prompts: [String] = []

    init(_ events: [LineEvent]) { self.events = events }

    mutating func readLine(prompt: String) -> LineEvent {
        prompts.append(prompt)
        return events.isEmpty ? .eof : events.removeFirst()
    }
}

/// Runs a script through a plain REPL; returns the output, the exit status and the REPL.
func converse(_ events: [LineEvent], width: Int = 80) -> (output: String, status: Int32, repl: REPL, source: ScriptedSource) {
    var repl = REPL(engine: sharedEngine, style: .plain, width: { width })
    var source = ScriptedSource(events)
    var output = ""
    let status = repl.run(&source) { output += $0; return true }
    return (output, status, repl, source)
}

@Suite struct REPLLoopTests {
    @Test func bannerNamesVersionNoteAndHelp() {
        let (output, status, _, _) = converse([])
        #expect(status == 0)
        #expect(output.hasPrefix("Twitchwise \(ProtocolHandler.version)\n"))
        #expect(output.contains("not medical advice"))
        #expect(output.contains(":help"))
        #expect(!output.contains("\u{1B}"))
    }

    @Test func endOfInputSaysGoodbyeAndExitsZero() {
        let (output, status, _, source) = converse([.eof, .line("never read")])
        #expect(status == 0)
        #expect(output.hasSuffix("Goodbye, and take care.\n"))
        #expect(source.events == [.line("never read")])
    }

    @Test func quitStopsTheLoop() {
        let (output, status, _, source) = converse([.line(":quit"), .line("why does my neck twitch")])
        #expect(status == 0)
        #expect(output.hasSuffix("Goodbye, and take care.\n"))
        #expect(source.events.count == 1)
    }

    @Test func interruptGoesOn() {
        let (output, _, repl, source) = converse([.interrupt, .line("why does my neck twitch"), .eof])
        #expect(source.prompts.count == 3)
        #expect(repl.last?.message == "why does my neck twitch")
        #expect(output.contains("Sources: [0"))
    }

    @Test func questionGetsAWrappedAnswerWithSourcesAndSuggestions() {
        let (output, _, repl, _) = converse([.line("why does my neck twitch"), .eof], width: 60)
        let reply = try! #require(repl.last?.reply)
        #expect(reply.kind == .answer)
        #expect(output.contains("Sources: ["))
        #expect(output.contains("You could also ask:"))
        for line in output.split(separator: "\n") { #expect(TextWrapper.columns(line) <= 60, "too wide: \(line)") }
    }

    @Test func followUpUsesTheSession() {
        var repl = REPL(engine: sharedEngine)
        _ = repl.handle("why does my neck twitch")
        _ = repl.handle("what helps with that")
        let reply = try! #require(repl.last?.reply)
        #expect(reply.explain.followUp)
        #expect(reply.slots["body_part"] == "neck")
    }

    @Test func whyExplainsTheLastAnswer() {
        var repl = REPL(engine: sharedEngine)
        #expect(repl.handle(":why").text.contains("nothing to explain yet"))
        _ = repl.handle("can coffee make my leg twitch")
        let why = repl.handle(":why").text
        #expect(why.contains("How I answered \"can coffee make my leg twitch\""))
        #expect(why.contains("Read as:"))
        #expect(why.contains("Corrected:"))
        #expect(why.contains("Words known:"))
        #expect(why.contains("trigger = caffeine (from message"))
        #expect(why.contains("1. cause.caffeine"))
        #expect(why.contains("Decision:") && why.contains("answer: cause.caffeine"))
        #expect(why.components(separatedBy: "coffee = caffeine").count == 2, "each term once")
    }

    @Test func resetForgetsTheConversation() {
        var repl = REPL(engine: sharedEngine)
        _ = repl.handle("why does my neck twitch")
        #expect(repl.state.lastIntent != nil)
        let text = repl.handle(":reset").text
        #expect(text.contains("Conversation cleared"))
        #expect(repl.state == SessionState())
        #expect(repl.last == nil)
        #expect(repl.handle(":why").text.contains("nothing to explain yet"))
    }

    @Test func helpListsEveryCommand() {
        var repl = REPL(engine: sharedEngine)
        let help = repl.handle(":help").text
        for command in REPL.commands { #expect(help.contains(command.name)) }
        #expect(repl.handle(":he").text == help, "a unique prefix names the command")
        for key in ["Tab", "Up, Down", "Ctrl-R", "Ctrl-C", "Ctrl-D"] { #expect(help.contains("\n  " + key + " "), "\(key)") }
        // The content's own answer to "help", so that `help` and `:help` say the same.
        let (reply, _) = sharedEngine.respond(to: "help", in: SessionState())
        let firstLine = try! #require(reply.answer.split(separator: "\n").first)
        #expect(help.replacingOccurrences(of: "\n", with: " ").contains(firstLine))
    }

    @Test func topicsWrapWithAHangingIndent() {
        var repl = REPL(engine: sharedEngine, width: { 30 })
        let lines = repl.handle(":topics").text.split(separator: "\n", omittingEmptySubsequences: false)
        let items = lines.filter { $0.hasPrefix("  ") }
        let continued = items.filter { $0.hasPrefix("    ") }
        #expect(!continued.isEmpty, "some question wraps at 30 columns")
        // A line that starts an item (two spaces) is a question's start: the joined item is a known question.
        var questions: [String] = []
        for line in items {
            if line.hasPrefix("    ") { questions[questions.count - 1] += " " + line.dropFirst(4) } else { questions.append(String(line.dropFirst(2))) }
        }
        let known = Set(sharedEngine.content.intents.map(\.question))
        #expect(questions.allSatisfy(known.contains), "\(questions.filter { !known.contains($0) })")
    }

    @Test func topicsGroupTheQuestionsByIdPrefix() {
        var repl = REPL(engine: sharedEngine, width: { 200 })
        let topics = repl.handle(":topics").text
        #expect(topics.contains("\nCause\n"))
        #expect(topics.contains("\nRelief\n"))
        let caffeine = try! #require(sharedEngine.content.intent("cause.caffeine"))
        #expect(topics.contains("  " + caffeine.question))
        #expect(!topics.contains("Hello!"), "conversation intents are not topics")
        let headings = topics.split(separator: "\n").filter { !$0.hasPrefix(" ") && $0.first?.isUppercase == true }
        #expect(headings.last == "General", "intents without a prefix last")
    }

    @Test func sourcesListsTheDocuments() {
        var repl = REPL(engine: sharedEngine, width: { 200 })
        let text = repl.handle(":sources").text
        #expect(sharedEngine.content.documents.count == 5)
        for document in sharedEngine.content.documents { #expect(text.contains("[\(document.id)] \(document.title)")) }
    }

    @Test func unknownCommandSaysWhatExists() {
        var repl = REPL(engine: sharedEngine)
        let text = repl.handle(":frobnicate\u{1B}[31m").text
        #expect(text.contains("Unknown command ':frobnicate[31m'"))
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains(":topics"))
    }

    @Test func tooLongAMessageIsRefused() {
        var repl = REPL(engine: sharedEngine)
        let text = repl.handle(String(repeating: "twitch ", count: 20_000)).text
        #expect(text.contains("too long"))
        #expect(repl.state.turns == 0)
    }

    @Test func blankLinesAreIgnored() {
        var repl = REPL(engine: sharedEngine)
        #expect(repl.handle("   ") == REPL.Outcome(text: "", quit: false))
        #expect(repl.state.turns == 0)
    }

    @Test func urgentAnswersStandOut() {
        var plain = REPL(engine: sharedEngine)
        let text = plain.handle("my arm twitches and I have trouble breathing").text
        #expect(plain.last?.reply.urgent == true)
        #expect(text.hasPrefix("\n" + ReplyFormatter.urgentHeader + "\n"))
        var colored = REPL(engine: sharedEngine, style: TerminalStyle(colors: true))
        let red = colored.handle("my arm twitches and I have trouble breathing").text
        #expect(red.contains("\u{1B}[1;31m" + ReplyFormatter.urgentHeader + "\u{1B}[0m"))
    }

    @Test func userTextIsSanitized() {
        var repl = REPL(engine: sharedEngine)
        _ = repl.handle("why does my \u{1B}]0;evil\u{7}neck twitch")
        #expect(!repl.handle(":why").text.contains("\u{1B}"))
    }
}
