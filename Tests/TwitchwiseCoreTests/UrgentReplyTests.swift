import Testing
import TwitchwiseCore
import TwitchwiseTestSupport

@Suite struct UrgentReplyTests {
    static let emergencies = [
        "my dad just collapsed and is having a seizure", "my toddler is burning up and jerking",
        "stepped on a rusty nail last week and now my jaw is stiff", "my lips and tongue are swelling up",
        "her face is drooping on one side", "sudden excruciating back spasm, can a slipped disc do this?",
        "spasms with a fever that keeps getting worse",
    ]

    @Test(arguments: emergencies)
    func theUrgentReplySaysWhatToDoFirstAndNothingElse(message: String) {
        let reply = Fixture.ask(message)
        #expect(reply.urgent)
        let firstLine = reply.answer.split(separator: "\n").first.map(String.init) ?? ""
        #expect(firstLine.hasPrefix("Call your local emergency number now") || firstLine.hasPrefix("Get medical help today")
                || firstLine.hasPrefix("Go to an emergency department now") || firstLine.hasPrefix("Contact your midwife"), "\(firstLine)")
        // The action is the assistant's own safety guidance, reported apart, never as a quote.
        #expect(!reply.guidance.isEmpty && reply.answer.hasPrefix(reply.guidance))
        #expect(!reply.sources.contains { reply.guidance.contains($0.quote) })
        let words = reply.answer.split { $0 == " " || $0 == "\n" }.count
        #expect(words < 160, "\(words) words")
        // No routine topic text, and one disclaimer.
        #expect(reply.suggestions.isEmpty)
        #expect(!reply.answer.contains("General information from five articles"))
        #expect(reply.answer.components(separatedBy: "not a doctor").count == 2)
    }

    @Test func theReplyNamesTheSign() {
        #expect(Fixture.ask("stepped on a nail and now my jaw is locked").answer.contains("sign of tetanus"))
        #expect(Fixture.ask("my mum's speech is slurred and her face droops").answer.contains("stroke"))
        #expect(Fixture.ask("my son is having a seizure").answer.contains("seizure"))
    }

    @Test func aQuestionAboutWarningSignsIsNoEmergency() {
        let reply = Fixture.ask("When is muscle twitching an emergency?")
        #expect(!reply.urgent)
        #expect(reply.intent == "safety.warning_signs")
        #expect(reply.guidance.contains("emergency number"))
    }

    @Test func everyFallbackCarriesTheSafetyNet() {
        for message in ["how do I bake bread?", "what's the capital of France?", "play some music"] {
            let reply = Fixture.ask(message)
            #expect(reply.kind == .fallback)
            #expect(reply.answer.hasSuffix("If this is an emergency, call your local emergency number."), "\(message)")
        }
    }
}
