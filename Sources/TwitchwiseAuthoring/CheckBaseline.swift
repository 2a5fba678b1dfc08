import FoundationEssentials
import TwitchwiseCore

/// The warnings `twitchwise check` already knows about: a text file, one warning a line as
/// `file: message` (no line or column, so editing a file above a warning keeps it known),
/// blank lines and `#` comments skipped. With a baseline, a warning in it is counted, not
/// printed, and only a new warning fails the check. `twitchwise check --print-baseline`
/// writes the file for the warnings of now.
public struct CheckBaseline: Sendable {
    public var known: Set<String>

    public init(known: Set<String>) { self.known = known }

    /// A warning as the baseline names it.
    public static func key(_ diagnostic: Diagnostic) -> String {
        "\(diagnostic.location.file): \(diagnostic.message)"
    }

    /// The baseline for `warnings`, sorted, with a header.
    public static func text(for warnings: [Diagnostic]) -> String {
        let keys = Set(warnings.map(key)).sorted()
        return "# Warnings of `twitchwise check` that are known (file: message), one a line.\n"
            + "# Written by `twitchwise check --print-baseline`; a warning not listed here fails the check.\n"
            + keys.map { $0 + "\n" }.joined()
    }

    /// Reads a baseline file.
    public static func read(_ path: String) -> (CheckBaseline?, String?) {
        guard let data = FileManager.default.contents(atPath: path) else {
            return (nil, "\(path): error: cannot read the warnings baseline")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return (nil, "\(path): error: the warnings baseline is not UTF-8 text")
        }
        var known: Set<String> = []
        for line in text.unicodeScalars.split(separator: "\n") {
            let entry = String(line.last == "\r" ? line.dropLast() : line[...]).trimming(.whitespaces)
            if entry.isEmpty || entry.hasPrefix("#") { continue }
            known.insert(entry)
        }
        return (CheckBaseline(known: known), nil)
    }
}
