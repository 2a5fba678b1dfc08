import Testing
import TwitchwiseCore
import TwitchwiseLoader
import TwitchwiseTestSupport

/// The knowledge base: every catalog topic answered, from the documents.
@Suite struct KnowledgeBaseTests {
    /// Where the catalog lists a question that another topic answers better.
    /// ("calcium" is one word of "should I take magnesium / calcium / potassium supplements", which the
    /// catalog's slashes split off.)
    static let betterAnswers: [String: Set<String>] = [
        "do I have ALS": ["condition.als"], "calcium": ["cause.calcium", "relief.supplements", "relief.diet"],
    ]

    static let catalogQuestions: [(String, String)] = Fixture.catalog.filter { $0.id != "urgent" }
        .flatMap { entry in entry.asks.map { (entry.id, $0) } }

    @Test("each catalog question gets its topic", arguments: catalogQuestions)
    func catalogQuestion(id: String, question: String) {
        let reply = Fixture.ask(question)
        let accepted = Self.betterAnswers[question, default: []].union([id])
        #expect(reply.kind == .answer && accepted.contains(reply.intent ?? ""),
                "\(question) -> \(reply.kind) \(reply.intent ?? "-"): \(reply.explain.decision)")
    }

    @Test func everyCatalogTopicHasAnIntentAndAResponse() {
        for entry in Fixture.catalog {
            #expect(Fixture.content.intent(entry.id) != nil, "no intent for \(entry.id)")
            #expect(Fixture.content.responses[entry.id] != nil, "no response for \(entry.id)")
        }
    }

    @Test func everyQuoteOccursVerbatimInTheArticleBody() {
        for response in Fixture.content.responses.values {
            for source in response.sources {
                let document = Fixture.content.document(source.doc)
                #expect(document?.foldedBody.contains(ContentLoader.fold(source.quote)) == true,
                        "\(response.intent): quote not in \(source.doc): \(source.quote)")
            }
        }
    }

    @Test func everyTopicAnswerCitesASource() {
        for intent in Fixture.content.intents where intent.domain {
            #expect(Fixture.content.responses[intent.id]?.sources.isEmpty == false, "\(intent.id) cites nothing")
        }
    }

    /// Renders every variant of every response under many slot combinations.
    @Test func noAnswerHoldsPageFurniture() {
        let slotSets: [[String: String]] = [
            [:], ["body_part": "neck"], ["body_part": "calf", "time_of_day": "night"], ["trigger": "stress", "body_part": "eyelid"],
            ["trigger": "alcohol"], ["trigger": "exercise", "body_part": "arm"], ["red_flag": "seizure"], ["red_flag": "fever_spasms"],
        ]
        for response in Fixture.content.responses.values {
            for template in response.variants {
                for slots in slotSets {
                    let text = template.render(Template.Values(slots: slots, lists: [
                        "documents": Fixture.content.documents.map { ["id": $0.id, "title": $0.title] },
                    ])).lowercased() + "\n"
                    for junk in Fixture.furniture { #expect(!text.contains(junk), "\(response.intent) holds '\(junk)'") }
                    #expect(!text.contains("{{") && !text.contains("}}"), "\(response.intent) left a tag")
                }
            }
        }
    }

    @Test func topicAnswersStayShort() {
        for response in Fixture.content.responses.values where Fixture.content.intent(response.intent)?.domain == true
            && response.intent != "urgent"
        {
            for template in response.variants {
                let words = template.render(Template.Values(slots: ["body_part": "calf", "time_of_day": "night"])).split(separator: " ").count
                #expect(words <= 140, "\(response.intent) has \(words) words")
            }
        }
    }

    /// A suggestion is a promise: asked verbatim, it reaches the topic it names.
    @Test func suggestionsLeadToTheirTopics() {
        for response in Fixture.content.responses.values {
            #expect((2...3).contains(response.suggestions.count) || response.intent == "urgent"
                    || Fixture.content.intent(response.intent)?.domain == false,
                    "\(response.intent) offers \(response.suggestions.count) suggestions")
            for id in response.suggestions {
                let question = Fixture.engine.question(of: id)
                let reply = Fixture.ask(question)
                #expect(reply.intent == id, "suggestion '\(question)' of \(response.intent) leads to \(reply.intent ?? "-")")
            }
        }
    }

    @Test func theFirstAnswerOfASessionSaysItIsNotMedicalAdvice() {
        let replies = Fixture.conversation(["why does my neck twitch?", "can caffeine cause twitching?"])
        #expect(replies[0].answer.contains(Fixture.content.system.disclaimer))
        #expect(!replies[1].answer.contains(Fixture.content.system.disclaimer))
    }

    @Test func sourcesCarryTheDocumentTitle() {
        let reply = Fixture.ask("can stress cause twitching?")
        #expect(!reply.sources.isEmpty)
        for source in reply.sources { #expect(source.title == Fixture.content.document(source.doc)?.title) }
    }
}
