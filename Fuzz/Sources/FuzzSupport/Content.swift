import Foundation
import TwitchwiseCore
import TwitchwiseLoader

/// The project's content folders, read from disk (paths relative to the project root).
public enum FuzzContent {
    /// The project root: this file is Fuzz/Sources/FuzzSupport/Content.swift.
    public static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static func files() -> [ContentFile] {
        var files: [ContentFile] = []
        for folder in ["Intents", "Responses", "Documents"] {
            let dir = root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".txt") {
                let text = try! String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
                files.append(ContentFile(path: "\(folder)/\(name)", text: text))
            }
        }
        precondition(!files.isEmpty, "no content under \(root.path)")
        return files
    }

    public static func engine() -> Engine {
        let (content, _) = try! ContentLoader.load(files())
        return Engine(content: content)
    }
}

/// A failed invariant: message on stderr, then abort, which libFuzzer reports as a crash.
public func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        FileHandle.standardError.write(Data("FUZZ CHECK FAILED: \(message())\n".utf8))
        abort()
    }
}
