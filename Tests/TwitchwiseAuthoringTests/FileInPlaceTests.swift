import Foundation
import Testing
import TwitchwiseTestSupport

/// `test --junit PATH` and `test --record` write where the path leads, and keep what the file is
/// (issue 22, point 11); control characters from the files never reach the terminal (point 12).
/// Both through the built binary.
@Suite struct FileInPlaceTests {
    static let conversation = "conversations:\n  - name: greeting\n    turns:\n      - user: hi\n        intent: greet\n"

    func test(_ arguments: [String]) throws -> Driver.Result {
        try Driver.run(["test", "--content", Package.root] + arguments, input: [])
    }

    func mode(_ path: String) throws -> Int {
        try #require((FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue)
    }

    @Test func junitWritesASymlinksTargetAndKeepsItsMode() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("c.yaml", Self.conversation)
        let target = try folder.write("report.xml", "old")
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: target)
        let link = folder.path + "/link.xml"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let result = try test(["--junit", link, file])
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target, "the symlink was replaced")
        #expect(try folder.read("report.xml").contains("<testsuite"))
        #expect(try mode(target) == 0o640)
    }

    @Test func junitWritesIntoAFIFO() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("c.yaml", Self.conversation)
        let fifo = folder.path + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        let received = Driver.Sink()
        Thread {
            // Opening for reading waits for the writer, as a CI step reading the report would.
            if let handle = FileHandle(forReadingAtPath: fifo) { received.drain(handle) }
        }.start()
        let result = try test(["--junit", fifo, file])
        #expect(result.status == 0, "\(result.stderrText)")
        _ = received.wait(timeout: 10)
        #expect(String(decoding: received.value, as: UTF8.self).contains("<testsuite"))
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the FIFO was replaced")
    }

    @Test func aReadOnlyReportIsRefused() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("c.yaml", Self.conversation)
        let report = try folder.write("report.xml", "keep me")
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: report)
        let result = try test(["--junit", report, file])
        #expect(result.status == 2)
        #expect(result.stderrText.contains("error: cannot write the JUnit report: "))
        #expect(try folder.read("report.xml") == "keep me")
    }

    @Test func recordWritesThroughASymlinkAndKeepsTheMode() throws {
        let folder = try TemporaryFolder()
        let real = try folder.write("real.yaml", "conversations:\n  - name: greeting\n    turns:\n      - user: hi\n        answer: |\n          Not this.\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o604], ofItemAtPath: real)
        let link = folder.path + "/link.yaml"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: real)
        let result = try test(["--record", link])
        #expect(result.status == 0, "\(result.stdoutText) \(result.stderrText)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == real)
        #expect(try !folder.read("real.yaml").contains("Not this."))
        #expect(try mode(real) == 0o604)
    }

    /// An escape sequence in a conversation's name and text, an eval id and a content file: shown
    /// as `\u{1B}`, never sent raw.
    @Test func controlCharactersFromFilesAreEscaped() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("c.yaml", "conversations:\n  - name: \"evil \\e[2J\\a name\"\n    turns:\n      - user: \"hi \\e]0;x\\a\"\n        intent: thanks\n")
        let tested = try test([file])
        #expect(tested.status == 1)
        #expect(tested.stdoutText.contains("evil \\u{1B}[2J\\u{07} name"), "\(tested.stdoutText)")
        for result in [tested] { #expect(!(result.stdout + result.stderr).contains(0x1B)) }

        let set = try folder.write("s.jsonl", #"{"id": "x\u001b[31m", "cat": "plain", "turns": [{"text": "hi \u001b[2J", "kind": "fallback"}]}"# + "\n")
        let evaluated = try Driver.run(["eval", set], input: [])
        #expect(!(evaluated.stdout + evaluated.stderr).contains(0x1B), "\(evaluated.stdoutText)")
        #expect(evaluated.stdoutText.contains("\\u{1B}[31m"), "\(evaluated.stdoutText)")

        try folder.copyContent()
        try folder.write("Intents/zz.yaml", "intents:\n  - id: \"bad\\e[31m\"\n    nonsense: 1\n")
        let checked = try Driver.run(["check", "--content", folder.path], input: [])
        #expect(checked.status != 0)
        #expect(!(checked.stdout + checked.stderr).contains(0x1B), "\(checked.stdoutText) \(checked.stderrText)")
    }
}
