import Testing
import TwitchwiseCore

/// How the matcher reads real messages: normalisation, typos, lay terms, slots.
@Suite struct NormalisationTests {
    let analyzer = Fixture.engine.matcher.analyzer

    @Test func foldsCaseQuotesContractionsEmojiAndPunctuation() {
        #expect(analyzer.analyze("WHY’S my neck twitching?!?! 😖💪").normalizedText == "why is my neck twitching")
        #expect(analyzer.analyze("I can’t sleep, don't know why").normalizedText == "i can not sleep do not know why")
        #expect(analyzer.analyze("whats a cramp").normalizedText == "what is a cramp")
    }

    @Test func correctsTyposAgainstTheDomainVocabulary() {
        let analysis = analyzer.analyze("can dehidration cause musle spasams")
        #expect(analysis.normalizedText == "can dehydration cause muscle spasms")
        #expect(analysis.corrections.map(\.from) == ["dehidration", "musle", "spasams"])
    }

    @Test func neverCorrectsAKnownWord() {
        // "dose" is a real word (drug dosing), not a typo of "does".
        #expect(analyzer.analyze("what dose should I take").corrections.isEmpty)
        #expect(analyzer.analyze("the capital of france").corrections.isEmpty)
    }

    @Test func layTermsAndBritishSpellingsMeetTheirConcepts() {
        #expect(analyzer.analyze("charley horse in my leg").has("cramp"))
        #expect(analyzer.analyze("my jumping eyelid").has("twitch"))
        #expect(analyzer.analyze("is anaemia a cause").has("anemia"))
        #expect(analyzer.analyze("y do my legs twitch at nite").normalizedText == "why do my legs twitch at night")
    }

    @Test func stemsMakeInflectionsOneWord() {
        for (a, b) in [("twitching", "twitches"), ("cramps", "cramping"), ("causing", "cause"), ("massaging", "massage")] {
            #expect(Stemmer.stem(a) == Stemmer.stem(b), "\(a) vs \(b)")
        }
        #expect(Stemmer.stem("evening") != Stemmer.stem("even"))
    }

    @Test(arguments: [
        ("exams next week and I'm anxious", "trigger", "stress"), ("work pressure is killing me", "trigger", "stress"),
        ("3 espressos a day", "trigger", "caffeine"), ("red bull every morning", "trigger", "caffeine"),
        ("after leg day at the gym", "trigger", "exercise"), ("went running", "trigger", "exercise"),
        ("my calves", "body_part", "calf"), ("my thumb", "body_part", "hand"), ("at night", "time_of_day", "night"),
    ])
    func slotsComeFromLexiconSynonyms(message: String, slot: String, value: String) {
        let reply = Fixture.ask(message + " and my muscles twitch")
        #expect(reply.slots[slot] == value, "\(message): \(reply.slots)")
        #expect(reply.explain.slotSources[slot]?.hasPrefix("message") == true)
    }
}

@Suite struct DialogueTests {
    @Test func whatAboutCoffeeAfterACauseQuestion() {
        let replies = Fixture.conversation(["can stress cause twitching?", "what about coffee?"])
        #expect(replies[1].intent == "cause.caffeine")
        #expect(replies[1].explain.followUp)
    }

    @Test func howDoIStopItStaysInContext() {
        let replies = Fixture.conversation(["why does my neck twitch?", "how do I stop it?"])
        #expect(replies[1].intent?.hasPrefix("relief.") == true)
        #expect(replies[1].slots["body_part"] == "neck")
        #expect(replies[1].explain.slotSources["body_part"] == "session")
    }

    @Test func isThatSeriousAfterATopic() {
        let replies = Fixture.conversation(["I keep getting calf cramps at night", "is that serious?"])
        #expect(replies[1].intent == "condition.is_serious")
    }

    @Test func andInMyLegsKeepsTheTopicAndTakesTheNewBodyPart() {
        let replies = Fixture.conversation(["can caffeine cause twitching?", "and in my legs?"])
        #expect(replies[1].kind == .answer)
        #expect(replies[1].slots["body_part"] == "leg")
    }

    @Test func contextFadesAfterAFewTurns() {
        let replies = Fixture.conversation([
            "can stress cause twitching?", "what is the capital of france", "how do I bake bread", "who won the cup",
            "what about coffee?",
        ])
        #expect(replies[4].kind == .fallback)
    }

    @Test func anUnrelatedWordIsNoFollowUp() {
        let replies = Fixture.conversation(["why does my neck twitch?", "weather?", "how do I bake bread?"])
        #expect(replies[1].kind == .fallback && replies[2].kind == .fallback)
    }

    @Test func aFreshSessionHasNoContext() {
        #expect(Fixture.ask("what about coffee?").kind == .fallback)
    }

    @Test func aClarifyingQuestionIsSettledByNumberOrName() {
        let first = Fixture.conversation(["what is chronic muscle spasms?", "2"])
        #expect(first[0].kind == .clarify && first[0].candidates.count == 2)
        #expect(first[1].intent == first[0].candidates[1])
        let second = Fixture.conversation(["what is chronic muscle spasms?", "the first one"])
        #expect(second[1].intent == second[0].candidates[0])
    }

    @Test(arguments: [
        "How do I grow my channel on Twitch?", "My monitor keeps twitching and flickering", "How do I get rid of period cramps?",
        "My dog's legs twitch while he sleeps", "I get stomach cramps after spicy food", "How many push-ups should I do?",
        "What's the weather tomorrow?", "Can you help me file my taxes?", "😖💪⚡", "????",
    ])
    func outOfScopeGetsAnHonestFallback(message: String) {
        let reply = Fixture.ask(message)
        #expect(reply.kind == .fallback, "\(message) -> \(reply.intent ?? "-")")
        #expect(reply.intent == nil && !reply.answer.isEmpty)
    }
}

@Suite struct ExplainTests {
    @Test func explainShowsHowTheDecisionWasMade() {
        let reply = Fixture.ask("neck twtiching after 5 coffees??")
        let explain = reply.explain
        #expect(explain.normalized.contains("twitching"))
        #expect(explain.corrections.contains { $0.from == "twtiching" && $0.to == "twitching" })
        #expect(explain.terms.contains { $0.concept == "caffeine" && $0.text == "coffees" })
        #expect(explain.slotSources["trigger"] == "message: 'coffees'")
        #expect(explain.top.count == 3 && explain.top[0].intent == reply.intent)
        #expect(!explain.decision.isEmpty)
    }
}
