import Testing
import TwitchwiseCore

/// Emergencies as people describe them (Intents/triage.yaml): each presentation, each context
/// cue, and the urgent reply's form.
@Suite struct TriagePresentationTests {
    @Test(arguments: [
        ("her face has gone lopsided and she can't lift her left arm", "stroke"),
        ("my husband's words are coming out all jumbled since lunch", "stroke"),
        ("I think my dad is having a stroke", "stroke"),
        ("my wife is convulsing on the floor and won't respond", "seizure"),
        ("my friend had a fit, stopped, and now she's having another one", "seizure"),
        ("my 18 month old is burning up and his arms keep jerking", "febrile_child"),
        ("baby has a temperature of 39.2 and has gone floppy", "febrile_child"),
        ("high fever and my neck is so stiff I can't touch my chin to my chest", "meningitis"),
        ("fever, and the light is killing my eyes", "meningitis"),
        ("cut my foot on rusty wire a week ago and now my jaw won't open properly", "tetanus"),
        ("stood on a nail on Sunday, now my neck and belly keep going rigid", "tetanus"),
        ("my lips are swelling up after eating prawns and my throat feels tight", "airway"),
        ("he's wheezing and can't catch his breath", "airway"),
        ("crushing pressure in my chest spreading to my arm", "chest_pain"),
        ("my grandad keeled over and he isn't responding", "collapse"),
        ("the weakness started in my feet yesterday and is creeping up my legs", "spreading_weakness"),
        ("I suddenly can't walk, my legs keep giving way", "spreading_weakness"),
        ("hurt my back lifting and now I can't feel my bum and can't control my bladder", "cauda_equina"),
        ("spasms all over with a fever that keeps getting worse, now it's hard to walk", "fever_spasms"),
        ("my neck suddenly went into an excruciating spasm and I can't move it", "severe_neck_back"),
    ])
    func presentationsInLayWords(message: String, presentation: String) {
        let reply = Fixture.ask(message)
        #expect(reply.urgent && reply.intent == "urgent", "\(message)")
        #expect(reply.slots["red_flag"] == presentation, "\(message) -> \(reply.slots["red_flag"] ?? "none")")
    }

    @Test func anEmergencyCanTakeTwoMessagesToTell() {
        let replies = Fixture.conversation(["my lower back keeps spasming", "now the pain is suddenly unbearable"])
        #expect(!replies[0].urgent)
        #expect(replies[1].urgent && replies[1].slots["red_flag"] == "severe_neck_back")
    }

    @Test func anotherPersonIsStillUrgent() {
        for message in ["my son is having a seizure", "my mum's face is drooping", "the man next to me collapsed"] {
            #expect(Fixture.ask(message).urgent, "\(message)")
        }
    }
}

@Suite struct TriageContextTests {
    /// Each cue kind keeps what it governs from counting.
    @Test(arguments: [
        // negated
        ("no fever, no stiff neck, just a twitchy calf", "negated"),
        ("I'm not having any trouble breathing, my eyelid twitches", "negated"),
        ("is a seizure the same as a twitch? Nothing like that is happening to me.", "generic"),
        // historical
        ("I had a seizure as a kid, now my eyelid twitches", "historical"),
        ("my grandad had a stroke in 2010, is twitching inherited?", "historical"),
        // resolved
        ("she had a fever but it broke yesterday and she's back to normal, now her eye twitches", "resolved"),
        ("the chest tightness went away after I sat down", "resolved"),
        // hypothetical
        ("what if my child gets a fever and starts jerking?", "hypothetical"),
        ("can stress cause chest pain?", "hypothetical"),
        ("what are the signs of a stroke?", "hypothetical"),
        // habitual
        ("every time I run my calves cramp and go stiff", "habitual"),
        ("why does my whole body jerk as I'm falling asleep?", "habitual"),
        // other senses
        ("serviced my car and the engine seized", "sense"),
        ("there's a high temperature forecast for tomorrow", "sense"),
        ("the stock market collapsed today", "sense"),
        ("what a stroke of luck!", "sense"),
    ])
    func cuesKeepFeaturesFromCounting(message: String, cue: String) {
        let reply = Fixture.ask(message)
        #expect(!reply.urgent, "\(message) (\(cue)) -> \(reply.explain.triage)")
    }

    @Test func negatedCuesInvert() {
        // "hasn't eased" and "not reacting" say it goes on.
        #expect(Fixture.ask("tightness in my chest that hasn't eased with rest").urgent)
        #expect(Fixture.ask("she went down and she's not reacting when I shake her").urgent)
    }

    @Test func aGeneralQuestionIsNoEmergencyButAQuestionAboutNowIs() {
        #expect(!Fixture.ask("Are severe back spasms a sign of a herniated disc?").urgent)
        #expect(!Fixture.ask("Can a stroke or a neurological disorder cause muscle spasms?").urgent)
        let now = Fixture.ask("Is it serious if your back suddenly spasms so hard you can't move? It's happening to me now and the pain is unreal")
        #expect(now.urgent)
    }

    @Test func theVerbsOfCollapseAndSeizureNeedSomeone() {
        #expect(!Fixture.ask("the souffle collapsed the moment I opened the oven door").urgent)
        #expect(!Fixture.ask("my printer is convulsing and spitting paper everywhere").urgent)
        #expect(Fixture.ask("collapsed at the bus stop, not breathing").urgent)
        #expect(Fixture.ask("my colleague slid off her chair and we can't get any response from her").urgent)
    }

    @Test func anAnaphorMentionsTheFindingAgain() {
        #expect(Fixture.ask("chest pain on and off all morning but now it's constant and getting worse").urgent)
        #expect(Fixture.ask("my mum has never had a seizure in her life and she just had one on the kitchen floor").urgent)
    }

    @Test func anExposureStaysRelevantInThePast() {
        #expect(Fixture.ask("I cut my hand gardening ten days ago. Today my jaw is locked.").urgent)
        #expect(!Fixture.ask("I cut my hand gardening ten days ago, it's healing fine, my calf twitches").urgent)
    }

    @Test func explainNamesThePresentationTheFeaturesAndTheBlockingCue() {
        let urgent = Fixture.ask("stepped on a nail and now my jaw is locked").explain.triage
        #expect(urgent.contains { $0.hasPrefix("presentation tetanus") })
        #expect(urgent.contains { $0.contains("jaw_locked") && $0.hasSuffix("affirmed") })
        let calm = Fixture.ask("no fever here, just twitching").explain.triage
        #expect(calm.contains { $0.contains("fever 'fever': not counted, negated by 'no'") })
    }

    @Test func aVeryLongMessageIsReadInBoundedWork() {
        let long = Array(repeating: "not fever talk fit jaw weak", count: 20_000).joined(separator: " ")
        let assessment = Fixture.engine.triage.assess(long)
        #expect(assessment.mentions.count < 20_000)
    }
}

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
