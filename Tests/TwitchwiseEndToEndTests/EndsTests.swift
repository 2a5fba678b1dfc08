import Foundation
import Testing
import TwitchwiseTestSupport

/// How the process ends: end of input, signals, a reader that went away.
@Suite("Ends")
struct EndsTests {
    /// Each reply is written before the next request is read.
    @Test func repliesAreFlushedPerLine() throws {
        let process = try Interactive(["--json"])
        for k in 0..<3 {
            try process.send(#"{"id":\#(k),"text":"why does my neck twitch?"}"#)
            let line = try #require(process.readLine(timeout: 30))
            #expect(line.hasPrefix(#"{"id":\#(k),"#))
        }
        try process.send(Array(#"{"id":"tail","command":"ping"}"#.utf8))  // no newline yet
        try process.closeInput()
        #expect(process.readLine()?.hasPrefix(#"{"id":"tail","#) == true)
        let end = try #require(process.wait())
        #expect(end.exited && end.status == 0)
        #expect(process.stderrText() == "")
    }

    /// SIGINT (and SIGTERM) while waiting on stdin: a prompt, clean exit with status 130 (143).
    @Test(arguments: [SIGINT, SIGTERM])
    func signalWhileWaitingEndsCleanly(_ signal: Int32) throws {
        let process = try Interactive(["--json"])
        try process.send(#"{"id":1,"command":"ping"}"#)
        #expect(process.readLine()?.hasPrefix(#"{"id":1,"#) == true)
        kill(process.pid, signal)
        let end = try #require(process.wait(timeout: 5), "still running 5 s after the signal")
        #expect(end.exited, "killed by the signal instead of exiting")
        #expect(end.status == 128 + signal)
        #expect(process.readLine(timeout: 5) == nil)
        #expect(process.stderrText() == "")
    }

    /// SIGINT in the middle of a stream of requests: the reply in progress is finished, then exit 130.
    @Test func signalWhileBusyEndsCleanly() throws {
        let process = try Interactive(["--json"])
        let lines = (0..<20_000).map { #"{"id":\#($0),"text":"why does my neck twitch?"}"# + "\n" }.joined()
        Thread { try? process.send(Array(lines.utf8)) }.start()
        #expect(process.readLine()?.hasPrefix(#"{"id":0,"#) == true)
        kill(process.pid, SIGINT)
        let end = try #require(process.wait(timeout: 5))
        #expect(end.exited && end.status == 130)
        var last = -1
        while let line = process.readLine(timeout: 5) {
            let reply = try Driver.parse(line)
            guard case .number(let n)? = reply["id"], let k = Int(n) else { Issue.record("bad reply \(line)"); break }
            last = k
        }
        #expect(last < 20_000)
        #expect(process.stderrText() == "")
    }

    /// SIGPIPE: the reader closes while replies are being written.
    @Test func closedStdoutInPlainModeEndsQuietly() throws {
        let lines = (0..<2_000).map { _ in "why does my neck twitch?\n" }.joined()
        let result = try Driver.run([], input: Array(lines.utf8), closeStdout: true)
        #expect(result.exited, "killed by a signal")
        #expect(result.status == 0)
        #expect(result.stderrText == "")
    }
}
