import Testing
import TwitchwiseCore
import TwitchwiseTestSupport

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
