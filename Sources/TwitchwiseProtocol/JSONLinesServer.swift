#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TwitchwiseCore

/// `twitchwise --json`: one response line per non-blank request line, in
/// order, each written before the next request is read.
public enum JSONLinesServer {
    /// Returns the exit status: 0 at end of input or when stdout closes.
    public static func run(engine: Engine, input: Int32 = 0, output: Int32 = 1) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        installInterruptHandler()
        var handler = ProtocolHandler(engine: engine)
        var reader = LineReader(fd: input, limit: ProtocolHandler.maxLineBytes)
        var out = JSONWriter(capacity: 4096)
        while let line = reader.next() {
            if !line.truncated && line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            out.removeAll()
            handler.respond(to: line.bytes, truncated: line.truncated, into: &out)
            out.endLine()
            if !Output.write(out.bytes, to: output) { return 0 }
            if LineReader.interrupted { break }
        }
        return LineReader.interrupted ? 130 : 0
    }

    /// SIGINT/SIGTERM end the loop after the reply in progress, not in the middle of one.
    static func installInterruptHandler() {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = { _ in LineReader.interrupted = true }
        #else
        action.__sigaction_u.__sa_handler = { _ in LineReader.interrupted = true }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // no SA_RESTART: a blocked read returns EINTR
        sigaction(SIGINT, &action, nil)
        sigaction(SIGTERM, &action, nil)
        // A parent may start us with these blocked (a libdispatch worker thread's
        // mask is inherited through posix_spawn): unblock them, or they never arrive.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        sigaddset(&set, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &set, nil)
    }
}
