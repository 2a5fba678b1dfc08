#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import FoundationEssentials
import TwitchwiseCore
import TwitchwiseProtocol

/// The REPL's history file: one entry a line, at most `limit` kept. Lines are
/// appended as they are entered (so a killed session loses nothing) and the
/// file is cut back to the last `limit` when the session ends.
public struct HistoryFile: Sendable, Equatable {
    public static let defaultLimit = 1000

    public let path: String
    public let limit: Int
    /// The folder is the history's own (the default `…/twitchwise/`): one open to other users
    /// is made private (0700). Another folder (`--history-file` elsewhere) is left as it is,
    /// with a warning when others could write in it.
    public let ownFolder: Bool

    public init(path: String, limit: Int = HistoryFile.defaultLimit, ownFolder: Bool = false) {
        self.path = path
        self.limit = max(1, limit)
        self.ownFolder = ownFolder
    }

    /// `$XDG_STATE_HOME/twitchwise/history`, or `~/.local/state/twitchwise/history`
    /// (a relative XDG_STATE_HOME is ignored, as the XDG spec says).
    public static func defaultPath(environment: [String: String]) -> String? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/twitchwise/history"
        }
        if let home = environment["HOME"], !home.isEmpty {
            return (home.hasSuffix("/") ? String(home.dropLast()) : home) + "/.local/state/twitchwise/history"
        }
        return nil
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    static func reason() -> String { String(cString: strerror(errno)) }

    static func mode(_ m: mode_t) -> String { String(m & 0o7777, radix: 8) }

    /// Creates the folder (private to the user) and the file (0600), and tightens an existing
    /// folder of its own or file that other users could read (issue 22). Returns warnings for what
    /// it could not make private; throws when there can be no history.
    @discardableResult
    public func prepare() throws(Failure) -> [String] {
        var warnings: [String] = []
        let folder = Path.parent(path)
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw Failure(description: "cannot create the folder \(folder)")
            }
            var info = stat()
            if stat(folder, &info) == 0 && info.st_mode & 0o077 != 0 {
                if ownFolder && info.st_uid == geteuid() {
                    if chmod(folder, 0o700) != 0 {
                        warnings.append("cannot make the history folder \(folder) private (mode \(Self.mode(info.st_mode))): \(Self.reason())")
                    }
                } else if info.st_mode & 0o022 != 0 && info.st_mode & S_ISVTX == 0 {
                    warnings.append("other users can write in the history folder \(folder) (mode \(Self.mode(info.st_mode)))")
                }
            }
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let why = errno == ELOOP ? "it is a symbolic link" : Self.reason()
            throw Failure(description: "cannot open \(path): \(why)")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw Failure(description: "\(path) is not a regular file")
        }
        if info.st_mode & 0o077 != 0 {
            if info.st_uid == geteuid() && fchmod(fd, 0o600) == 0 { return warnings }
            warnings.append("other users can read the history file \(path) (mode \(Self.mode(info.st_mode)))")
        }
        return warnings
    }

    /// The last `limit` entries, oldest first.
    public func load() -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        return Array(lines.suffix(limit))
    }

    /// An entry as it is stored: one line, with control characters (an escape sequence pasted
    /// into the prompt) written visibly, so the file never replays them to a terminal (issue 22).
    static func stored(_ entry: String) -> String {
        entry.replacing(scalar: "\n", with: " ").replacing(scalar: "\r", with: " ").escapingControlCharacters()
    }

    /// Adds an entry at the end of the file.
    @discardableResult
    public func append(_ entry: String) -> Bool {
        let line = Self.stored(entry)
        guard !line.isEmpty else { return true }
        let fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return Output.write(Array((line + "\n").utf8), to: fd)
    }

    /// Cuts the file back to its last `limit` entries, atomically: the entries go to a new file
    /// made with O_EXCL|O_NOFOLLOW beside it (never through a name someone planted there), which
    /// is renamed over the history. Throws, with the reason, when it could not.
    public func trim() throws(Failure) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "cannot read \(path)")
        }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").filter { !$0.isEmpty }
        guard lines.count > limit else { return }
        var temporary = ""
        var fd: Int32 = -1
        for _ in 0..<16 {
            temporary = path + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw Failure(description: "cannot create a file beside \(path): \(Self.reason())") }
        let written = Output.send(Array((lines.suffix(limit).joined(separator: "\n") + "\n").utf8), to: fd)
        let closed = close(fd) == 0
        guard written == .written, closed else {
            unlink(temporary)
            throw Failure(description: "cannot write beside \(path)")
        }
        guard rename(temporary, path) == 0 else {
            let why = Self.reason()
            unlink(temporary)
            throw Failure(description: "cannot replace \(path): \(why)")
        }
    }
}
