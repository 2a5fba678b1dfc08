#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes whole buffers to a file descriptor, and tells a reader that went away (EPIPE, a quiet
/// end) from a write that failed (`> /dev/full`, EIO: reported, issue 22) and from SIGINT or
/// SIGTERM arriving while the write waited.
public enum Output {
    public enum Result: Equatable, Sendable {
        case written
        /// The reader went away (EPIPE): the conversation is over, nothing to report.
        case closed
        /// The write failed with this errno.
        case failed(Int32)
        /// SIGINT or SIGTERM came while waiting to write (see `Interruption`).
        case interrupted
    }

    /// The exit status when writing the output or reading the input fails (EX_IOERR).
    public static let ioErrorStatus: Int32 = 74

    /// How long a write waits for the reader once SIGINT or SIGTERM has come: the reply in
    /// progress is finished when the reader takes it, but a full pipe does not hold the exit.
    public static let graceMilliseconds: Int32 = 1_000

    /// Writes all bytes. Interruption is checked around every blocking write: after SIGINT or
    /// SIGTERM, each piece (at most PIPE_BUF bytes, which a pipe ready for writing takes without
    /// blocking) waits at most `graceMilliseconds` for room, then the write gives up.
    public static func send(_ bytes: [UInt8], to fd: Int32 = 1) -> Result {
        var offset = 0
        while offset < bytes.count {
            var count = bytes.count - offset
            if Interruption.happened {
                var entry = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                var ready: Int32
                repeat { ready = poll(&entry, 1, graceMilliseconds) } while ready < 0 && errno == EINTR
                if ready <= 0 { return .interrupted }
                count = min(count, Int(PIPE_BUF))
            }
            let n = bytes.withUnsafeBytes { raw in
                #if canImport(Glibc)
                Glibc.write(fd, raw.baseAddress! + offset, count)
                #else
                Darwin.write(fd, raw.baseAddress! + offset, count)
                #endif
            }
            if n > 0 {
                offset += n
            } else if n < 0 && errno == EINTR {
                continue  // the loop sees whether it was SIGINT/SIGTERM
            } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                // A non-blocking descriptor (the parent's choice) that is full: wait until it drains.
                switch wait(fd, for: Int16(POLLOUT)) {
                case .ready: continue
                case .interrupted: continue  // the grace wait above decides
                case .failed(let code): return .failed(code)
                }
            } else if n < 0 && errno == EPIPE {
                return .closed
            } else {
                return .failed(n < 0 ? errno : EIO)
            }
        }
        return .written
    }

    public static func send(_ text: String, to fd: Int32 = 1) -> Result { send(Array(text.utf8), to: fd) }

    /// Writes all bytes; false when the reader has gone or writing failed (see `send` for which).
    @discardableResult
    public static func write(_ bytes: [UInt8], to fd: Int32 = 1) -> Bool { send(bytes, to: fd) == .written }

    @discardableResult
    public static func write(_ text: String, to fd: Int32 = 1) -> Bool { write(Array(text.utf8), to: fd) }

    public enum Wait: Equatable { case ready, interrupted, failed(Int32) }

    /// Waits until `fd` has something to report for `events` (ready, closed or failed: the
    /// next read or write tells which), or SIGINT/SIGTERM came.
    static func wait(_ fd: Int32, for events: Int16) -> Wait {
        var entry = pollfd(fd: fd, events: events, revents: 0)
        while true {
            if Interruption.happened { return .interrupted }
            if poll(&entry, 1, -1) > 0 { return .ready }
            if errno != EINTR { return .failed(errno) }
        }
    }

    /// Diagnostics go to standard error.
    public static func error(_ text: String) { _ = write(Array((text.hasSuffix("\n") ? text : text + "\n").utf8), to: 2) }

    /// Says on standard error why writing `what` failed, and gives the exit status for it: 0 when
    /// the reader went away (that is how a pipeline ends), 130 or 143 for a signal, 74 otherwise.
    public static func status(after result: Result, writing what: String = "standard output") -> Int32 {
        switch result {
        case .written, .closed: return 0
        case .interrupted: return Interruption.status
        case .failed(let code):
            error("twitchwise: cannot write to \(what): \(String(cString: strerror(code)))")
            return ioErrorStatus
        }
    }
}
