import Foundation
import Testing
import TwitchwiseTestSupport

/// How `--content DIR` reads a folder (issue 22): line ends, unreadable folders, links out of
/// the folder, deep templates and the limits of docs/limits.md, each through the built binary.
@Suite("Content folders, end to end")
struct ContentFolderTests {
    static let ping = Array("{\"command\":\"ping\"}\n".utf8)

    /// The stderr of a load that must fail with exit 2, nothing on stdout and no crash.
    static func failingLoad(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let result = try Driver.run(arguments, input: ping)
        #expect(result.exited && result.status == 2, "exit status \(result.status)", sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
        return result.stderrText
    }

    /// Every content file saved with Windows line ends answers as the original does: the
    /// known words are read (they keep spelling correction off real words), and the documents'
    /// page furniture is still told apart from their text.
    @Test func crlfContentAnswersAsLF() throws {
        let lf = try ContentCopy(), crlf = try ContentCopy()
        for folder in ["Intents", "Responses", "Documents"] {
            for name in try FileManager.default.contentsOfDirectory(atPath: crlf.root.appendingPathComponent(folder).path) {
                let url = crlf.root.appendingPathComponent("\(folder)/\(name)")
                let bytes = try Data(contentsOf: url).flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
                try Data(bytes).write(to: url)
            }
        }
        let corpus = try Data(contentsOf: Driver.packageRoot.appendingPathComponent("Tests/Replies/corpus.jsonl"))
        let requests = Array(corpus.split(separator: 0x0A).prefix(1_500).map { Array($0) + [0x0A] }.joined())
        let a = try Driver.run(["--json", "--content", lf.root.path], input: requests, timeout: 300)
        let b = try Driver.run(["--json", "--content", crlf.root.path], input: requests, timeout: 300)
        #expect(a.status == 0 && b.status == 0 && b.stderrText.isEmpty, "\(b.stderrText.prefix(500))")
        #expect(a.lines.count == 1_500)
        #expect(a.stdout == b.stdout, "the CRLF copy answers differently")

        // A quote of page furniture (a line marked as such in document 002) is refused in both.
        try Self.expectFurnitureRefused(lf, lineEnd: "\n")
        try Self.expectFurnitureRefused(crlf, lineEnd: "\r\n")
    }

    static func expectFurnitureRefused(_ copy: borrowing ContentCopy, lineEnd: String) throws {
        try copy.replace("Documents/002_8d8c6aec47763523.txt", "[ad_1]", with: "[ad_1]" + lineEnd + "[ad_1] furniture words here")
        try copy.replace("Documents/documents.yaml", "lines: [\"[ad_1]\", \"[ad_2]\"]",
                         with: "lines: [\"[ad_1]\", \"[ad_2]\", \"[ad_1] furniture words here\"]")
        // The line of the quote (counted by bytes: a "\r\n" is one Character).
        let text = try copy.read("Responses/situations.yaml")
        let at = try #require(text.range(of: "doc: \"003\"" + lineEnd + "        quote: people who experience"))
        let line = text[..<at.lowerBound].utf8.filter { $0 == 0x0A }.count + 1
        try copy.replace("Responses/situations.yaml", "doc: \"003\"" + lineEnd + "        quote: people who experience severe psychological stress or high levels of anxiety are more prone to muscle tension",
                                    with: "doc: \"002\"" + lineEnd + "        quote: furniture words here")
        let stderr = try Self.failingLoad(["--json", "--content", copy.root.path])
        #expect(stderr.contains("Responses/situations.yaml:\(line + 1):"), "\(stderr.prefix(1000))")
        #expect(stderr.contains("error: quote is page furniture of document '002'"), "\(stderr.prefix(1000))")
    }

    /// A Responses/ that cannot be listed is one error, not an empty folder (which gave an
    /// error for every intent without a response).
    @Test func anUnreadableResponsesFolderIsAnError() throws {
        let content = try ContentCopy()
        let responses = content.root.appendingPathComponent("Responses")
        try FileManager.default.removeItem(at: responses)
        try "not a folder\n".write(to: responses, atomically: true, encoding: .utf8)  // listing it fails, even as root
        let stderr = try Self.failingLoad(["ask", "--content", content.root.path, "hello"])
        #expect(stderr.contains("\(content.root.path)/Responses:1:1: error: cannot read the folder"), "\(stderr.prefix(1000))")
        #expect(!stderr.contains("has no response"))
    }

    /// A link out of the content folder is refused without being read: its lines never
    /// appear in the messages. A link inside the folder is fine.
    @Test func linksOutOfTheFolderAreRefusedUnread() throws {
        let content = try ContentCopy()
        let outside = try TemporaryFolder()
        let secret = try outside.write("secret.yaml", "intents:\n  - id: SECRET-LINE-OUTSIDE: [\n")
        try FileManager.default.createSymbolicLink(atPath: content.root.appendingPathComponent("Intents/outside.yaml").path,
                                                   withDestinationPath: secret)
        var stderr = try Self.failingLoad(["--json", "--content", content.root.path])
        #expect(stderr.contains("Intents/outside.yaml:1:1: error: the file leads out of the content folder"), "\(stderr.prefix(1000))")
        #expect(!stderr.contains("SECRET"))

        // The same file inside the folder, linked from another name: read like any file.
        try FileManager.default.removeItem(at: content.root.appendingPathComponent("Intents/outside.yaml"))
        try FileManager.default.moveItem(atPath: secret, toPath: content.root.appendingPathComponent("Intents/inside.txt").path)
        try FileManager.default.createSymbolicLink(atPath: content.root.appendingPathComponent("Intents/inside.yaml").path,
                                                   withDestinationPath: "inside.txt")
        stderr = try Self.failingLoad(["--json", "--content", content.root.path])
        #expect(stderr.contains("Intents/inside.yaml:2:28: error: not valid YAML"), "\(stderr.prefix(1000))")

        // A whole folder linked from outside.
        let other = try ContentCopy()
        try FileManager.default.removeItem(at: other.root.appendingPathComponent("Documents"))
        try FileManager.default.createSymbolicLink(atPath: other.root.appendingPathComponent("Documents").path,
                                                   withDestinationPath: content.root.appendingPathComponent("Documents").path)
        stderr = try Self.failingLoad(["--json", "--content", other.root.path])
        #expect(stderr.contains("Documents:1:1: error: the folder leads out of the content folder"), "\(stderr.prefix(1000))")
    }

    /// 40,000 nested sections in one answer crashed `check`, `test` and `--content` (the
    /// template tree's destruction overflowed the stack): now one located error.
    @Test func deeplyNestedTemplateSectionsAreAnError() throws {
        let content = try ContentCopy()
        let depth = 40_000
        let answer = String(repeating: "{{#body_part}}", count: depth) + "x" + String(repeating: "{{/body_part}}", count: depth)
        let line = try content.replace("Responses/situations.yaml", "{{body_part}}", with: answer)
        for arguments in [["--json", "--content", content.root.path], ["check", "--content", content.root.path]] {
            let result = try Driver.run(arguments, input: Self.ping, timeout: 120)
            #expect(result.exited, "killed by a signal: \(arguments)")
            #expect(result.status == (arguments[0] == "check" ? 1 : 2), "\(arguments): \(result.status)")
            let output = result.stderrText + result.stdoutText
            #expect(output.contains("Responses/situations.yaml:\(line):"), "\(output.prefix(500))")
            #expect(output.contains("error: sections nest deeper than 32 levels"), "\(output.prefix(500))")
            #expect(output.components(separatedBy: "nest deeper").count == 2, "one error for the whole answer")
        }
    }

    @Test func tooManyFilesOrLinesAreErrors() throws {
        let content = try ContentCopy()
        for i in 0..<1_001 { try content.write("Documents/extra-\(i).txt", "x\n") }
        var stderr = try Self.failingLoad(["--json", "--content", content.root.path])
        #expect(stderr.contains("Documents:1:1: error: 1007 content files, more than 1000"), "\(stderr.prefix(1000))")

        let other = try ContentCopy()
        try other.write("Documents/long.txt", String(repeating: "\n", count: 1_000_000))
        stderr = try Self.failingLoad(["--json", "--content", other.root.path])
        #expect(stderr.contains("Documents/long.txt:1:1: error: the file has 1000001 lines, more than 1000000"), "\(stderr.prefix(1000))")
    }
}
