import Foundation
import Testing
import TwitchwiseTestSupport

/// `--content DIR` with a broken copy of the content: exit 2 and a located message.
@Suite("Broken content, end to end")
struct ContentErrorTests {
    /// Runs with the broken content and checks for `DIR/file:line:col: error: message`.
    static func expectError(_ content: borrowing ContentCopy, file: String, line: Int, message: String,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        for arguments in [["--json"], ["ask", "hello"]] {
            let result = try Driver.run(arguments + ["--content", content.root.path], input: Array("{\"command\":\"ping\"}\n".utf8))
            #expect(result.exited && result.status == 2, "exit status \(result.status)", sourceLocation: sourceLocation)
            #expect(result.stdout.isEmpty, "nothing on stdout: \(result.stdoutText.prefix(200))", sourceLocation: sourceLocation)
            let prefix = "\(content.root.path)/\(file):\(line):"
            let located = result.stderrText.split(separator: "\n").filter { $0.hasPrefix(prefix) }
            let matching = located.filter { l in
                let rest = l.dropFirst(prefix.count)
                guard let colon = rest.firstIndex(of: ":"), Int(rest[..<colon]) != nil else { return false }
                return rest[colon...].hasPrefix(": error: ") && rest.contains(message)
            }
            #expect(!matching.isEmpty, "no '\(prefix)<col>: error: ...\(message)...' in:\n\(result.stderrText.prefix(2000))",
                    sourceLocation: sourceLocation)
            #expect(result.stderrText.contains(" in the content"), sourceLocation: sourceLocation)
        }
    }

    @Test func theUnbrokenCopyLoads() throws {
        let content = try ContentCopy()
        let result = try Driver.run(["--json", "--content", content.root.path], input: Array("{\"command\":\"ping\"}\n".utf8))
        #expect(result.status == 0)
        #expect(result.lines.count == 1)
        #expect(result.stderrText == "")
    }

    @Test func badYAML() throws {
        let content = try ContentCopy()
        let line = try content.replace("Responses/safety.yaml", "\n  - intent: urgent", with: "\n  - intent: urgent: twice") + 1
        try Self.expectError(content, file: "Responses/safety.yaml", line: line, message: "not valid YAML")
    }

    @Test func badYAMLIndentation() throws {
        let content = try ContentCopy()
        let text = try content.read("Intents/situations.yaml")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let at = try #require(lines.firstIndex { $0.hasPrefix("    description:") })
        lines.insert("  bad: [unclosed", at: at + 1)
        try content.write("Intents/situations.yaml", lines.joined(separator: "\n"))
        try Self.expectError(content, file: "Intents/situations.yaml", line: at + 2, message: "not valid YAML")
    }

    @Test func unknownSlotInATemplate() throws {
        let content = try ContentCopy()
        // The first slot tag of the file, whatever the answer around it says.
        let line = try content.replace("Responses/situations.yaml", "{{body_part}}", with: "{{no_such_slot}}")
        try Self.expectError(content, file: "Responses/situations.yaml", line: line, message: "unknown slot 'no_such_slot'")
    }

    @Test func quoteNotInItsDocument() throws {
        let content = try ContentCopy()
        let line = try content.replace(
            "Responses/situations.yaml",
            "quote: people who experience severe psychological stress",
            with: "quote: twitching is always caused by the moon and people who experience severe psychological stress")
        try Self.expectError(content, file: "Responses/situations.yaml", line: line, message: "quote not found in document '003'")
    }

    @Test func responseForAnUnknownIntent() throws {
        let content = try ContentCopy()
        let line = try content.replace("Responses/situations.yaml", "- intent: situation.sleep", with: "- intent: situation.slep")
        try Self.expectError(content, file: "Responses/situations.yaml", line: line,
                             message: "response for unknown intent 'situation.slep'")
    }

    @Test func missingContentFolder() throws {
        let result = try Driver.run(["--json", "--content", "/nonexistent/twitchwise-content"], input: [])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.hasPrefix("/nonexistent/twitchwise-content:1:1: error: "))
    }
}
