import Foundation
import Testing
import TwitchwiseCore

#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import TwitchwiseContentLoading
@testable import TwitchwiseAuthoring
import TwitchwiseTestSupport

/// `twitchwise test`, driven through its library entry point.
@Suite struct TestCommandTests {
    /// The greeting the project's content gives to "hi" as the first message (seed 0).
    static var greeting: String {
        Package.engine.respond(to: "hi", in: SessionState()).0.answer
    }

    static func indented(_ text: String, _ spaces: Int) -> String {
        let pad = String(repeating: " ", count: spaces)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : pad + $0 }
            .joined(separator: "\n")
    }

    func run(_ folder: TemporaryFolder, _ paths: [String], junit: String? = nil, record: Bool = false,
             coverage: Bool = false, source: ContentSource = Package.source) -> CommandOutput {
        TestRunner.main(TestRunOptions(paths: paths, source: source, junit: junit, record: record,
                                       coverage: coverage, workingDirectory: folder.path))
    }

    @Test func passingGoldenAnswerExitsZero() throws {
        let folder = try TemporaryFolder()
        try folder.write("hello.yaml", """
            conversations:
              - name: greeting
                turns:
                  - user: hi
                    intent: greet
                    answer: |
            \(Self.indented(Self.greeting, 10))

            """)
        let output = run(folder, ["hello.yaml"])
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("✓ greeting (1 turn)"))
    }

    @Test func changedAnswerFailsWithADiffAndRecordMakesItPass() throws {
        let folder = try TemporaryFolder()
        // The golden text has its first sentence changed, as when an author edits a response.
        let greeting = Self.greeting
        let firstLine = String(greeting.split(separator: "\n")[0])
        let edited = greeting.replacingOccurrences(of: firstLine, with: "Hi! This line was changed.")
        let original = """
            # A golden answer that no longer matches.
            conversations:
              - name: greeting
                turns:
                  - user: hi   # the first message of the session
                    intent: greet
                    answer: |
            \(Self.indented(edited, 10))
                    urgent: false

              - name: untouched
                turns:
                  - user: can coffee cause twitching?
                    intent: cause.caffeine
                    answer: "No golden text here yet"
                    contains: [stimulant]

            """
        try folder.write("greet.yaml", original)

        let failed = run(folder, ["greet.yaml"])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("✗ greeting (1 turn)"))
        // Located at the `answer:` key: line 7, column 9.
        #expect(failed.stdout.contains("greet.yaml:7:9: error: turn 1 (\"hi\"): answer: the answer differs from the golden text"))
        #expect(failed.stdout.contains("--- expected"))
        #expect(failed.stdout.contains("+++ actual"))
        #expect(failed.stdout.contains("-Hi! This line was changed."))
        #expect(failed.stdout.contains("+" + firstLine))
        #expect(failed.stdout.contains("@@ -1"))

        let recorded = run(folder, ["greet.yaml"], record: true)
        #expect(recorded.status == 0, "\(recorded.stdout)")
        #expect(recorded.stdout.contains("recorded 2 golden answers in greet.yaml"))

        let after = try folder.read("greet.yaml")
        let passing = run(folder, ["greet.yaml"])
        #expect(passing.status == 0, "\(passing.stdout)")
        #expect(passing.stdout.contains("2 passed, 0 failed"))

        // Only the answer values changed: every other line is byte for byte the same.
        let oldLines = original.split(separator: "\n", omittingEmptySubsequences: false)
        let newLines = after.split(separator: "\n", omittingEmptySubsequences: false)
        let edits = LineDiff.edits(oldLines.map(String.init), newLines.map(String.init))
        let removed = edits.compactMap { if case .removed(let l) = $0 { return l } else { return nil } }
        #expect(removed.allSatisfy { $0.contains("Hi! This line was changed.") || $0.contains("No golden text here yet") },
                "\(removed)")
        #expect(after.hasPrefix("# A golden answer that no longer matches.\n"))
        #expect(after.contains("      - user: hi   # the first message of the session\n"))
        #expect(after.contains("        urgent: false\n\n  - name: untouched"))
        #expect(after.contains("        answer: |\n          Caffeine can cause twitching. It is a stimulant"))
        #expect(after.contains("        contains: [stimulant]\n"))
    }

    @Test func recordKeepsQuotedAndPlainNeighbours() {
        let text = """
            conversations:
              - name: a
                turns:
                  - user: x
                    answer: 'it''s old'
                    kind: answer
                  - user: y
                    answer: plain old text # a comment
                  - user: z
                    answer: "a \\"quoted\\"
                      text"
                    kind: answer
            """
        let (file, problems) = ConversationParser.parse(path: "t.yaml", text: text)
        #expect(problems.isEmpty)
        let spans = file!.conversations[0].turns.flatMap(\.expectations).compactMap { e -> GoldenSpan? in
            if case .answer(_, let span) = e.check { return span } else { return nil }
        }
        #expect(spans.count == 3)
        let out = GoldenRecorder.splice(text, spans.map { ($0, "New\n\nText") })
        #expect(out == """
            conversations:
              - name: a
                turns:
                  - user: x
                    answer: |
                      New

                      Text
                    kind: answer
                  - user: y
                    answer: | # a comment
                      New

                      Text
                  - user: z
                    answer: |
                      New

                      Text
                    kind: answer
            """)
    }

    @Test func recordInAFlowMappingWritesAQuotedLine() throws {
        let folder = try TemporaryFolder()
        try folder.write("flow.yaml", """
            conversations:
              - name: flow
                turns:
                  - {user: hi, answer: "old", kind: answer}
                  - {user: "thanks", intent: thanks}
                  - {user: hello, answer: plain old text, kind: answer}

            """)
        let recorded = run(folder, ["flow.yaml"], record: true)
        #expect(recorded.status == 0, "\(recorded.stdout)\(recorded.stderr)")
        let text = try folder.read("flow.yaml")
        let expected = Self.greeting.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\"", with: "\\\"")
        #expect(text.contains("      - {user: hi, answer: \"\(expected)\", kind: answer}\n      - {user: \"thanks\", intent: thanks}\n"), "\(text)")
        #expect(text.contains("      - {user: hello, answer: \"Hello"), "\(text)")
        #expect(text.hasSuffix("\", kind: answer}\n"), "\(text)")
        #expect(run(folder, ["flow.yaml"]).status == 0)
    }

    @Test func junitReportParsesWithTheRightCounts() throws {
        let folder = try TemporaryFolder()
        try folder.write("a.yaml", """
            conversations:
              - name: passes
                turns:
                  - user: can coffee cause twitching?
                    intent: cause.caffeine
              - name: "fails <&> \\"quoted\\""
                turns:
                  - user: can coffee cause twitching?
                    intent: cause.stress
              - name: a known gap
                known_gap: not answered yet
                turns:
                  - user: can coffee cause twitching?
                    kind: fallback
            """)
        try folder.write("b.yaml", """
            conversations:
              - name: also passes
                turns:
                  - user: hi
                    kind: answer
            """)
        let output = run(folder, ["a.yaml", "b.yaml"], junit: "report.xml")
        #expect(output.status == 1)
        let xml = try folder.read("report.xml")

        #if canImport(FoundationXML) || os(macOS)
        let document = try XMLDocument(xmlString: xml)
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "4")
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
        #expect(root.attribute(forName: "skipped")?.stringValue == "1")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.map { $0.attribute(forName: "name")?.stringValue } == ["a.yaml", "b.yaml"])
        #expect(suites.map { $0.attribute(forName: "tests")?.stringValue } == ["3", "1"])
        #expect(suites.map { $0.attribute(forName: "failures")?.stringValue } == ["1", "0"])
        let cases = suites[0].elements(forName: "testcase")
        #expect(cases.map { $0.attribute(forName: "name")?.stringValue } == ["passes", "fails <&> \"quoted\"", "a known gap"])
        let failure = try #require(cases[1].elements(forName: "failure").first)
        #expect(failure.attribute(forName: "message")?.stringValue?.contains("expected cause.stress, got cause.caffeine") == true)
        #expect(cases[2].elements(forName: "skipped").count == 1)
        #expect(cases[0].children == nil || cases[0].children?.isEmpty == true)
        #else
        #expect(xml.contains("<testsuites name=\"twitchwise test\" tests=\"4\" failures=\"1\""))
        #endif
    }

    @Test func invalidFileExitsTwoWithALocatedError() throws {
        let folder = try TemporaryFolder()
        try folder.write("bad.yaml", """
            conversations:
              - name: typo
                turns:
                  - user: hi
                    intnet: greet
            """)
        try folder.write("broken.yaml", "conversations:\n  - name: [unclosed\n")
        let output = run(folder, ["bad.yaml", "broken.yaml"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("bad.yaml:5:9: error: unknown key 'intnet' in a turn"))
        #expect(output.stderr.contains("bad.yaml:5:9: note: did you mean 'intent'?"))
        #expect(output.stderr.contains("broken.yaml:3:1: error: not valid YAML"))
    }

    @Test func missingFolderSaysWhereItLooked() throws {
        let folder = try TemporaryFolder()
        let output = run(folder, [], source: .embedded)
        #expect(output.status == 2)
        #expect(output.stderr.contains("no conversation files given, and no Conversations/ folder found"))
        #expect(output.stderr.contains("looked for"))
        #expect(output.stderr.contains("Conversations"))
    }

    @Test func projectConversationsAreFoundNextToTheContent() throws {
        let folder = try TemporaryFolder()
        let output = run(folder, [])  // --content is the package root, which holds Conversations/
        // Whether they pass is ConversationFilesTests' business; here: they were found and run.
        #expect(output.status != 2, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("Conversations/follow-ups.yaml"))
        #expect(output.stdout.contains(" conversations in \(Package.conversationFiles.count) files: "))
    }

    @Test func expectationFailuresAreLocated() throws {
        let folder = try TemporaryFolder()
        try folder.write("x.yaml", """
            conversations:
              - name: everything wrong
                turns:
                  - user: I've been so stressed and my neck twitches
                    kind: fallback
                    slots: {body_part: back, trigger: ~}
                    urgent: true
                    contains: [zebra]
                    not_contains: [stress]
                    matches: '^Nope'
            """)
        let output = run(folder, ["x.yaml"])
        #expect(output.status == 1)
        for (line, key) in [(5, "kind"), (6, "slots"), (7, "urgent"), (8, "contains"), (9, "not_contains"), (10, "matches")] {
            #expect(output.stdout.contains("x.yaml:\(line):9: error: turn 1 (\"I've been so stressed and my neck twitches\"): \(key):"),
                    "\(key)\n\(output.stdout)")
        }
        #expect(output.stdout.contains("body_part: expected back, got neck"))
        #expect(output.stdout.contains("trigger: expected unset, got stress"))
    }

    @Test func coverageListsWhatNoConversationReached() throws {
        let folder = try TemporaryFolder()
        try folder.write("one.yaml", """
            conversations:
              - name: caffeine at night
                turns:
                  - user: can coffee make me twitch at night?
                    intent: cause.caffeine
            """)
        let output = run(folder, ["one.yaml"], coverage: true)
        #expect(output.status == 0, "\(output.stdout)")
        #expect(output.stdout.contains("coverage: 1/"))
        #expect(output.stdout.contains("intents no conversation reached:"))
        #expect(output.stdout.contains(": cause.stress (\"Can stress or anxiety cause muscle twitching?\")"))
        #expect(!output.stdout.contains(": cause.caffeine (\""))
        #expect(output.stdout.contains("template branches never rendered:"))
        // The caffeine answer's night branch rendered; the stress answer's neck branch did not.
        #expect(!output.stdout.contains("{{#time_of_day=night}} in cause.caffeine"))
        #expect(output.stdout.contains("{{#body_part=neck}} in cause.stress"))
    }
}
