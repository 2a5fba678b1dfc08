import Testing
import TwitchwiseCore
import TwitchwiseTestSupport

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
