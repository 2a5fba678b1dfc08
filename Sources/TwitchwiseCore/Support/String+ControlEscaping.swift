/// Control characters from input files and messages made visible before they reach a terminal
/// (issue 22): a conversation's name, an id in an evaluation set or a line quoted in a content
/// error can hold ESC, CSI or BEL, which would act on the terminal that shows the output.
/// Every front end that prints text it did not write itself calls this, and nothing else.
extension String {
    /// The text with each C0 control character, DEL and C1 control character written as
    /// `\u{1B}` (hex, at least two digits).
    /// `keepingLines` leaves newlines and tabs (a report's own layout) as they are.
    public func escapingControlCharacters(keepingLines: Bool = false) -> String {
        guard Self.hasControlCharacter(utf8, keepingLines: keepingLines) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count + 16)
        for scalar in unicodeScalars {
            let v = scalar.value
            if Self.isControl(v) && !(keepingLines && (v == 0x0A || v == 0x09)) {
                out += "\\u{" + Self.hex(v) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// C0 controls, DEL and C1 controls (U+0080...U+009F, which some terminals read as CSI and
    /// the like).
    static func isControl(_ v: UInt32) -> Bool { v < 0x20 || (0x7F...0x9F).contains(v) }

    /// Whether the UTF-8 bytes hold a control character: C0 and DEL are single bytes, C1 is
    /// 0xC2 then 0x80...0x9F. Most text has none and is returned as it is.
    static func hasControlCharacter(_ bytes: String.UTF8View, keepingLines: Bool) -> Bool {
        var afterC2 = false
        for byte in bytes {
            if byte < 0x20 && !(keepingLines && (byte == 0x0A || byte == 0x09)) || byte == 0x7F || afterC2 && byte < 0xA0 {
                return true
            }
            afterC2 = byte == 0xC2
        }
        return false
    }

    static func hex(_ v: UInt32) -> String {
        let digits = Array("0123456789ABCDEF")
        var text = ""
        var rest = v
        repeat {
            text.insert(digits[Int(rest & 0xF)], at: text.startIndex)
            rest >>= 4
        } while rest > 0
        return text.count < 2 ? "0" + text : text
    }
}
