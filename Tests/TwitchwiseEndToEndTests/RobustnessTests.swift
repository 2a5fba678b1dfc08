import Foundation
import Testing
import TwitchwiseTestSupport

/// Issue 22, the points about the binary: the same limits in every mode, signals that always
/// work, no silent loss, sessions apart by their bytes, blank lines of any length.
@Suite("Robustness")
struct RobustnessTests {
    /// Runs the binary through `/bin/sh` with redirections (`> /dev/full`, `< /`), `input` on stdin
    /// unless the redirection replaces it.
    static func shell(_ redirections: String, _ arguments: [String], input: String = "") throws -> Driver.Result {
        let quoted = ([Driver.binary.path] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        return try Driver.run(["-c", "exec " + quoted.joined(separator: " ") + " " + redirections], input: Array(input.utf8),
                              executable: URL(fileURLWithPath: "/bin/sh"))
    }

    // MARK: 1. The same message length limit in `ask`, plain lines and `--json`

    @Test func askRefusesAQuestionOverTheLimitOfALine() throws {
        let words = Array(repeating: "talk", count: 14_000)  // 69,999 bytes joined
        let result = try Driver.run(["ask"] + words, input: [])
        #expect(result.exited && result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains("the question is too long (69999 bytes, over 65536)"))
        let fits = try Driver.run(["ask"] + Array(repeating: "talk", count: 13_000), input: [])
        #expect(fits.status == 0 && fits.stdoutText.hasPrefix("Sorry, I can't answer that."))
    }

    @Test func plainLinesOverTheLimitAreToldSoAndTheNextIsAnswered() throws {
        let long = String(repeating: "talk ", count: 14_000)
        let result = try Driver.run([], lines: [long, "why does my neck twitch?"])
        #expect(result.status == 0)
        let parts = result.stdoutText.components(separatedBy: "\n\n")
        #expect(parts.first == "That message is too long (over 65536 bytes). Please ask something shorter.")
        #expect(result.stdoutText.contains("neck"))
    }

    // MARK: 3. Signals

    /// SIGTERM while the server skips a stream of blank lines that never ends.
    @Test func sigtermIsNoticedAmongBlankLines() throws {
        let process = try Interactive(["--json"])
        try process.send(#"{"id":1,"command":"ping"}"#)
        #expect(process.readLine()?.hasPrefix(#"{"id":1,"#) == true)
        let blanks = Array(String(repeating: "   \n", count: 16_384).utf8)
        Thread { while (try? process.send(blanks)) != nil {} }.start()
        Thread.sleep(forTimeInterval: 0.5)
        kill(process.pid, SIGTERM)
        let end = try #require(process.wait(timeout: 5), "still running 5 s after SIGTERM")
        #expect(end.exited && end.status == 143)
        #expect(process.stderrText() == "")
    }

    /// SIGTERM while a reply cannot be written (nobody reads stdout): the process ends all the same.
    @Test func sigtermIsNoticedWhileAWriteIsBlocked() throws {
        let process = try Interactive(["--json"], startReading: false)
        let requests = (0..<200).map { #"{"id":\#($0),"command":"intents"}"# + "\n" }.joined()
        Thread { try? process.send(Array(requests.utf8)) }.start()
        Thread.sleep(forTimeInterval: 2)  // the replies fill the pipe (64 KiB) long before
        #expect(process.wait(timeout: 0.1) == nil, "it did not block on the full pipe")
        kill(process.pid, SIGTERM)
        let end = try #require(process.wait(timeout: 5), "still running 5 s after SIGTERM")
        #expect(end.exited && end.status == 143)
    }

    /// A line without its newline when SIGTERM comes is dropped, not answered as `invalid_json`.
    @Test func aHalfSentLineIsDroppedAtSigterm() throws {
        let process = try Interactive(["--json"])
        try process.send(Array(#"{"id":1,"command":"ping"}"#.utf8) + [0x0A] + Array(#"{"id":2,"comm"#.utf8))
        #expect(process.readLine()?.hasPrefix(#"{"id":1,"#) == true)
        Thread.sleep(forTimeInterval: 0.3)
        kill(process.pid, SIGTERM)
        let end = try #require(process.wait(timeout: 5))
        #expect(end.exited && end.status == 143)
        #expect(process.readLine(timeout: 2) == nil, "the half-sent line was answered")
    }

    // MARK: 4. No silent loss

    @Test(arguments: [
        (["--json"], #"{"id":1,"command":"ping"}"# + "\n"),
        ([], "why does my neck twitch?\n"),
        (["ask", "why", "does", "my", "neck", "twitch?"], ""),
        (["check"], ""),
    ])
    func aFailedWriteIsAnErrorInEveryMode(_ arguments: [String], _ input: String) throws {
        let result = try Self.shell("> /dev/full", arguments, input: input)
        #expect(result.exited && result.status == 74, "\(arguments): \(result.status)")
        #expect(result.stderrText.contains("twitchwise: cannot write to standard output: No space left on device"))
    }

    /// The readline REPL too: `script` gives the binary a terminal for its input, and its output
    /// goes to a full device.
    @Test func aFailedWriteIsAnErrorInTheTerminalREPL() throws {
        let script = "/usr/bin/script"
        try #require(FileManager.default.isExecutableFile(atPath: script), "util-linux's script runs the REPL on a terminal")
        let command = "exec '" + Driver.binary.path.replacingOccurrences(of: "'", with: "'\\''") + "' > /dev/full"
        let result = try Driver.run(["-qec", command, "/dev/null"], input: Array("why does my neck twitch?\n:quit\n".utf8),
                                    executable: URL(fileURLWithPath: script))
        #expect(result.exited && result.status == 74, "\(result.status)")
        // (The terminal carries the binary's standard error to script's output.)
        #expect(result.stdoutText.contains("twitchwise: cannot write to standard output: No space left on device"))
    }

    @Test(arguments: [["--json"], []])
    func aFailedReadIsAnErrorNotTheEndOfInput(_ arguments: [String]) throws {
        let result = try Self.shell("< /", arguments)
        #expect(result.exited && result.status == 74)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrText.contains("twitchwise: cannot read standard input: Is a directory"))
    }

    // MARK: 5. Sessions apart by their bytes

    @Test func canonicallyEquivalentSessionNamesAreTwoSessions() throws {
        let pairs = [("caf\u{E9}", "cafe\u{301}"), ("\u{2126}", "\u{3A9}")]
        for (a, b) in pairs {
            let (result, replies) = try Driver.json([
                #"{"id":1,"session":"\#(a)","text":"hi"}"#,
                #"{"id":2,"session":"\#(b)","text":"hi"}"#,
                #"{"id":3,"session":"\#(a)","text":"hi"}"#,
            ])
            #expect(result.status == 0)
            let answers = replies.map { $0["answer"]?.stringValue }
            #expect(answers[0] == answers[1], "'\(b)' shares a conversation with '\(a)'")
            #expect(answers[2] != answers[0], "the second greeting in one session is another")
            #expect(replies[1]["session"]?.stringValue?.utf8.elementsEqual(b.utf8) == true)
        }
    }

    // MARK: 6. Blank lines of any length

    @Test func aWhitespaceOnlyLineOverTheLimitGetsNoReply() throws {
        let blank = String(repeating: " \t", count: 40_000) + "\r"
        let (result, replies) = try Driver.json([blank, #"{"id":2,"command":"ping"}"#])
        #expect(result.status == 0)
        #expect(replies.count == 1)
        #expect(replies.first?["id"]?.numberText == "2")
        let plain = try Driver.run([], lines: [blank, "why does my neck twitch?"])
        #expect(!plain.stdoutText.contains("too long"))
        #expect(plain.stdoutText.contains("neck"))
    }
}
