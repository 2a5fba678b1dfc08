import Foundation
import Testing
@testable import TwitchwiseCore
@testable import TwitchwiseProtocol
import TwitchwiseTestSupport

/// The fast paths give exactly what the plain ones give: the byte-level text
/// folds against the character-level ones, and the pruned top-k ranking against
/// scoring every intent.
@Suite struct FastPathTests {
    typealias Generator = SeededGenerator

    @Test func tidyOnBytesFoldsLikeTheCharacterFold() {
        var random = Generator(state: 7)
        let alphabet = ["a", "b", "é", " ", " ", "  ", "\n", "\n", "\n\n", ".", ",", "—", "x.", " ,"]
        for _ in 0..<5_000 {
            let text = random.text(from: alphabet, length: 40)
            #expect(Template.tidy(text) == Template.tidyCharacters(text), "\(text.debugDescription)")
        }
        // Carriage returns keep their character meaning.
        #expect(Template.tidy("a\r\n\r\nb .") == Template.tidyCharacters("a\r\n\r\nb ."))
    }

    @Test func asciiMessagesSplitLikeTheUnicodePath() {
        var random = Generator(state: 11)
        let alphabet = ["a", "Z", "9", "'", "`", " ", ".", "!", "?", "\n", ",", ";", ":", "(", ")", "-", "\t", "it's", "don't", "'s"]
        for _ in 0..<5_000 {
            let text = random.text(from: alphabet, length: 30)
            #expect(Normalizer.asciiPieces(text) == Normalizer.unicodePieces(text), "\(text.debugDescription)")
        }
        #expect(Normalizer.asciiPieces("naïve") == nil)
    }

    /// Every authored example and question, ranked with a limit and without:
    /// pruning must never change the best three, under every small-talk rule.
    @Test func prunedTopThreeEqualsScoringEveryIntent() {
        let matcher = Fixture.engine.matcher
        var texts = Fixture.content.intents.flatMap { $0.examples.map(\.text) + [$0.question] }
        texts += ["why does my eye twitch", "hello", "can you help me file my taxes", "twitch", "what about at night?",
                  // Stories: their last question is ranked alone and blended in.
                  "My calf has twitched for weeks. I run a lot. I drink coffee. Should I worry, and what could cause it?",
                  "I had a seizure as a kid. Now my eyelid twitches. It is annoying. Are these connected?",
                  "Work is stressful. I sleep badly. My neck jumps at night. What can I do to stop the twitching?"]
        for text in texts {
            let analysis = matcher.analyzer.analyze(text)
            for rule in [Matcher.SmallTalk.keep, .halve, .drop] {
                let all = matcher.rank(analysis, smallTalk: rule).prefix(3)
                let top = matcher.rank(analysis, smallTalk: rule, limit: 3)
                #expect(top.map(\.intent) == all.map(\.intent), "\(text) (\(rule))")
                #expect(top.map(\.score) == all.map(\.score), "\(text) (\(rule))")
                #expect(top.map(\.evidence) == all.map(\.evidence), "\(text) (\(rule))")
            }
        }
    }

    /// With blocks of three intents (26 blocks on the real content, rather than the two of the
    /// default size of 64), the block bounds prune for real: the best three must not change, nor
    /// the best of a few intents asked for by name, nor with a topic carried from before.
    @Test func smallBlocksPruneWithoutChangingTheBestThree() {
        let matcher = Matcher(content: Fixture.content, blockSize: 3)
        let plain = Fixture.engine.matcher
        let ids = Fixture.content.intents.map(\.id)
        var texts = Fixture.content.intents.flatMap { $0.examples.map(\.text) }
        texts += ["why does my eye twitch", "hello", "can you help me file my taxes", "what about at night?",
                  "My calf has twitched for weeks. I run a lot. I drink coffee. Should I worry, and what could cause it?"]
        for (n, text) in texts.enumerated() {
            // Each matcher numbers stems its own way: each analyses the text itself.
            let analysis = matcher.analyzer.analyze(text)
            let plainAnalysis = plain.analyzer.analyze(text)
            let among = Set(ids.enumerated().filter { ($0.offset + n) % 7 == 0 }.map(\.element))
            let context = n % 2 == 0 ? [:] : ["c:stress": 0.5, "c:night": 0.5]
            for rule in [Matcher.SmallTalk.keep, .halve, .drop] {
                let all = plain.rank(plainAnalysis, context: context, smallTalk: rule).prefix(3)
                let top = matcher.rank(analysis, context: context, smallTalk: rule, limit: 3)
                #expect(top.map(\.intent) == all.map(\.intent), "\(text) (\(rule))")
                #expect(top.map(\.score) == all.map(\.score), "\(text) (\(rule))")
                #expect(top.map(\.evidence) == all.map(\.evidence), "\(text) (\(rule))")
                let allAmong = plain.rank(plainAnalysis, smallTalk: rule, among: among).prefix(1)
                let topAmong = matcher.rank(analysis, smallTalk: rule, among: among, limit: 1)
                #expect(topAmong.map(\.intent) == allAmong.map(\.intent), "\(text) among (\(rule))")
                #expect(topAmong.map(\.score) == allAmong.map(\.score), "\(text) among (\(rule))")
            }
        }
    }

    /// The question features the matcher keeps for follow-ups are what analysing the question gives.
    @Test func questionFeaturesFromTheTablesAreTheQuestionsOwn() {
        let matcher = Fixture.engine.matcher
        for intent in Fixture.content.intents {
            #expect(matcher.questionFeatures(of: intent.id) == matcher.features(of: intent.question), "\(intent.id)")
        }
    }

    @Test func protocolScoresReadAsPrintfWouldWriteThem() {
        var random = Generator(state: 3)
        let values = [0, 1, 0.5, 0.05, 0.007, 0.999_6, 0.123_4, 1.5, -2, .nan, .infinity] + (0..<2_000).map { _ in Double(random.next(1_000_001)) / 1e6 }
        for value in values {
            let clamped = min(1, max(0, value.isFinite ? value : 0))
            var printf = String(format: "%.3f", clamped)
            while printf.hasSuffix("0") { printf.removeLast() }
            if printf.hasSuffix(".") { printf += "0" }
            #expect(Reply.format(value) == printf, "\(value)")
        }
    }

    @Test func explanationScoresReadAsPrintfWouldWriteThem() {
        for value in [0, 0.005, 0.015, 0.125, 0.0625, 0.28, 0.284_9, 0.285_1, 0.45, 0.999, 1, 12.5, -0.3, -0.001] {
            #expect(DecimalText.fixed(value, decimals: 2) == String(format: "%.2f", value), "\(value)")
            #expect(DecimalText.fixed(value, decimals: 3) == String(format: "%.3f", value), "\(value)")
        }
    }
}
