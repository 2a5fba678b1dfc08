/// The limits of a content folder read from disk (`--content DIR`, `check`): past them the
/// loader reports a located error instead of reading on, so a wrong folder or a runaway file
/// costs bounded time and memory (docs/limits.md).
public enum ContentLimits {
    /// Content files (`.yaml`, `.txt`) in each of Intents/, Responses/, Documents/.
    public static let filesPerFolder = 1_000
    /// Bytes of one content file (100,000 generated intents take 11 MiB).
    public static let bytesPerFile = 32 << 20
    /// Lines of one content file.
    public static let linesPerFile = 1_000_000
}
