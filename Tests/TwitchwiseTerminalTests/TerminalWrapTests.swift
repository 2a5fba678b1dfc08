import TwitchwiseCore
import Testing
@testable import TwitchwiseTerminal

@Suite struct TerminalWrapTests {
    @Test func wrapsByWordsWithinTheWidth() {
        let text = "Caffeine is a stimulant and can make your muscles contract more than they normally would."
        let lines = TextWrapper.wrap(text, width: 30)
        #expect(lines == ["Caffeine is a stimulant and", "can make your muscles contract", "more than they normally would."])
        #expect(lines.joined(separator: " ") == text)
    }

    @Test func keepsParagraphsAndFoldsBlankRuns() {
        let lines = TextWrapper.wrap("One two three.\n\n\n\nFour five.\n", width: 10)
        #expect(lines == ["One two", "three.", "", "Four five."])
    }

    @Test func listItemsHangUnderTheirText() {
        let lines = TextWrapper.wrap("Which one?\n1. How can I stop muscle twitching?\n2. Is it serious?", width: 20)
        #expect(lines == ["Which one?", "1. How can I stop", "   muscle twitching?", "2. Is it serious?"])
    }

    @Test func cutsAWordWiderThanTheLine() {
        let lines = TextWrapper.wrap("a supercalifragilistic b", width: 8)
        #expect(lines.allSatisfy { $0.count <= 8 })
        #expect(lines.joined() .replacingOccurrences(of: " ", with: "") == "asupercalifragilisticb")
    }

    @Test func indentsEveryLine() {
        #expect(TextWrapper.wrap("alpha beta gamma", width: 12, indent: "  ") == ["  alpha beta", "  gamma"])
    }

    @Test func truncatesToOneLineAtAWord() {
        #expect(TextWrapper.truncate("short quote", to: 20) == "short quote")
        let cut = TextWrapper.truncate("There are many ways to prevent cramps, such as keeping warm", to: 30)
        #expect(cut == "There are many ways to…")
        #expect(TextWrapper.columns(cut) <= 30)
        #expect(TextWrapper.truncate("line one\nline two", to: 40) == "line one line two")
    }

    @Test func packsWholeItemsOrListsThemWhenNarrow() {
        let items = ["How do I stop it?", "Is it serious?", "When should I see a doctor?"]
        #expect(TextWrapper.pack(items, label: "Ask: ", separator: " · ", width: 80)
            == ["Ask: How do I stop it? · Is it serious? · When should I see a doctor?"])
        #expect(TextWrapper.pack(items, label: "Ask: ", separator: " · ", width: 40)
            == ["Ask: How do I stop it?", "     Is it serious?", "     When should I see a doctor?"])
        #expect(TextWrapper.pack(items, label: "You could also ask: ", separator: " · ", width: 40)
            == ["You could also ask:", "  How do I stop it?", "  Is it serious?", "  When should I see a doctor?"])
    }

    @Test func wideCharactersTakeTwoColumns() {
        #expect(TextWrapper.columns("abc") == 3)
        #expect(TextWrapper.columns("日本") == 4)
        #expect(TextWrapper.columns("⚠ x") == 3)
    }

    @Test func replyLinesFitTheWidthAtManyWidths() {
        var state = SessionState()
        for question in ["why does my neck twitch", "what helps with that", "is it als", "hello", "what is the capital of france"] {
            let (reply, next) = sharedEngine.respond(to: question, in: state)
            state = next
            for width in [20, 40, 60, 80, 120] {
                for line in ReplyFormatter(style: .plain, width: width).lines(for: reply) {
                    #expect(TextWrapper.columns(line) <= width, "\(width): \(line)")
                }
            }
        }
    }

    /// The source lines of a formatted reply: from "Sources:" to the blank line before the suggestions.
    func sourceLines(_ lines: [String]) -> [String] {
        guard let start = lines.firstIndex(where: { $0.hasPrefix("Sources:") }) else { return [] }
        return Array(lines[start...].prefix { !$0.isEmpty })
    }

    @Test func sourcesAreCompactAndNeverLongerThanTheAnswer() throws {
        var (reply, _) = sharedEngine.respond(to: "why does my neck twitch", in: SessionState())
        #expect(reply.sources.count >= 3)
        // One line per document, its other quotes counted ("+N"), each quote once.
        reply.sources += reply.sources
        let formatter = ReplyFormatter(style: .plain, width: 80)
        let lines = formatter.lines(for: reply)
        let answerLines = TextWrapper.wrap(reply.answer, width: 80).filter { !$0.isEmpty }.count
        let sources = sourceLines(lines)
        let docs = Set(reply.sources.map(\.doc))
        #expect(sources.count == docs.count, "\(lines.joined(separator: "\n"))")
        #expect(sources.count <= answerLines)
        #expect(sources[0].hasPrefix("Sources: ["))
        let distinct = Set(reply.sources.map(\.quote)).count
        let counted = sources.map { line -> Int in
            guard let plus = line.range(of: "\" +", options: .backwards) else { return 1 }
            return 1 + (Int(line[plus.upperBound...]) ?? 0)
        }.reduce(0, +)
        #expect(counted == distinct, "\(sources)")

        // A short answer with many sources: one line naming the documents.
        reply.answer = "Short."
        let short = sourceLines(formatter.lines(for: reply))
        #expect(short.count == 1)
        #expect(short[0].hasPrefix("Sources: [") && short[0].hasSuffix("(\(distinct) quotes)"), "\(short)")
        for width in [20, 40, 60] {
            let narrow = ReplyFormatter(style: .plain, width: width).lines(for: reply)
            let answer = TextWrapper.wrap(reply.answer, width: width).filter { !$0.isEmpty }.count
            #expect(sourceLines(narrow).count <= max(1, answer), "\(width): \(narrow)")
            for line in narrow { #expect(TextWrapper.columns(line) <= width, "\(width): \(line)") }
        }
    }
}
