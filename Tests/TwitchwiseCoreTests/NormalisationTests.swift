import Testing
import TwitchwiseCore
import TwitchwiseTestSupport

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
