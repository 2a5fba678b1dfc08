import Testing
import TwitchwiseCore
import TwitchwiseTestSupport

/// Conversation intents, slot-aware answers, variation.
@Suite struct ConversationTests {
    @Test func identitySaysItIsNotADoctor() {
        let reply = Fixture.ask("are you a doctor?")
        #expect(reply.intent == "identity")
        #expect(reply.answer.lowercased().contains("not a doctor"))
    }

    @Test func sourcesListsTheFiveDocuments() {
        let reply = Fixture.ask("where does your information come from?")
        #expect(reply.intent == "sources")
        for document in Fixture.content.documents { #expect(reply.answer.contains(document.title)) }
    }

    @Test func helpListsCommandsAndExamples() {
        let reply = Fixture.ask("what can you do?")
        #expect(reply.intent == "help")
        for command in [":help", ":topics", ":sources", ":why", ":reset", ":quit"] { #expect(reply.answer.contains(command)) }
    }

    @Test func neckAndStressShapeTheAnswer() {
        let reply = Fixture.ask("why does my neck twitch when I'm stressed?")
        #expect(reply.intent == "cause.stress" || reply.intent == "situation.neck")
        #expect(reply.slots["body_part"] == "neck" && reply.slots["trigger"] == "stress")
        #expect(reply.answer.lowercased().contains("neck") && reply.answer.lowercased().contains("stress"))
    }

    @Test func calfCrampsAtNightSpeakOfCalvesAndNight() {
        let reply = Fixture.ask("calf cramps at night")
        #expect(reply.intent == "situation.night_cramps")
        #expect(reply.slots == ["body_part": "calf", "symptom": "cramp", "time_of_day": "night"])
        let answer = reply.answer.lowercased()
        #expect(answer.contains("calf") && answer.contains("night"))
    }

    @Test func anUncoveredBodyPartIsSaidSo() {
        let reply = Fixture.ask("why is my eyelid twitching so much?")
        #expect(reply.kind == .answer)
        #expect(reply.answer.hasPrefix(Fixture.content.system.slotNotes["body_part"]?["eyelid"] ?? "?"))
    }

    @Test func theSameSeedGivesTheSameReplies() {
        let messages = ["hi", "thanks", "bye", "hello", "thank you"]
        let one = Fixture.conversation(messages, engine: Engine(content: Fixture.content, options: EngineOptions(seed: 7)))
        let two = Fixture.conversation(messages, engine: Engine(content: Fixture.content, options: EngineOptions(seed: 7)))
        #expect(one.map(\.answer) == two.map(\.answer))
    }

    @Test func seedsVaryThePhrasing() {
        let answers = Set((0..<12).map { seed in
            Fixture.conversation(["hello"], engine: Engine(content: Fixture.content, options: EngineOptions(seed: UInt64(seed))))[0].answer
        })
        #expect(answers.count > 1)
    }
}
