/// Writes JSON compactly on one line; strings escape every control character,
/// so terminal escape sequences in user text never reach a terminal raw.
///
/// A value is written either whole (`value(_:)`, a `JSON` tree) or piece by piece, as a
/// reply is (`beginObject()`, `key(_:)`, `string(_:)` ... `endObject()`): no tree is built
/// for it. The writer puts the commas in; the caller keeps the nesting right.
public struct JSONWriter {
    /// The text written so far.
    public private(set) var bytes: [UInt8] = []
    /// The last thing written was a value (or a closed object or array): the next one needs a comma.
    private var afterValue = false

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Starts again on an empty text, keeping the memory.
    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        afterValue = false
    }

    /// Ends the text with a newline, as a JSON line does.
    public mutating func endLine() {
        bytes.append(0x0A)
        afterValue = false
    }

    @inline(__always)
    private mutating func separate() {
        if afterValue { bytes.append(UInt8(ascii: ",")) }
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ bracket: UInt8) {
        separate()
        bytes.append(bracket)
        afterValue = false
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        afterValue = true
    }

    /// An object member's key; its value comes next.
    public mutating func key(_ key: String) {
        separate()
        Self.writeString(key, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        afterValue = false
    }

    public mutating func string(_ value: String) {
        separate()
        Self.writeString(value, into: &bytes)
        afterValue = true
    }

    /// A number, as its JSON text (`7`, `-1.5e3`, `0.623`).
    public mutating func number(_ text: String) {
        separate()
        bytes.append(contentsOf: text.utf8)
        afterValue = true
    }

    public mutating func bool(_ value: Bool) {
        separate()
        bytes.append(contentsOf: value ? "true".utf8 : "false".utf8)
        afterValue = true
    }

    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
        afterValue = true
    }

    /// A string, or null when there is none.
    public mutating func string(orNull value: String?) {
        if let value { string(value) } else { null() }
    }

    /// An array of strings.
    public mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// An array with an object for each item, whose members `members` writes.
    public mutating func objects<Items: Sequence>(_ items: Items, _ members: (inout JSONWriter, Items.Element) -> Void) {
        beginArray()
        for item in items {
            beginObject()
            members(&self, item)
            endObject()
        }
        endArray()
    }

    /// An object member: its key, then its value.
    public mutating func member(_ key: String, _ value: String) {
        self.key(key)
        string(value)
    }

    public mutating func member(_ key: String, _ value: String?) {
        self.key(key)
        string(orNull: value)
    }

    public mutating func member(_ key: String, _ value: Bool) {
        self.key(key)
        bool(value)
    }

    public mutating func member(_ key: String, number text: String) {
        self.key(key)
        number(text)
    }

    /// A whole value.
    public mutating func value(_ value: JSON) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .number(let n): number(n)
        case .string(let s): string(s)
        case .array(let items):
            beginArray()
            for item in items { self.value(item) }
            endArray()
        case .object(let members):
            beginObject()
            for member in members {
                key(member.key)
                self.value(member.value)
            }
            endObject()
        }
    }

    /// Writes `value` at the end of `out`.
    public static func write(_ value: JSON, into out: inout [UInt8]) {
        var writer = JSONWriter()
        swap(&writer.bytes, &out)
        writer.value(value)
        swap(&writer.bytes, &out)
    }

    public static func string(_ value: JSON) -> String {
        var out: [UInt8] = []
        write(value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// Per byte value, whether `writeString` copies it without looking further: printable ASCII
    /// but the quote and the backslash, and every byte of multi-byte characters except the lead
    /// bytes of C1 controls (0xC2) and of the line and paragraph separators (0xE2).
    private static let plain: [Bool] = (0...255).map { (byte: Int) -> Bool in
        switch byte {
        case 0x22, 0x5C, 0x7F, 0xC2, 0xE2: return false
        default: return byte >= 0x20
        }
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        var text = s
        text.withUTF8 { bytes in
            out.reserveCapacity(out.count + bytes.count + 1)
            // Runs of bytes that stand for themselves are copied whole; only the characters that
            // need an escape are looked at one by one (most text has none: a reply's long answer
            // was a quarter of a request's time when every scalar was appended on its own).
            var run = 0, i = 0
            let n = bytes.count
            let plain = Self.plain
            while i < n {
                // Bytes that always stand for themselves, skipped through a table.
                while i < n && plain[Int(bytes[i])] { i += 1 }
                guard i < n else { break }
                let byte = bytes[i]
                var escape: UInt32?  // the scalar to write as \uXXXX, if not one of the short escapes
                var length = 1
                switch byte {
                case 0x80...:
                    // C1 controls (0xC2 0x80...0x9F) and U+2028, U+2029 (0xE2 0x80 0xA8/0xA9) are escaped;
                    // every other non-ASCII character is copied as it is.
                    if byte == 0xC2, i + 1 < n, bytes[i + 1] < 0xA0 {
                        escape = UInt32(bytes[i + 1])
                        length = 2
                    } else if byte == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9 {
                        escape = bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029
                        length = 3
                    } else {
                        i += 1
                        continue
                    }
                default:
                    break
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<i]))
                switch (byte, escape) {
                case (0x22, nil), (0x5C, nil): out.append(0x5C); out.append(byte)
                case (0x0A, nil): out.append(0x5C); out.append(UInt8(ascii: "n"))
                case (0x0D, nil): out.append(0x5C); out.append(UInt8(ascii: "r"))
                case (0x09, nil): out.append(0x5C); out.append(UInt8(ascii: "t"))
                default: appendUnicodeEscape(escape ?? UInt32(byte), into: &out)
                }
                i += length
                run = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<n]))
        }
        out.append(0x22)
    }

    /// `\uXXXX` for a scalar of the Basic Multilingual Plane.
    private static func appendUnicodeEscape(_ v: UInt32, into out: inout [UInt8]) {
        out += [0x5C, UInt8(ascii: "u"), hex[Int(v >> 12) & 15], hex[Int(v >> 8) & 15], hex[Int(v >> 4) & 15], hex[Int(v) & 15]]
    }

    /// `writeString` as the JSON rules say it, one scalar at a time: the reference the tests hold
    /// the byte-level version to.
    static func writeStringByScalars(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        for scalar in s.unicodeScalars {
            let v = scalar.value
            switch v {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20, 0x7F...0x9F, 0x2028, 0x2029: appendUnicodeEscape(v, into: &out)
            default:
                if v < 0x80 { out.append(UInt8(v)) } else { out += Array(String(scalar).utf8) }
            }
        }
        out.append(0x22)
    }
}
