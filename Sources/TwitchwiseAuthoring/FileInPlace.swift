#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TwitchwiseProtocol

/// Writing a file the person named (`test --junit PATH`, `test --record`) where it is, not by
/// writing a new file and renaming it over the path (issue 22): a symlink's target is written
/// and the symlink stays; a FIFO or a device (`/dev/stdout`) is written to, never replaced; an
/// existing file keeps its mode and owner; a read-only file is refused, even for root.
public enum FileInPlace {
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func write(_ text: String, to path: String) throws(Failure) {
        var info = stat()
        if stat(path, &info) == 0 {
            let kind = info.st_mode & S_IFMT
            if kind == S_IFDIR { throw Failure(description: "it is a folder") }
            if kind == S_IFREG && info.st_mode & 0o222 == 0 {
                throw Failure(description: "the file is read-only (mode \(String(info.st_mode & 0o7777, radix: 8)))")
            }
        } else if errno != ENOENT {
            throw Failure(description: reason(errno))
        }
        // O_TRUNC keeps the inode (so mode, owner and links), and means nothing to a FIFO or device.
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw Failure(description: reason(errno)) }
        let result = Output.send(Array(text.utf8), to: fd)
        let closed = close(fd) == 0 ? 0 : errno
        switch result {
        case .written where closed == 0: return
        case .written: throw Failure(description: reason(closed))
        case .closed: throw Failure(description: "the reader went away")
        case .failed(let code): throw Failure(description: reason(code))
        case .interrupted: throw Failure(description: "interrupted")
        }
    }

    static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
