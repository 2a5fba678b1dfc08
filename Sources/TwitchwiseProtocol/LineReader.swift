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
        /// Every byte of the line, the skipped rest of a long one too, is a space, tab or CR:
        /// a blank line, of any length, gets no reply (issue 22).
        public var blank: Bool
    }

    /// Why `next()` returned nil.
    public enum End: Equatable, Sendable {
        case input
        /// SIGINT or SIGTERM: a line that had not ended is dropped, not answered.
        case interrupted
        /// Reading failed with this errno (EIO, EISDIR ...): an error, not the end of input.
        case failed(Int32)
    }

    let fd: Int32
    let limit: Int
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false
    private var chunk = [UInt8](repeating: 0, count: 65_536)
    public private(set) var end: End?

    public init(fd: Int32, limit: Int) {
        self.fd = fd
        self.limit = limit
    }

    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }

    /// The next line without its `\n` (and `\r`), or nil at the end (see `end` for which).
    public mutating func next() -> Line? {
        if end != nil { return nil }
        var truncated = false
        var kept: [UInt8] = []
        var skippedBlank = true  // the bytes dropped past the limit so far were all blank
        var scanned = 0          // bytes after `start` known to hold no newline
        while true {
            if let nl = buffer[(start + scanned)...].firstIndex(of: 0x0A) {
                var line = kept + buffer[start..<nl]
                start = nl + 1
                let blank = skippedBlank && line.allSatisfy(Self.isBlank)
                if line.count > limit { truncated = true; line.removeSubrange(limit...) }
                if !truncated, line.last == 0x0D { line.removeLast() }
                compact()
                return Line(bytes: line, truncated: truncated, blank: blank)
            }
            scanned = buffer.count - start
            // No newline yet: keep at most `limit + 1` bytes of this line.
            let pending = buffer.count - start
            if kept.count + pending > limit {
                let room = max(0, limit + 1 - kept.count)
                let taken = min(room, pending)
                kept += buffer[start..<(start + taken)]
                if skippedBlank { skippedBlank = buffer[(start + taken)...].allSatisfy(Self.isBlank) }
                truncated = true
                start = buffer.count
                scanned = 0
            }
            compact()
            if eof {
                let rest = kept + buffer[start...]
                buffer.removeAll()
                start = 0
                if rest.isEmpty && !truncated { end = .input; return nil }
                var line = Array(rest)
                let blank = skippedBlank && line.allSatisfy(Self.isBlank)
                if line.count > limit { line.removeSubrange(limit...); truncated = true }
                if !truncated, line.last == 0x0D { line.removeLast() }
                end = .input
                return Line(bytes: line, truncated: truncated, blank: blank)
            }
            // Interruption is looked at before every read, and a read it interrupts returns EINTR.
            if Interruption.happened { end = .interrupted; return nil }
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                buffer += chunk[0..<n]
            } else if n == 0 {
                eof = true
            } else if errno == EINTR {
                continue
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                // A non-blocking descriptor (the parent's choice): wait until it can be read.
                switch Output.wait(fd, for: Int16(POLLIN)) {
                case .ready: continue
                case .interrupted: end = .interrupted; return nil
                case .failed(let code): end = .failed(code); return nil
                }
            } else {
                end = .failed(errno)
                return nil
            }
        }
    }

    private mutating func compact() {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }

    /// Says on standard error why reading stopped when it was not the end of input, and gives
    /// the exit status: 0 at the end of input, 130 or 143 for a signal, 74 for a read error.
    public func status(reading what: String = "standard input") -> Int32 {
        switch end {
        case nil, .input?: return 0
        case .interrupted?: return Interruption.status
        case .failed(let code)?:
            Output.error("twitchwise: cannot read \(what): \(String(cString: strerror(code)))")
            return Output.ioErrorStatus
        }
    }
}
