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
}
