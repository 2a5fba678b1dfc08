import FoundationEssentials
import TwitchwiseContent
import TwitchwiseCore
import TwitchwiseLoader

/// Where content comes from: the copy compiled into the binary, or a folder.
public enum ContentSource: Sendable, Equatable {
    case embedded
    case directory(String)

    /// The files of the content, paths relative to its root.
    public func files() throws -> [ContentFile] {
        switch self {
        case .embedded:
            return EmbeddedContent.files.map { ContentFile(path: $0.path, text: $0.text) }
        case .directory(let root):
            return try ContentFolder(root: root).files()
        }
    }

    /// How a content path is shown to the user (relative to where they are).
    public func display(_ path: String) -> String {
        switch self {
        case .embedded: return path
        case .directory(let root):
            let trimmed = root.hasSuffix("/") ? String(root.dropLast()) : root
            return trimmed == "." ? path : "\(trimmed)/\(path)"
        }
    }

    /// Loads and validates the content; on errors, the diagnostics with paths as the user sees them.
    /// The embedded content was loaded and validated at build time: it is decoded from its
    /// snapshot (issue 8), and only loaded from its files again if the snapshot is damaged.
    public func load() throws(ContentErrors) -> (Content, [Diagnostic]) {
        if case .embedded = self, let loaded = try? ContentSnapshot.decode(EmbeddedContent.snapshot, strings: EmbeddedContent.strings) {
            return loaded
        }
        return try loadFiles()
    }

    /// An engine for the content, with the content's warnings. The embedded content's snapshot
    /// holds the matcher's tables too, built at build time: start-up only reads them.
    public func engine(options: EngineOptions) throws(ContentErrors) -> (Engine, [Diagnostic]) {
        if case .embedded = self, let loaded = try? ContentSnapshot.decodeEngine(EmbeddedContent.snapshot, strings: EmbeddedContent.strings, options: options) {
            return loaded
        }
        let (content, warnings) = try loadFiles()
        return (Engine(content: content, options: options), warnings)
    }

    /// Loads and validates the content from its files with the full loader, even when embedded.
    public func loadFiles() throws(ContentErrors) -> (Content, [Diagnostic]) {
        let files: [ContentFile]
        do { files = try self.files() } catch let e as ContentErrors { throw relocate(e) } catch {
            throw ContentErrors([Diagnostic(.error, "\(error)", at: SourceLocation(file: display("")))])
        }
        do {
            let (content, warnings) = try ContentLoader.load(files)
            return (content, warnings.map(relocate))
        } catch {
            throw relocate(error)
        }
    }

    public func relocate(_ errors: ContentErrors) -> ContentErrors { ContentErrors(errors.diagnostics.map(relocate)) }

    public func relocate(_ d: Diagnostic) -> Diagnostic {
        var d = d
        if case .directory = self, !d.location.file.hasPrefix("/") { d.location.file = display(d.location.file) }
        return d
    }
}
