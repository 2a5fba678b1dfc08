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

    @Test func degreesOfInabilityAreInability() {
        // Phrase variants: "can hardly", "struggling to", "unable to" read as "can not", in the
        // messages and in the terms alike.
        #expect(Fixture.ask("stood on a rusty screw last week and now I can hardly open my mouth").urgent)
        #expect(Fixture.ask("my grandad is struggling to swallow and his tongue looks swollen").urgent)
        #expect(Fixture.ask("she's unable to stand and her legs have gone weak since this morning").urgent)
        // "having trouble breathing" is no "not breathing" (no collapse, no seizure).
        let airway = Fixture.ask("I'm having trouble breathing and my chest muscles are twitching").explain.triage
        #expect(airway.contains { $0.hasPrefix("presentation airway") })
        #expect(!airway.contains { $0.hasPrefix("presentation collapse") })
    }

    @Test func aResolutionAboutThePersonReachesBack() {
        // "he's back to himself", "I feel normal now": the one it happened to is well again.
        #expect(!Fixture.ask("my daughter had a fit with a high fever on Sunday, the GP looked at her and she's back to herself now").urgent)
        #expect(!Fixture.ask("I fainted in the queue, came round straight off and feel normal now, why did my leg twitch after?").urgent)
        // ... but not past a "but now".
        #expect(Fixture.ask("he fainted and came round, but now he's not responding again").urgent)
        // Believed is not so: "I thought it had healed".
        #expect(Fixture.ask("my neck and jaw have gone rigid, I cut my shin on barbed wire a week ago and thought it had healed").urgent)
    }

    @Test func aStoryInAFilmIsNoEmergency() {
        #expect(!Fixture.ask("saw a film where a woman had a stroke and it scared me, my hand twitches sometimes").urgent)
        #expect(Fixture.ask("we were watching a film and my dad had a seizure on the sofa").urgent)
    }

    @Test func countedFitsAreSeizures() {
        #expect(Fixture.ask("she's had three fits in the last hour and isn't waking properly between them").urgent)
        #expect(!Fixture.ask("I've been trying to get fit, two gym sessions a week, and my calves cramp").urgent)
    }

    @Test func aTemperatureThatRisesIsAFeverGettingWorse() {
        #expect(Fixture.ask("my thighs keep spasming, temp 37.8 this morning and 38.6 tonight").urgent)
        #expect(!Fixture.ask("my thighs keep spasming, temp 38.6 this morning and 37.8 tonight").urgent)
    }

    @Test func aComparativeIsItsAdjective() {
        #expect(Fixture.ask("trod on a rusty nail on Friday and my jaw is getting stiffer by the hour").urgent)
    }

    @Test func aCueKeepsToItsPartOfTheClauseUnlessTheRestIsToldInThePast() {
        // A habitual cue after "and my ..." says nothing of the part before it.
        #expect(Fixture.ask("sliced my palm on a rusty blade last week, now my jaw is tight and my belly cramps at night sometimes").urgent)
        // A past story goes on past "and my ...": "as a child, and my lips swelled".
        #expect(!Fixture.ask("I reacted badly to peanuts as a child and my lips swelled up. These days it's just leg cramps").urgent)
        // ... but not into the present.
        #expect(Fixture.ask("my brother had seizures years ago and my sister is shaking on the floor right now").urgent)
    }

    @Test func wordsThatAreNoBodyPartOrDenial() {
        // "they're back" is no back; "never had anything like this" is a first time.
        #expect(!Fixture.ask("had awful cramps in my calves last winter and now they're back, why?").urgent)
        #expect(Fixture.ask("my husband is convulsing on the bed, he has never had anything like this before").urgent)
    }

    @Test func whatTheDoctorsSaidReachesBack() {
        #expect(!Fixture.ask("my son had a febrile seizure a fortnight ago, the paramedics checked him and said it was a simple one").urgent)
    }

    @Test func aSentenceWithoutItsSubjectStillSaysWhoIsIll() {
        #expect(Fixture.ask("suddenly can't stand up at all, legs gave out an hour ago").urgent)
    }

    @Test func aShortDenialWithItsOwnObjectDeniesOnlyThat() {
        // "No injury." denies an injury, not the sentence before it; "nope." denies the one before.
        #expect(Fixture.ask("my legs have got weaker every day since saturday. today I can't get up off the floor. no injury.").urgent)
        #expect(!Fixture.ask("any fever? nope.").urgent)
    }

    @Test func aComparisonIsNoOtherSense() {
        #expect(Fixture.ask("pain in my chest like heartburn but way worse and I'm sweating buckets").urgent)
        #expect(!Fixture.ask("is it heartburn or a pulled chest muscle when it twitches after a big meal?").urgent)
    }

    @Test func aPastClauseAfterACommaEndsASupposition() {
        #expect(Fixture.ask("neck and jaw going stiff whenever there's a loud noise, had a rusty nail through my boot a week ago").urgent)
        #expect(!Fixture.ask("whenever I run my calf cramps, is that normal?").urgent)
    }

    @Test func aVariantsWordsAreReadThroughTheVariantsOnceMore() {
        // "couldnt" is "could not", which is "can not".
        #expect(Fixture.ask("my coworker suddenly couldnt get her words out mid sentence").urgent)
    }

    @Test func aRisingTemperatureIsNoResolvedFever() {
        #expect(Fixture.ask("muscle spasms all over and my fever's gone from 38 to 39.5 since yesterday").urgent)
        #expect(!Fixture.ask("my fever's gone and the aches are easing, just a twitchy eyelid left").urgent)
    }

    @Test func aVeryLongMessageIsReadInBoundedWork() {
        let long = Array(repeating: "not fever talk fit jaw weak", count: 20_000).joined(separator: " ")
        let assessment = Fixture.engine.triage.assess(long)
        #expect(assessment.mentions.count < 20_000)
    }

    @Test func aHabitSaidOfAPersonOfItsOwnClauseIsAFinding() {
        // "and he keeps nodding off" is drowsiness, not a time that frames the rest; "when dozing off" is.
        #expect(Fixture.ask("my husband is burning up, the light hurts his eyes and his neck is stiff, and he keeps nodding off").urgent)
        #expect(!Fixture.ask("my legs jerk and my neck twitches, usually when I'm dozing off").urgent)
    }

    @Test func aDenialOfThePastSaysItIsTheFirstTime() {
        #expect(Fixture.ask("he's jerking all over and not responding to us. no history of anything like this").urgent)
        #expect(!Fixture.ask("my son had a fit when he was little. nothing like it since, he just twitches a bit").urgent)
    }

    @Test func aSentenceThatOpensWithTheFindingNamesThePersonNextToIt() {
        #expect(Fixture.ask("Weakness is worse every hour. It began in my feet and now my knees buckle.").urgent)
        #expect(!Fixture.ask("Market weakness getting worse by the hour, my portfolio is a mess").urgent)
    }

    @Test func aTimeOfThePastWithoutItsArticleIsStillThePast() {
        #expect(!Fixture.ask("long time ago my son had a fit with a fever, now he just gets eyelid twitches").urgent)
    }

    @Test func aQuestionOfWhatSomeonesTroubleCouldBecomeIsNoEmergency() {
        #expect(!Fixture.ask("Could my wife's leg cramps turn into a stroke someday?").urgent)
        #expect(!Fixture.ask("Can a cold develop into a seizure? My nephew had one.").urgent)
        #expect(Fixture.ask("my dad's face is drooping on one side, could this turn into a stroke?").urgent)
        #expect(Fixture.ask("Is this a seizure? my daughter just had one and she isn't responding").urgent)
    }

    @Test func rigidMusclesAfterAWoundAreTetanus() {
        #expect(Fixture.ask("trod on a garden fork on sunday, now my thigh has gone rock hard and won't relax").urgent)
        #expect(Fixture.ask("a goat bit my finger on friday and today my jaw feels locked").urgent)
        #expect(!Fixture.ask("my calf is rock hard after the marathon, how do I loosen it?").urgent)
        #expect(!Fixture.ask("tore my hamstring last week and now my neck is stiff from sleeping badly").urgent)
    }

    @Test func severityAndTheSaddleAreSaidInManyWays() {
        #expect(Fixture.ask("worst neck spasm ever, hit me out of nowhere").urgent)
        #expect(Fixture.ask("my neck went into spasm with ridiculously sharp pain").urgent)
        #expect(Fixture.ask("back's killing me and there's no feeling in my crotch").urgent)
    }

    @Test func aFeverThatHasBeenGoneIsOver() {
        #expect(!Fixture.ask("her temperature's been gone for two days, she's just got a twitchy eye").urgent)
        #expect(!Fixture.ask("if I keep cramping like this, could I end up not able to walk one day?").urgent)
    }

    @Test func thisOrThatBeforeATimePointsBackToNothing() {
        // "This morning ..., now I can't." is no denial of the sentence before it.
        #expect(Fixture.ask("My weakness is spreading. This morning I could walk to the shop, now I can't even stand.").urgent)
        #expect(Fixture.ask("The numbness keeps getting worse. This afternoon it reached my knees.").urgent)
    }

    @Test func anotherSenseOfDistressAndOfClimbing() {
        #expect(!Fixture.ask("we laughed so hard at the pub quiz I couldn't breathe, now my ribs twitch").urgent)
        #expect(!Fixture.ask("weak forearms and twitchy fingers after a day of rock climbing").urgent)
    }

    @Test func aTimeInTheDecadesOfSomeonesLifeIsThePast() {
        #expect(!Fixture.ask("had a bad allergic reaction to a bee sting in my 30s, could that make me twitchy now?").urgent)
    }

    @Test func resolutionsByHowPeopleSayThem() {
        #expect(!Fixture.ask("my daughter had a temperature on sunday, it's normal today, she just says her calves feel crampy").urgent)
        #expect(!Fixture.ask("swelling in my lip from a bee sting went down hours ago, breathing totally fine, just my cheek twitching now").urgent)
    }

    @Test func outAgainIsUnresponsiveAgain() {
        #expect(Fixture.ask("mum fainted in the kitchen, came round for a moment, now she's out again").urgent)
    }
}
