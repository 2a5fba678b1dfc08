import Foundation
import TwitchwiseCore
import TwitchwiseContentLoading
import TwitchwiseProtocol
import TwitchwiseTerminal
import TwitchwiseAuthoring

/// Paths and shared values for the authoring tests.
enum Package {
    /// The package's top folder (this file is Tests/TwitchwiseAuthoringTests/Support.swift).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static var conversations: String { root + "/Conversations" }

    /// The project's own content, read from the folders (not the embedded copy).
    static var source: ContentSource { .directory(root) }

    static let engine: Engine = {
        do {
            let (content, _) = try ContentSource.directory(root).load()
            return Engine(content: content)
        } catch {
            fatalError("the project's content does not load:\n\(error)")
        }
    }()

    /// The conversation files of the project, by name.
    static let conversationFiles: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: conversations)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
    }()
}

/// A temporary folder, removed when the value goes.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "twitchwise-authoring-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    func read(_ name: String) throws -> String { try String(contentsOfFile: path + "/" + name, encoding: .utf8) }

    /// A copy of the project's content (Intents/, Responses/, Documents/) to break.
    func copyContent() throws {
        for folder in ["Intents", "Responses", "Documents"] {
            try FileManager.default.copyItem(atPath: Package.root + "/" + folder, toPath: path + "/" + folder)
        }
    }

    /// Replaces `old` (which must occur once) in a file; returns the 1-based line where `new` starts.
    @discardableResult
    func edit(_ name: String, replacing old: String, with new: String) throws -> Int {
        let text = try read(name)
        let parts = text.components(separatedBy: old)
        guard parts.count == 2 else { throw FixtureError(message: "'\(old)' occurs \(parts.count - 1) times in \(name)") }
        try write(name, parts[0] + new + parts[1])
        return parts[0].filter { $0 == "\n" }.count + 1
    }
}

struct FixtureError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
