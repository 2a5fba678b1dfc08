import Foundation
import Testing
import TwitchwiseCore
@testable import TwitchwiseAuthoring
import TwitchwiseTestSupport

/// `twitchwise check` on a copy of the project's content with one thing broken.
@Suite struct CheckTests {
    /// Copies the content, applies `breakIt`, runs the check.
    func check(_ breakIt: (TemporaryFolder) throws -> Int) throws -> (ContentCheck.Report, Int, TemporaryFolder) {
        let folder = try TemporaryFolder()
        try folder.copyContent()
        let line = try breakIt(folder)
        return (ContentCheck.run(source: .directory(folder.path)), line, folder)
    }

    /// The diagnostics reported in `file` (a path relative to the content) on `line`.
    func found(_ report: ContentCheck.Report, _ severity: Diagnostic.Severity, _ file: String, line: Int) -> [Diagnostic] {
        report.diagnostics.filter { $0.severity == severity && $0.location.file.hasSuffix("/" + file) && $0.location.line == line }
    }

    @Test func theProjectContentHasNoErrors() {
        let report = ContentCheck.run(source: Package.source)
        #expect(report.errors == 0, "\(report.text)")
        #expect(report.intents > 0 && report.examples > 0)
        #expect(report.text.hasSuffix("examples classified)\n"))
    }

    @Test func badYAML() throws {
        let (report, line, folder) = try check { f in
            try f.edit("Intents/doctor.yaml", replacing: "    description: The signs that mean a twitch",
                       with: "    description: [The signs that mean a twitch")
        }
        let errors = report.diagnostics.filter { $0.location.file.hasSuffix("/Intents/doctor.yaml") && $0.severity == .error }
        let error = try #require(errors.first, "\(report.text)")
        #expect(error.message.hasPrefix("not valid YAML"))
        #expect(error.location.line >= line && error.location.line <= line + 2, "\(error)")
        let output = ContentCheck.main(source: .directory(folder.path))
        #expect(output.status == 1)
        #expect(output.stdout.contains("Intents/doctor.yaml:\(error.location.line):\(error.location.column): error: not valid YAML"))
        #expect(output.stdout.contains("(the content did not load, so the matcher checks did not run)"))
    }

    @Test func unknownSlotInATemplate() throws {
        let (report, line, _) = try check { f in
            try f.edit("Responses/doctor.yaml", replacing: "      If you are not sure, err on the side",
                       with: "      {{bodypart}} If you are not sure, err on the side")
        }
        let error = try #require(found(report, .error, "Responses/doctor.yaml", line: line).first, "\(report.text)")
        #expect(error.message == "unknown slot 'bodypart' in template")
        #expect(error.location.column == 7)
        #expect(error.hint?.contains("body_part") == true)
    }

    @Test func quoteNotInItsDocument() throws {
        let (report, line, _) = try check { f in
            try f.edit("Responses/doctor.yaml", replacing: "        quote: the doctor asks the patient a series of questions",
                       with: "        quote: the doctor asks the patient a series of riddles")
        }
        let error = try #require(found(report, .error, "Responses/doctor.yaml", line: line).first, "\(report.text)")
        #expect(error.message.hasPrefix("quote not found in document '003'"))
        #expect(error.location.column == 16)
    }

    @Test func responseForAnUnknownIntent() throws {
        let (report, line, _) = try check { f in
            try f.edit("Responses/doctor.yaml", replacing: "responses:\n",
                       with: "responses:\n  - intent: doctor.whenn\n    answer: See a doctor.\n\n") + 1
        }
        let error = try #require(found(report, .error, "Responses/doctor.yaml", line: line).first, "\(report.text)")
        #expect(error.message == "response for unknown intent 'doctor.whenn'")
        #expect(error.hint?.contains("did you mean 'doctor.when'?") == true)
    }

    @Test func intentWithoutAResponse() throws {
        let (report, line, _) = try check { f in
            try f.edit("Intents/doctor.yaml", replacing: "intents:\n", with: """
                intents:
                  - id: doctor.second_opinion
                    question: Should I get a second opinion about my twitching?
                    description: Second opinions
                    examples: [should I get a second opinion about my twitching muscles]


                """) + 1
        }
        let error = try #require(found(report, .error, "Intents/doctor.yaml", line: line).first, "\(report.text)")
        #expect(error.message == "intent 'doctor.second_opinion' has no response")
    }

    @Test func sameExampleUnderTwoIntents() throws {
        let (report, line, _) = try check { f in
            try f.edit("Intents/doctor.yaml", replacing: "      - when should I see a doctor about twitching\n",
                       with: "      - when should I see a doctor about twitching\n      - can coffee cause twitching\n") + 1
        }
        let error = try #require(found(report, .error, "Intents/doctor.yaml", line: line).first, "\(report.text)")
        #expect(error.message.hasPrefix("example 'can coffee cause twitching' is also an example of 'cause.caffeine'"))
        #expect(error.location.column == 9)
    }

    @Test func exampleThatClassifiesToAnotherIntent() throws {
        // The same words as cause.caffeine's "coffee and twitching?" in another order:
        // not a duplicate, but the two tie and cause.caffeine wins.
        let (report, line, folder) = try check { f in
            try f.edit("Intents/doctor.yaml", replacing: "      - when should I see a doctor about twitching\n",
                       with: "      - when should I see a doctor about twitching\n      - twitching and coffee\n") + 1
        }
        let warning = try #require(found(report, .warning, "Intents/doctor.yaml", line: line).first, "\(report.text)")
        #expect(warning.message == "example 'twitching and coffee' of 'doctor.when' classifies to 'cause.caffeine'")
        #expect(warning.location.column == 9)
        #expect(report.errors == 0, "\(report.text)")
        #expect(ContentCheck.main(source: .directory(folder.path)).status == 0)
    }

    @Test func questionThatDoesNotComeBack() throws {
        let (report, line, _) = try check { f in
            try f.edit("Intents/doctor.yaml", replacing: "    question: When should I see a doctor about muscle twitching?",
                       with: "    question: Coffee and twitching?")
        }
        let error = try #require(found(report, .error, "Intents/doctor.yaml", line: line).first, "\(report.text)")
        #expect(error.message == "the question 'Coffee and twitching?' of 'doctor.when' classifies to 'cause.caffeine'")
        #expect(error.location.column == 5)
    }

    @Test func patternThatCanNeverWin() throws {
        let (report, line, _) = try check { f in
            try f.edit("Intents/doctor.yaml", replacing: "    description: What the doctor asks, and the tests",
                       with: "    patterns: [\"* which tests * <twitch> *\"]\n    description: What the doctor asks, and the tests")
            return try f.edit("Intents/doctor.yaml", replacing: "    description: The signs that mean a twitch",
                              with: "    patterns: [\"* which tests * <twitch> *\"]\n    description: The signs that mean a twitch")
        }
        let warning = try #require(found(report, .warning, "Intents/doctor.yaml", line: line).first, "\(report.text)")
        #expect(warning.message.hasPrefix("pattern '* which tests * <twitch> *' of 'doctor.when' can never win: 'doctor.tests' has the same pattern"))
    }

    @Test func patternWithANearMissConcept() throws {
        let lexicon = try String(contentsOfFile: Package.root + "/Intents/lexicon.yaml", encoding: .utf8)
        #expect(lexicon.contains("scope: out"))
        let (report, line, _) = try check { f in
            try f.edit("Intents/doctor.yaml", replacing: "    description: The signs that mean a twitch",
                       with: "    patterns: [\"* <pets> * <twitch> *\"]\n    description: The signs that mean a twitch")
        }
        let warning = try #require(found(report, .warning, "Intents/doctor.yaml", line: line).first, "\(report.text)")
        #expect(warning.message.contains("'<pets>' is a near-miss subject, which always gets the fallback"))
    }

    @Test func anExampleThatAsksAnotherKindOfQuestionIsWarned() throws {
        // Question frames (issue 19): an example of relief.overview that asks which doctor to see.
        let (report, _, _) = try check { f in
            try f.edit("Intents/relief.yaml", replacing: "      - how to get rid of a twitch\n",
                       with: "      - how to get rid of a twitch\n      - which specialist treats twitching\n")
        }
        let warning = try #require(report.diagnostics.first { $0.message.contains("which specialist treats twitching") && $0.message.contains("asks a question of kind") }, "\(report.text)")
        #expect(warning.message == "example 'which specialist treats twitching' of 'relief.overview' asks a question of kind 'doctor.specialist', which 'relief.overview' does not answer")
        #expect(warning.location.file.hasSuffix("/Intents/relief.yaml"))
    }

    @Test func aLexiconTermCopiedFromAnExampleIsWarned() throws {
        // Issue 19: a phrase that repeats how one example was put is tuning to it, not a synonym.
        let (report, _, _) = try check { f in
            try f.edit("Intents/lexicon.yaml", replacing: "  - id: twitch\n    domain: true\n    slot: symptom\n    display: twitching\n    terms: [",
                       with: "  - id: twitch\n    domain: true\n    slot: symptom\n    display: twitching\n    terms: [\"get rid of a twitch\", ")
        }
        let warning = try #require(report.diagnostics.first { $0.message.contains("'get rid of a twitch'") }, "\(report.text)")
        #expect(warning.message == "term 'get rid of a twitch' of concept 'twitch' is copied from the example 'how to get rid of a twitch'")
        #expect(warning.location.file.hasSuffix("/Intents/lexicon.yaml"))
    }

    // MARK: Style warnings (docs/style-guide.md)

    /// The style warnings about one intent's answer.
    func styleWarnings(_ report: ContentCheck.Report, _ intent: String) -> [Diagnostic] {
        report.diagnostics.filter { $0.severity == .warning && $0.message.contains("'\(intent)'") && !$0.message.hasPrefix("example ") }
    }

    @Test func theProjectContentHasNoStyleWarnings() {
        let report = ContentCheck.run(source: Package.source)
        let style = report.diagnostics.filter {
            $0.severity == .warning && !$0.message.hasPrefix("example ") && !$0.message.hasPrefix("pattern ")
                && !$0.message.hasPrefix("term ")
        }
        #expect(style.isEmpty, "\(style.map(\.description).joined(separator: "\n"))")
    }

    @Test func answerOverTheWordLimit() throws {
        let (report, _, _) = try check { f in
            try f.edit("Responses/doctor.yaml", replacing: "      Follow your doctor's instructions carefully.\n",
                       with: String(repeating: "      Follow your doctor's instructions carefully, every single day.\n", count: 16))
        }
        let warning = try #require(styleWarnings(report, "doctor.treatment").first { $0.message.contains("words, over 120") },
                                   "\(report.text)")
        #expect(warning.message.hasPrefix("the answer of 'doctor.treatment' has "))
        #expect(warning.location.file.hasSuffix("/Responses/doctor.yaml"))
        #expect(report.errors == 0)
    }

    @Test func theSafetyGuidanceCountsTowardsTheWordLimit() throws {
        // The reader sees the guidance with the answer (fifth audit: safety.warning_signs had 173 words).
        let (report, _, _) = try check { f in
            try f.edit("Responses/relief.yaml",
                       replacing: "    guidance: Ask a doctor or pharmacist first, especially if you are pregnant or take other medicines.\n    suggestions: [relief.diet, relief.alternative, relief.medication]",
                       with: "    guidance: |\n" + String(repeating: "      Ask a doctor or pharmacist first, and keep a list of what you take.\n", count: 10)
                           + "    suggestions: [relief.diet, relief.alternative, relief.medication]")
        }
        let warning = try #require(report.diagnostics.first { $0.message.contains("words, over 120") }, "\(report.text)")
        #expect(warning.location.file.hasSuffix("/Responses/relief.yaml"))
    }

    @Test func sentenceOverTheWordLimit() throws {
        let (report, _, _) = try check { f in
            try f.edit("Responses/doctor.yaml", replacing: "      Follow your doctor's instructions carefully.\n",
                       with: "      Follow your doctor's instructions carefully and take every medicine exactly as it was prescribed for you, and keep going to every appointment they give you until the spasms have gone.\n")
        }
        let warning = try #require(styleWarnings(report, "doctor.treatment").first, "\(report.text)")
        #expect(warning.message.hasPrefix("a sentence of 'doctor.treatment' has 30 words, over 25: 'Follow your doctor"))
        #expect(warning.hint == "split it, or make it a list")
    }

    @Test func yesNoOpenerToAnotherKindOfQuestion() throws {
        let (report, _, _) = try check { f in
            try f.edit("Responses/doctor.yaml", replacing: "      It depends on the cause. If there",
                       with: "      Yes, it depends on the cause. If there")
        }
        let warning = try #require(styleWarnings(report, "doctor.treatment").first, "\(report.text)")
        #expect(warning.message == "the answer of 'doctor.treatment' opens with 'Yes', but its question 'What treatment will a doctor give for muscle spasms?' is not a yes/no question")
        // A yes/no question may be answered "Yes".
        #expect(styleWarnings(report, "relief.stretch").isEmpty, "\(report.text)")
    }

    @Test func moreThanFiveSources() throws {
        let (report, _, _) = try check { f in
            try f.edit("Responses/doctor.yaml", replacing: "        quote: Make sure you follow your doctor’s instructions carefully\n", with: """
                        quote: Make sure you follow your doctor’s instructions carefully
                      - doc: "004"
                        quote: In some cases, surgery may be necessary.
                      - doc: "004"
                        quote: Talk to your doctor about whether these medications may be right for you.

                """)
        }
        let warning = try #require(styleWarnings(report, "doctor.treatment").first, "\(report.text)")
        #expect(warning.message == "'doctor.treatment' lists 6 sources, over 5")
    }

    @Test func doctorLineMissing() throws {
        let (report, _, folder) = try check { f in
            try f.edit("Responses/conditions.yaml", replacing: "      See a doctor if you find yourself moving your legs",
                       with: "      Talk to your doctor if you find yourself moving your legs")
        }
        let warning = try #require(styleWarnings(report, "condition.restless_legs").first, "\(report.text)")
        #expect(warning.message == "'condition.restless_legs' has a doctor line in the catalog, but its answer has no 'See a doctor if …' line")
        // Without the marker there is nothing to warn about.
        _ = try folder.edit("Responses/conditions.yaml", replacing: "  - intent: condition.restless_legs\n    # check: doctor-line\n",
                            with: "  - intent: condition.restless_legs\n")
        let unmarked = ContentCheck.run(source: .directory(folder.path))
        #expect(styleWarnings(unmarked, "condition.restless_legs").isEmpty, "\(unmarked.text)")
    }

    @Test func styleRulesMeasureEveryBranch() throws {
        // A sentence only the `again` branch shows is measured too.
        let (report, _, _) = try check { f in
            try f.edit("Responses/conditions.yaml", replacing: "      If you are not sure whether to go, err on the side of caution and make an appointment.\n",
                       with: "      If you are not sure whether to go, err on the side of caution and make an appointment with your own doctor, who knows you and your history, this week.\n")
        }
        let warning = try #require(styleWarnings(report, "condition.is_serious").first, "\(report.text)")
        #expect(warning.message.hasPrefix("a sentence of 'condition.is_serious' has 30 words"))
    }
}
