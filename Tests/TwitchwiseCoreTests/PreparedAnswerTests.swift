import Testing
@testable import TwitchwiseCore
import TwitchwiseTestSupport

/// What the engine works out once per answer at start-up gives what working it out on every
/// reply gave: each quote listed once, where it first holds; conditions read against the slots;
/// a text without tags the same as its rendering.
@Suite struct PreparedAnswerTests {
    /// The project content, with `cause.overview` citing its first quote again: once under a
    /// condition, once without.
    static func content(repeating condition: SlotCondition) -> Content {
        var content = Fixture.content
        var response = content.responses["cause.overview"]!
        let first = response.sources[0]
        var conditional = first
        conditional.condition = condition
        response.sources = [conditional] + response.sources + [first]
        content.responses["cause.overview"] = response
        return content
    }

    static func quotes(_ reply: Reply) -> [String] { reply.sources.map(\.quote) }

    @Test func aRepeatedQuoteIsListedOnceWhereItFirstHolds() throws {
        let plain = Fixture.ask("why does my eye twitch")
        #expect(plain.intent == "cause.overview")
        let firstQuote = try #require(plain.sources.first).quote

        // The condition holds (the message names the eyelid): the quote comes first, once.
        let holds = Engine(content: Self.content(repeating: SlotCondition(slot: "body_part", values: ["eyelid"], negated: false)))
        let reply = holds.respond(to: "why does my eye twitch", in: SessionState()).0
        #expect(Self.quotes(reply) == Self.quotes(plain))
        #expect(Self.quotes(reply).filter { $0 == firstQuote }.count == 1)

        // It does not hold: the quote comes where the unconditional citation is, still once.
        let fails = Engine(content: Self.content(repeating: SlotCondition(slot: "body_part", values: ["calf"], negated: false)))
        let other = fails.respond(to: "why does my eye twitch", in: SessionState()).0
        #expect(Self.quotes(other) == Self.quotes(plain))
        #expect(other.sources.count == plain.sources.count)
    }

    @Test func aConditionalSourceFollowsTheSlots() {
        // causes.yaml cites the neck-specific quote only when the body part is the neck.
        let neck = Fixture.ask("can stress make my neck twitch")
        let calf = Fixture.ask("can stress make my calf twitch")
        #expect(neck.intent == "cause.stress" && calf.intent == "cause.stress")
        let quote = "When a person visits a doctor for stress and anxiety that causes twitching in the neck muscle"
        #expect(Self.quotes(neck).contains(quote))
        #expect(!Self.quotes(calf).contains(quote))
    }

    @Test func aTextWithoutTagsIsItsOwnRendering() {
        for response in Fixture.content.responses.values {
            for template in response.variants {
                let values = Template.Values(slots: ["body_part": "neck", "symptom": "twitch"])
                if let fixed = template.fixedText {
                    #expect(fixed == template.render(values), "\(response.intent)")
                } else {
                    #expect(template.nodes.contains { if case .text = $0 { false } else { true } }, "\(response.intent)")
                }
            }
        }
    }
}
