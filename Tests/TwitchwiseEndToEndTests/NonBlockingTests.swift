import Foundation
import Testing
import TwitchwiseTestSupport

/// A parent may hand over non-blocking pipes (O_NONBLOCK is shared by every
/// process holding the pipe): reads and writes then fail with EAGAIN, which
/// must mean "wait", not "end".
@Suite("Non-blocking pipes")
struct NonBlockingTests {
    @Test func nonBlockingStdinWaitsForInput() throws {
        let process = try Interactive(["--json"], nonBlocking: true)
        for k in 0..<3 {
            Thread.sleep(forTimeInterval: 0.3)  // the process is waiting on an empty, non-blocking stdin
            try process.send(#"{"id":\#(k),"command":"ping"}"#)
            #expect(process.readLine()?.hasPrefix(#"{"id":\#(k),"#) == true)
        }
        try process.closeInput()
        #expect(process.wait()?.status == 0)
        #expect(process.stderrText() == "")
    }

    @Test func nonBlockingStdoutWaitsForTheReader() throws {
        let process = try Interactive(["--json"], nonBlocking: true, startReading: false)
        let count = 2_000  // far more than a pipe holds
        Thread {
            try? process.send(Array((0..<count).map { #"{"id":\#($0),"text":"why does my neck twitch?"}"# + "\n" }.joined().utf8))
            try? process.closeInput()
        }.start()
        Thread.sleep(forTimeInterval: 1)  // the pipe fills up; writes get EAGAIN
        process.startReading()
        var last = -1
        while let line = process.readLine(timeout: 60) {
            guard line.hasPrefix(#"{"id":\#(last + 1),"#) else { Issue.record("reply \(last + 1) is \(line.prefix(80))"); break }
            last += 1
        }
        #expect(last == count - 1)
        #expect(process.wait()?.status == 0)
        #expect(process.stderrText() == "")
    }
}
