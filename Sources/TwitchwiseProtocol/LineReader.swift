#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines of bytes from a file descriptor with bounded memory: a line
/// longer than `limit` is cut, its rest skipped, and it is marked truncated.
public struct LineReader {
    public struct Line {
        public var bytes: [UInt8]
        public var truncated: Bool
    }

    let fd: Int32
    let limit: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false
    private var chunk = [UInt8](repeating: 0, count: 65_536)

    public init(fd: Int32, limit: Int) {
        self.fd = fd
        self.limit = limit
    }

    /// The next line without its `\n` (and `\r`), or nil at end of input.
    public mutating func next() -> Line? {
        var truncated = false
        var kept: [UInt8] = []
        while true {
            if let nl = buffer[start...].firstIndex(of: 0x0A) {
                var line = kept + buffer[start..<nl]
                start = nl + 1
                if line.count > limit { truncated = true; line.removeSubrange(limit...) }
                if !truncated, line.last == 0x0D { line.removeLast() }
                compact()
                return Line(bytes: line, truncated: truncated)
            }
            // No newline yet: keep at most `limit + 1` bytes of this line.
            let pending = buffer.count - start
            if kept.count + pending > limit {
                let room = max(0, limit + 1 - kept.count)
                kept += buffer[start..<(start + min(room, pending))]
                truncated = true
                start = buffer.count
            }
            compact()
            if eof {
                let rest = kept + buffer[start...]
                buffer.removeAll()
                start = 0
                if rest.isEmpty && !truncated { return nil }
                var line = Array(rest)
                if line.count > limit { line.removeSubrange(limit...); truncated = true }
                if !truncated, line.last == 0x0D { line.removeLast() }
                return Line(bytes: line, truncated: truncated)
            }
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                buffer += chunk[0..<n]
            } else if n == 0 {
                eof = true
            } else if errno == EINTR {
                if LineReader.interrupted { eof = true }
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                // A non-blocking descriptor (the parent's choice): wait until it can be read.
                if !Output.wait(fd, for: Int16(POLLIN)) { eof = true }
            } else {
                eof = true
            }
        }
    }

    private mutating func compact() {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }

    /// Set from a signal handler: stop reading.
    nonisolated(unsafe) public static var interrupted = false
}

/// Writes whole buffers to a file descriptor; reports a closed reader.
public enum Output {
    /// Writes all bytes; false when the reader has gone (EPIPE) or writing failed.
    @discardableResult
    public static func write(_ bytes: [UInt8], to fd: Int32 = 1) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                #if canImport(Glibc)
                Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                #else
                Darwin.write(fd, raw.baseAddress! + offset, raw.count - offset)
                #endif
            }
            if n > 0 {
                offset += n
            } else if n < 0 && errno == EINTR {
                continue
            } else if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                if !wait(fd, for: Int16(POLLOUT)) { return false }  // a non-blocking descriptor that is full
            } else {
                return false
            }
        }
        return true
    }

    /// Waits until `fd` has something to report for `events` (ready, closed or failed: the
    /// next read or write tells which); false when polling fails or SIGINT/SIGTERM came.
    static func wait(_ fd: Int32, for events: Int16) -> Bool {
        var entry = pollfd(fd: fd, events: events, revents: 0)
        while true {
            if poll(&entry, 1, -1) > 0 { return true }
            if errno == EINTR && !LineReader.interrupted { continue }
            return false
        }
    }

    public static func write(_ text: String, to fd: Int32 = 1) -> Bool { write(Array(text.utf8), to: fd) }

    /// Diagnostics go to standard error.
    public static func error(_ text: String) { _ = write(Array((text.hasSuffix("\n") ? text : text + "\n").utf8), to: 2) }
}
