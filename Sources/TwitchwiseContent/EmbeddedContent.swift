import Foundation

/// The project's own content, compiled into the binary.
public enum EmbeddedContent {
    /// One content file: its path relative to the content root, and its text.
    public struct File: Sendable, Equatable {
        public let path: String
        public let text: String
    }

    /// Every embedded file, decoded once.
    public static let files: [File] = encodedFiles.compactMap { entry in
        guard let data = Data(base64Encoded: entry.base64) else { return nil }
        return File(path: entry.path, text: String(decoding: data, as: UTF8.self))
    }
}
