import TwitchwiseCore

/// printf-style columns for the reports, without Foundation's `String(format:)`
/// (issue 8: the binary links no swift-corelibs-foundation).
public enum TextFormat {
    /// `text` with spaces after it up to `width` characters (`%-Ns`); longer text is kept whole.
    public static func left(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// `text` with spaces before it up to `width` characters (`%Ns`); longer text is kept whole.
    public static func right(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    /// `%.Nf`.
    public static func fixed(_ value: Double, _ decimals: Int) -> String { DecimalText.fixed(value, decimals: decimals) }

    /// `%0NX`: upper-case hexadecimal, with zeros before it up to `digits`.
    public static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return text.count >= digits ? text : String(repeating: "0", count: digits - text.count) + text
    }
}
