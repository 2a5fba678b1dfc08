import Foundation
import Testing
import TwitchwiseTestSupport

/// The built `twitchwise` binary: the subcommands are wired and exit as documented.
/// Skipped when the binary has not been built (`swift build`).
@Suite struct BinaryTests {
    static let binary: String? = {
        for configuration in ["debug", "release"] {
            let path = Package.root + "/.build/\(configuration)/twitchwise"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }()

    func run(_ arguments: [String], in directory: String = Package.root) throws -> (Int32, String, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.binary))
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    @Test(.enabled(if: binary != nil)) func testRunsTheProjectConversations() throws {
        let (status, stdout, _) = try run(["test", "--content", "."])
        // Whether they pass is ConversationFilesTests' business; here: found, run, summed up.
        #expect(status == 0 || status == 1, "\(stdout)")
        #expect(stdout.contains(" conversations in \(Package.conversationFiles.count) files: "))
        #expect(stdout.contains("✓ "))
    }

    @Test(.enabled(if: binary != nil)) func failingConversationExitsOne() throws {
        let folder = try TemporaryFolder()
        try folder.write("x.yaml", "conversations:\n  - name: wrong\n    turns:\n      - user: hi\n        intent: thanks\n")
        let (status, stdout, _) = try run(["test", "--content", Package.root, "x.yaml"], in: folder.path)
        #expect(status == 1)
        #expect(stdout.contains("x.yaml:5:9: error: turn 1 (\"hi\"): intent: expected thanks, got greet"))
    }

    @Test(.enabled(if: binary != nil)) func checkAndEvalRun() throws {
        let (checkStatus, checkOut, _) = try run(["check", "--content", "."])
        #expect(checkStatus == 0, "\(checkOut)")
        #expect(checkOut.contains(" errors, ") || checkOut.contains(" error, "))
        let folder = try TemporaryFolder()
        let set = try folder.write("s.jsonl", #"{"id": "a", "cat": "plain", "turns": [{"text": "can coffee cause twitching?", "kind": "answer", "intent": ["cause.caffeine"]}]}"# + "\n")
        let (evalStatus, evalOut, _) = try run(["eval", "--json", set])
        #expect(evalStatus == 0)
        #expect(evalOut.hasPrefix("{\"turns\":1,\"passed\":1"))
    }
}
