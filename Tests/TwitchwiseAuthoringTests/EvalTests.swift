import Foundation
import Testing
import TwitchwiseCore
@testable import TwitchwiseProtocol
@testable import TwitchwiseAuthoring
import TwitchwiseTestSupport

/// `twitchwise eval`: judging like shared/eval/score.py, and the figures.
@Suite struct EvalTests {
    static let cases = """
        {"id": "a1", "cat": "plain", "turns": [{"text": "Can coffee cause twitching?", "kind": "answer", "intent": ["cause.caffeine"], "urgent": false, "mentions": [["stimulant"]]}]}
        {"id": "a2", "cat": "plain", "turns": [{"text": "Can coffee cause twitching?", "kind": "answer", "intent": ["cause.stress"], "urgent": false, "mentions": []}]}
        {"id": "a3", "cat": "oos", "turns": [{"text": "how do I bake sourdough bread?", "kind": "fallback", "intent": [], "urgent": false, "mentions": []}]}
        {"id": "a4", "cat": "urgent", "turns": [{"text": "my muscles twitch and I'm struggling to breathe", "kind": "answer", "intent": ["urgent"], "urgent": true, "mentions": []}]}
        {"id": "a5", "cat": "multi", "turns": [{"text": "why do muscles twitch?", "kind": "answer", "intent": ["cause.overview"], "urgent": false, "mentions": []}, {"text": "what about stress?", "kind": "answer", "intent": ["cause.stress"], "urgent": false, "mentions": [["zebra"]]}]}

        """

    @Test func judgesAndSummarises() throws {
        let (cases, problems) = Evaluation.parse(Self.cases, path: "t.jsonl")
        #expect(problems.isEmpty)
        #expect(cases.count == 5)
        let outcomes = Evaluation.run(cases, engine: Package.engine)
        #expect(outcomes.map(\.failed) == [[], ["intent"], [], [], [], ["mentions"]])
        let s = Evaluation.summarize(outcomes)
        #expect(s.turns == 6 && s.passed == 4)
        #expect(s.confusions.count == 1)
        #expect(s.confusions.first?.expected == "cause.stress" && s.confusions.first?.got == "cause.caffeine")
        let caffeine = try #require(s.intents.first { $0.intent == "cause.caffeine" })
        #expect(caffeine.predicted == 2 && caffeine.truePositives == 1 && caffeine.expected == 1)
        #expect(caffeine.precision == 0.5 && caffeine.recall == 1)
        #expect(s.outOfScopeRejected.count == 1 && s.outOfScopeRejected.total == 1)
        #expect(s.urgentRecognised.count == 1 && s.urgentRecognised.total == 1)
        #expect(s.urgentFalseAlarms.count == 0 && s.urgentFalseAlarms.total == 5)
        #expect(s.answeredRight.count == 3 && s.answeredRight.total == 5)

        let text = Evaluation.text(s, outcomes: outcomes)
        #expect(text.contains("cause.stress -> cause.caffeine  1"))
        #expect(text.contains("accuracy: 66.7%"))
        #expect(text.contains("4 passed, 2 failed"))
    }

    @Test func jsonOutputIsOneObject() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("set.jsonl", Self.cases)
        let output = Evaluation.main(path: path, source: Package.source, seed: 0, json: true, seeds: nil)
        #expect(output.status == 1, "2 of the 6 turns fail")
        #expect(output.stdout.split(separator: "\n").count == 1)
        let json = try JSONParser.parse(output.stdout.trimmingCharacters(in: .newlines))
        #expect(json["turns"] == .number("6"))
        #expect(json["accuracy"] == .number("0.6667"))
        guard case .array(let confusions)? = json["confusions"] else { Issue.record("no confusions"); return }
        #expect(confusions.count == 1)
    }

    @Test func badLineIsLocated() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("bad.jsonl", "{\"id\": \"x\", \"turns\": []}\n{\"id\": oops}\n")
        let output = Evaluation.main(path: path, source: Package.source, seed: 0, json: false, seeds: nil)
        #expect(output.status == 2)
        #expect(output.stderr.contains("bad.jsonl:2:"))
    }
}
