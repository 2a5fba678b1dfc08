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

    public init(path: String, limit: Int = HistoryFile.defaultLimit) {
        self.path = path
        self.limit = max(1, limit)
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

    /// Creates the folder (private to the user) and the file.
    public func prepare() throws(Failure) {
        let folder = Path.parent(path)
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw Failure(description: "cannot create the folder \(folder)")
            }
        }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard fd >= 0 else { throw Failure(description: "cannot open \(path): \(String(cString: strerror(errno)))") }
        close(fd)
    }

    /// The last `limit` entries, oldest first.
    public func load() -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        return Array(lines.suffix(limit))
    }

    /// Adds an entry at the end of the file.
    @discardableResult
    public func append(_ entry: String) -> Bool {
        let line = entry.replacing(scalar: "\n", with: " ").replacing(scalar: "\r", with: " ")
        guard !line.isEmpty else { return true }
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return Output.write(Array((line + "\n").utf8), to: fd)
    }

    /// Cuts the file back to its last `limit` entries (atomically, by renaming a new file over it).
    @discardableResult
    public func trim() -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").filter { !$0.isEmpty }
        guard lines.count > limit else { return true }
        let temporary = path + ".\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { return false }
        let ok = Output.write(Array((lines.suffix(limit).joined(separator: "\n") + "\n").utf8), to: fd)
        close(fd)
        guard ok, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }
}
