import Foundation

/// A temporary folder, removed when the value goes.
public final class TemporaryFolder {
    public let path: String

    public init() throws {
        path = NSTemporaryDirectory() + "twitchwise-authoring-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    public func read(_ name: String) throws -> String { try String(contentsOfFile: path + "/" + name, encoding: .utf8) }

    /// A copy of the project's content (Intents/, Responses/, Documents/) to break.
    public func copyContent() throws {
        for folder in ["Intents", "Responses", "Documents"] {
            try FileManager.default.copyItem(atPath: Package.root + "/" + folder, toPath: path + "/" + folder)
        }
    }

    /// Replaces `old` (which must occur once) in a file; returns the 1-based line where `new` starts.
    @discardableResult
    public func edit(_ name: String, replacing old: String, with new: String) throws -> Int {
        let text = try read(name)
        let parts = text.components(separatedBy: old)
        guard parts.count == 2 else { throw FixtureError(message: "'\(old)' occurs \(parts.count - 1) times in \(name)") }
        try write(name, parts[0] + new + parts[1])
        return parts[0].filter { $0 == "\n" }.count + 1
    }
}

public struct FixtureError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
