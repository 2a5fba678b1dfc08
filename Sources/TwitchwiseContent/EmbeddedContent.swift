/// The project's own content, compiled into the binary.
public enum EmbeddedContent {
    /// One content file: its path relative to the content root, and its text.
    public struct File: Sendable, Equatable {
        public let path: String
        public let text: String
    }

    /// Every embedded file. The texts are string literals (see twitchwise-embed):
    /// nothing is decoded at start-up.
    public static var files: [File] { embeddedFiles }

    /// The same content loaded and validated at build time, as a `ContentSnapshot`
    /// (see twitchwise-embed): start-up decodes it instead of parsing the files.
    public static var snapshot: String { embeddedSnapshot }

    /// The snapshot's string table, as string literals: decoding with them
    /// (`ContentSnapshot.decodeEngine(_:strings:options:)`) copies no string.
    public static var strings: [String] { embeddedStrings }
}
