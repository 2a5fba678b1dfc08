import Testing
@testable import TwitchwiseTerminal

@Suite struct REPLCompletionTests {
    let words = CompletionWords(content: sharedEngine.content)

    @Test func completesCommandsAtTheStartOfTheLine() {
        #expect(words.matches(for: ":he", atLineStart: true) == [":help"])
        #expect(words.matches(for: ":", atLineStart: true) == REPL.commands.map(\.name))
        #expect(words.matches(for: ":he", atLineStart: false).isEmpty)
        #expect(words.matches(for: "", atLineStart: true) == REPL.commands.map(\.name))
    }

    @Test func completesTopicWords() {
        #expect(words.matches(for: "caff", atLineStart: true).contains("caffeine"))
        #expect(words.matches(for: "espr", atLineStart: false) == ["espresso"])
        #expect(words.matches(for: "Espr", atLineStart: false) == ["Espresso"], "keeps a typed capital")
        #expect(words.matches(for: "twitc", atLineStart: false).contains("twitching"), "words of the questions")
        #expect(words.matches(for: "", atLineStart: false).isEmpty)
    }

    @Test func leavesOutStopWordsShortWordsAndNearMisses() {
        let stop = sharedEngine.content.lexicon.stopwords
        #expect(words.words.allSatisfy { $0.count >= 3 && !stop.contains($0) })
        let outTerms = sharedEngine.content.lexicon.concepts.filter { $0.scope == .out }.flatMap(\.rawTerms)
            .filter { $0.count == 1 }.map { $0[0].lowercased() }
        let inTerms = Set(sharedEngine.content.lexicon.concepts.filter { $0.scope != .out }.flatMap(\.rawTerms).flatMap { $0 })
        for term in outTerms where !inTerms.contains(term) {
            #expect(!words.words.contains(term), "\(term) is a near-miss subject")
        }
    }
}
