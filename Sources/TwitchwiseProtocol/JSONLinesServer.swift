#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TwitchwiseCore

/// `twitchwise --json`: one response line per non-blank request line, in
/// order, each written before the next request is read.
public enum JSONLinesServer {
    /// Returns the exit status: 0 at end of input or when stdout closes; 130 after SIGINT and
    /// 143 after SIGTERM; 74 when reading stdin or writing stdout fails (said on stderr).
    public static func run(engine: Engine, input: Int32 = 0, output: Int32 = 1) -> Int32 {
        signal(SIGPIPE, SIG_IGN)
        Interruption.install()
        var handler = ProtocolHandler(engine: engine)
        var reader = LineReader(fd: input, limit: ProtocolHandler.maxLineBytes)
        var out = JSONWriter(capacity: 4096)
        // Interruption is looked at between lines, blank ones too, and around every read and write.
        while !Interruption.happened, let line = reader.next() {
            if line.blank { continue }
            out.removeAll()
            handler.respond(to: line.bytes, truncated: line.truncated, into: &out)
            out.endLine()
            let written = Output.send(out.bytes, to: output)
            if written != .written { return Output.status(after: written) }
        }
        return Interruption.happened ? Interruption.status : reader.status()
    }
}
