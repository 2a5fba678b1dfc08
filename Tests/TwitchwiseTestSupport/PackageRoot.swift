import Foundation
import TwitchwiseCore
import TwitchwiseContentLoading

/// Paths and shared values for the tests: the package root, its conversations and content.
public enum Package {
    /// The package's top folder.
    public static let root: String = Driver.packageRoot.path

    public static var conversations: String { root + "/Conversations" }

    /// The project's own content, read from the folders (not the embedded copy).
    public static var source: ContentSource { .directory(root) }

    public static let engine: Engine = {
        do {
            let (content, _) = try ContentSource.directory(root).load()
            return Engine(content: content)
        } catch {
            fatalError("the project's content does not load:\n\(error)")
        }
    }()

    /// The conversation files of the project, by name.
    public static let conversationFiles: [String] = {
        ((try? FileManager.default.contentsOfDirectory(atPath: conversations)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
    }()
}
