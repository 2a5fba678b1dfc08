import Testing
import TwitchwiseCore
import TwitchwiseTestSupport

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
