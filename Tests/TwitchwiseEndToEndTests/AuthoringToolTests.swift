import Foundation
import Testing
import TwitchwiseTestSupport

/// `eval`, `check` and `test` as CI uses them (issue 21 point 4, issue 22 points 7 and 8).
@Suite("Authoring tools in CI, end to end")
struct AuthoringToolTests {
    static let passing = #"{"id": "p1", "cat": "plain", "turns": [{"text": "Can drinking too much coffee make my muscles twitch?", "kind": "answer", "intent": ["cause.caffeine"], "mentions": [["caffeine"]]}]}"#
    static let failing = #"{"id": "f1", "cat": "plain", "turns": [{"text": "Can drinking too much coffee make my muscles twitch?", "kind": "answer", "intent": ["cause.caffeine"], "mentions": [["caffeine"], ["zebra", "giraffe"]]}]}"#

    static func eval(_ lines: [String], _ extra: [String] = [], separator: String = "\n") throws -> Driver.Result {
        let folder = try TemporaryFolder()
        let path = try folder.write("set.jsonl", lines.joined(separator: separator) + separator)
        return try withExtendedLifetime(folder) { try Driver.run(["eval", path] + extra, input: []) }
    }

    @Test func evalExitsZeroOnlyWhenEveryTurnPasses() throws {
        let pass = try Self.eval([Self.passing])
        #expect(pass.status == 0, "\(pass.stdoutText)\(pass.stderrText)")
        #expect(pass.stdoutText.contains("1 passed, 0 failed"))
        let fail = try Self.eval([Self.passing, Self.failing])
        #expect(fail.status == 1)
        #expect(fail.stdoutText.contains("FAIL f1 [plain] mentions"))
        #expect(fail.stdoutText.contains(#"missing:  mentions group ["zebra", "giraffe"]"#), "\(fail.stdoutText)")
        #expect(!fail.stdoutText.contains(#"mentions group ["caffeine"]"#), "a group that is there is not named")
        let json = try Self.eval([Self.failing], ["--json"])
        #expect(json.status == 1)
    }

    @Test func minAccuracy() throws {
        let half = [Self.passing, Self.failing]
        let above = try Self.eval(half, ["--min-accuracy", "50"])
        #expect(above.status == 0 && above.stdoutText.contains("is at or above --min-accuracy 50.0%"))
        let below = try Self.eval(half, ["--min-accuracy", "50.1"])
        #expect(below.status == 1 && below.stdoutText.contains("accuracy 50.0% is below --min-accuracy 50.1%"))
        let nonsense = try Self.eval(half, ["--min-accuracy", "120"])
        #expect(nonsense.status == 64 && nonsense.stderrText.contains("percentage"))
    }

    @Test(arguments: [
        (#"{"id": "a", "turns": [{"text": "hi", "urgent": "yes"}]}"#, "turns[0].urgent must be true or false, not a string"),
        (#"{"id": "a", "turns": [{"text": "hi", "intent": "greet"}]}"#, "turns[0].intent must be a list of intent ids, not a string"),
        (#"{"id": "a", "turns": [{"text": 5}]}"#, "turns[0].text must be a string, not a number"),
        (#"{"id": "a", "turns": [{"text": "hi", "kind": "answr"}]}"#, "turns[0].kind 'answr' is not a kind"),
        (#"{"id": "a", "turns": [{"text": "hi", "mentions": ["calm"]}]}"#, "turns[0].mentions must be a list of groups"),
        (#"{"id": "a", "cat": 3, "turns": [{"text": "hi"}]}"#, "'cat' must be a string, not a number"),
        (#"{"id": "a", "turns": []}"#, "'turns' must be a non-empty list"),
        (#"["not", "a", "case"]"#, "a case must be a JSON object"),
    ])
    func evalRefusesWronglyTypedFields(_ line: String, _ message: String) throws {
        let result = try Self.eval([Self.passing, line])
        #expect(result.status == 2)
        #expect(result.stderrText.contains("set.jsonl:2:1: error: " + message), "\(result.stderrText)")
        #expect(result.stdout.isEmpty)
    }

    @Test func evalRefusesAnEmptySetAndSeedsThatAreNotThere() throws {
        let empty = try Self.eval(["", "  "])
        #expect(empty.status == 2 && empty.stderrText.contains("error: the question set has no case"), "\(empty.stderrText)")
        let nowhere = try Self.eval([Self.passing], ["--seeds", "/nonexistent/seeds"])
        #expect(nowhere.status == 2 && nowhere.stderrText.contains("/nonexistent/seeds:1:1: error: --seeds: cannot read the folder"))
        let folder = try TemporaryFolder()
        try folder.write("notes.md", "no documents here")
        let noDocuments = try Self.eval([Self.passing], ["--seeds", folder.path])
        #expect(noDocuments.status == 2 && noDocuments.stderrText.contains("holds no .txt document"))
        let seeds = try Self.eval([Self.passing], ["--seeds", Driver.packageRoot.appendingPathComponent("Documents").path])
        #expect(seeds.status == 0, "\(seeds.stdoutText)")
    }

    @Test func evalReadsCRLFAsLF() throws {
        let set = try String(contentsOf: Driver.packageRoot.appendingPathComponent("docs/sample-eval.jsonl"), encoding: .utf8)
        let lines = set.split(separator: "\n").map(String.init)
        let lf = try Self.eval(lines, ["--json"])
        let crlf = try Self.eval(lines, ["--json"], separator: "\r\n")
        #expect(lf.status == 0 && crlf.status == 0, "\(crlf.stderrText)")
        #expect(crlf.stdoutText == lf.stdoutText)
        #expect(lf.stdoutText.contains(#""turns":15"#))
        let bom = try Self.eval(["\u{FEFF}" + Self.passing])
        #expect(bom.status == 0, "\(bom.stderrText)")
    }

    @Test func checkErrorsOnlyAndTheBaseline() throws {
        let baseline = Driver.packageRoot.appendingPathComponent(".ci/check-baseline.txt").path
        let full = try Driver.run(["check"], input: [])
        #expect(full.status == 0 && full.stdoutText.contains(": warning: "), "the shipped content has known warnings")
        let errorsOnly = try Driver.run(["check", "--errors-only"], input: [])
        #expect(errorsOnly.status == 0 && !errorsOnly.stdoutText.contains(": warning: "))
        #expect(errorsOnly.stdoutText.contains("warnings not shown"))
        let known = try Driver.run(["check", "--baseline", baseline], input: [])
        #expect(known.status == 0, "\(known.stdoutText)")
        #expect(!known.stdoutText.contains(": warning: ") && known.stdoutText.contains(", 0 new and "), "\(known.stdoutText)")

        // A warning the baseline does not list fails, and is the only one printed.
        let folder = try TemporaryFolder()
        let entries = try String(contentsOfFile: baseline, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        let dropped = try #require(entries.first)
        let partial = try folder.write("baseline.txt", entries.dropFirst().joined(separator: "\r\n") + "\r\n")
        let new = try Driver.run(["check", "--baseline", partial], input: [])
        #expect(new.status == 1)
        let printed = new.stdoutText.split(separator: "\n").filter { $0.contains(": warning: ") }
        #expect(printed.count == 1 && printed[0].hasSuffix(String(dropped.split(separator: ": ", maxSplits: 1)[1])), "\(printed)")
        #expect(new.stdoutText.contains(", 1 new and "))
        let missing = try Driver.run(["check", "--baseline", folder.path + "/none.txt"], input: [])
        #expect(missing.status == 2 && missing.stderrText.contains("cannot read the warnings baseline"))
        // --print-baseline writes what --baseline reads.
        let printedBaseline = try Driver.run(["check", "--print-baseline"], input: [])
        #expect(printedBaseline.stdoutText == (try String(contentsOfFile: baseline, encoding: .utf8)),
                "the shipped baseline is out of date: twitchwise check --print-baseline > .ci/check-baseline.txt")
    }

    @Test func checkHoldsIntentsToTheDocumentedMinimumOfExamples() throws {
        let content = try ContentCopy()
        let text = try content.read("Intents/causes.yaml")
        // Keep only the first example of the first intent.
        let start = try #require(text.range(of: "    examples:\n"))
        let lines = text[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
        let exampleLines = lines.prefix { $0.hasPrefix("      - ") }
        #expect(exampleLines.count >= 5)
        let cut = text[..<start.upperBound] + exampleLines[0] + "\n" + lines.dropFirst(exampleLines.count).joined(separator: "\n")
        try content.write("Intents/causes.yaml", String(cut))
        let result = try Driver.run(["check", "--content", content.root.path], input: [])
        #expect(result.status == 1)
        #expect(result.stdoutText.contains("has 1 example; an intent needs at least 5"), "\(result.stdoutText.suffix(800))")
        let format = try String(contentsOf: Driver.packageRoot.appendingPathComponent("docs/content-format.md"), encoding: .utf8)
        #expect(format.contains("at least 5"), "the documented rule")
    }

    @Test func didYouMeanSuggestsOnlyCloseIds() throws {
        let content = try ContentCopy()
        try content.replace("Responses/causes.yaml", "- intent: cause.caffeine", with: "- intent: cause.cafeine")
        let close = try Driver.run(["check", "--content", content.root.path], input: [])
        #expect(close.stdoutText.contains("did you mean 'cause.caffeine'?"), "\(close.stdoutText.prefix(1500))")
        try content.replace("Responses/causes.yaml", "- intent: cause.cafeine", with: "- intent: zebra.stripes")
        let far = try Driver.run(["check", "--content", content.root.path], input: [])
        #expect(far.stdoutText.contains("response for unknown intent 'zebra.stripes'"))
        #expect(!far.stdoutText.contains("did you mean"), "no unrelated suggestion: \(far.stdoutText.prefix(1500))")
    }

    @Test func testCountsInTheRightNumber() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("one.yaml", """
            conversations:
              - name: one
                turns:
                  - user: hello
                    intent: greet
            """)
        let result = try Driver.run(["test", file], input: [])
        #expect(result.status == 0, "\(result.stdoutText)\(result.stderrText)")
        #expect(result.stdoutText.contains("1 conversation in 1 file: 1 passed, 0 failed"), "\(result.stdoutText)")
    }
}
