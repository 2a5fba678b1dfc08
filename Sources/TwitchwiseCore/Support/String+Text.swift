/// Which characters `trimming(_:)` takes off the ends of a text: the sets of Foundation's
/// `CharacterSet` of the same names, so that the engine and the front ends need no Foundation
/// (issue 8: without it the binary links neither swift-corelibs-foundation nor ICU, and starts
/// in a fraction of the time).
public enum TrimmedCharacters: Sendable {
    /// `.whitespaces`: tab, the space separators (Unicode category Zs) and, as Foundation has it,
    /// U+200B ZERO WIDTH SPACE.
    case whitespaces
    /// `.newlines`: U+000A–U+000D, U+0085, U+2028 and U+2029.
    case newlines
    /// `.whitespacesAndNewlines`: both.
    case whitespacesAndNewlines

    /// Whether `scalar` is in the set.
    public func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch self {
        case .whitespaces: return Self.isBlank(scalar)
        case .newlines: return Self.isNewline(scalar)
        case .whitespacesAndNewlines: return Self.isBlank(scalar) || Self.isNewline(scalar)
        }
    }

    static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII { return scalar == " " || scalar == "\t" }
        return scalar == "\u{200B}" || scalar.properties.generalCategory == .spaceSeparator
    }
}

extension StringProtocol {
    /// The text without `characters` at either end.
    public func trimming(_ characters: TrimmedCharacters) -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !characters.contains($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !characters.contains($0) })!
        // Nothing to take off (the usual case): the text as it is, not rebuilt scalar by scalar.
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return String(self) }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: scalars[first...last])
        return String(kept)
    }

    /// Whether the text is empty or only `characters`.
    public func isOnly(_ characters: TrimmedCharacters) -> Bool {
        unicodeScalars.allSatisfy(characters.contains)
    }
}

extension StringProtocol {
    /// The text with every scalar that is `target` replaced by `replacement`, scalar by scalar.
    /// Unlike the standard library's `replacing(_:with:)`, which compares whole characters, it
    /// replaces a line feed inside a CR LF pair (as Foundation's `replacingOccurrences` did), and
    /// also a scalar that a combining mark follows (which Foundation left alone): a line break
    /// never survives, whatever comes after it.
    public func replacing(scalar target: Unicode.Scalar, with replacement: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            if scalar == target { out.append(contentsOf: replacement.unicodeScalars) } else { out.append(scalar) }
        }
        return String(out)
    }
}
