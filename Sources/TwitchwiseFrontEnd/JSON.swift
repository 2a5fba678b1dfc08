/// A JSON value that keeps numbers as written, so an `id` is echoed unchanged,
/// and objects in their order.
/// Not `indirect`: arrays already hold nested values out of line, so a value is never boxed.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's own text, e.g. `7`, `-1.5e3`.
    case number(String)
    case string(String)
    case array([JSON])
    case object([Member])

    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSON
        public init(_ key: String, _ value: JSON) {
            self.key = key
            self.value = value
        }
    }

    public subscript(key: String) -> JSON? {
        guard case .object(let members) = self else { return nil }
        return members.last { $0.key == key }?.value
    }

    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// Why a line is not JSON, and where (1-based column, in bytes).
public struct JSONSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var column: Int
    public var description: String { "\(message) at column \(column)" }
}

/// A strict JSON parser over UTF-8 bytes (RFC 8259), with a depth limit.
public struct JSONParser {
    public static let maxDepth = 64
    private let bytes: [UInt8]
    private var i = 0
    private var depth = 0

    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSON {
        var parser = JSONParser(bytes: bytes)
        parser.skipSpace()
        let value = try parser.value()
        parser.skipSpace()
        if parser.i < bytes.count { throw parser.fail("unexpected text after the JSON value") }
        return value
    }

    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSON { try parse(Array(text.utf8)) }

    /// The members of an object read so far from a line that was cut short
    /// (to find an `id` in a line that is too long).
    public static func leadingMembers(_ bytes: [UInt8]) -> [JSON.Member] {
        var parser = JSONParser(bytes: bytes)
        var members: [JSON.Member] = []
        parser.skipSpace()
        guard parser.peek == UInt8(ascii: "{") else { return [] }
        parser.i += 1
        while true {
            parser.skipSpace()
            guard parser.peek == UInt8(ascii: "\""), let key = try? parser.string() else { return members }
            parser.skipSpace()
            guard parser.peek == UInt8(ascii: ":") else { return members }
            parser.i += 1
            parser.skipSpace()
            guard let value = try? parser.value() else { return members }
            parser.skipSpace()
            // A value counts only when the object goes on or ends after it: `01` or
            // a number at the cut may not be what was sent.
            switch parser.peek {
            case UInt8(ascii: ","): parser.i += 1
            case UInt8(ascii: "}"): return members + [JSON.Member(key, value)]
            case nil: if case .number = value { return members } else { return members + [JSON.Member(key, value)] }
            default: return members
            }
            members.append(JSON.Member(key, value))
        }
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    private func fail(_ message: String) -> JSONSyntaxError { JSONSyntaxError(message: message, column: i + 1) }

    private mutating func skipSpace() {
        while let c = peek, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1 }
    }

    private mutating func value() throws(JSONSyntaxError) -> JSON {
        guard let c = peek else { throw fail("expected a JSON value") }
        switch c {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw fail("expected a JSON value")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let n = word.utf8CodeUnitCount
        let w = UnsafeBufferPointer(start: word.utf8Start, count: n)
        guard i + n <= bytes.count, (0..<n).allSatisfy({ bytes[i + $0] == w[$0] }) else { throw fail("expected a JSON value") }
        i += n
    }

    private mutating func nest() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maxDepth { throw fail("nested deeper than \(Self.maxDepth) levels") }
    }

    private mutating func object() throws(JSONSyntaxError) -> JSON {
        try nest()
        defer { depth -= 1 }
        i += 1
        var members: [JSON.Member] = []
        skipSpace()
        if peek == UInt8(ascii: "}") { i += 1; return .object([]) }
        while true {
            skipSpace()
            guard peek == UInt8(ascii: "\"") else { throw fail("expected a string key") }
            let key = try string()
            skipSpace()
            guard peek == UInt8(ascii: ":") else { throw fail("expected ':' after a key") }
            i += 1
            skipSpace()
            members.append(JSON.Member(key, try value()))
            skipSpace()
            switch peek {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "}"): i += 1; return .object(members)
            default: throw fail("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func array() throws(JSONSyntaxError) -> JSON {
        try nest()
        defer { depth -= 1 }
        i += 1
        var items: [JSON] = []
        skipSpace()
        if peek == UInt8(ascii: "]") { i += 1; return .array([]) }
        while true {
            skipSpace()
            items.append(try value())
            skipSpace()
            switch peek {
            case UInt8(ascii: ","): i += 1
            case UInt8(ascii: "]"): i += 1; return .array(items)
            default: throw fail("expected ',' or ']' in an array")
            }
        }
    }

    private mutating func number() throws(JSONSyntaxError) -> JSON {
        let start = i
        if peek == UInt8(ascii: "-") { i += 1 }
        func digits(_ p: inout JSONParser) -> Int {
            var n = 0
            while let c = p.peek, c >= 0x30 && c <= 0x39 { p.i += 1; n += 1 }
            return n
        }
        if peek == UInt8(ascii: "0") { i += 1 } else if digits(&self) == 0 { throw fail("expected a digit") }
        if peek == UInt8(ascii: ".") {
            i += 1
            if digits(&self) == 0 { throw fail("expected a digit after '.'") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            i += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { i += 1 }
            if digits(&self) == 0 { throw fail("expected a digit in the exponent") }
        }
        return .number(String(decoding: bytes[start..<i], as: UTF8.self))
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("expected four hex digits after '\\u'") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw fail("expected four hex digits after '\\u'")
            }
            v = v * 16 + d
            i += 1
        }
        return v
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        i += 1  // opening quote
        var out: [UInt8] = []
        var runStart = i
        while true {
            guard let c = peek else { throw fail("unterminated string") }
            if c == UInt8(ascii: "\"") {
                out += bytes[runStart..<i]
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw fail("control character inside a string") }
            if c != UInt8(ascii: "\\") { i += 1; continue }
            out += bytes[runStart..<i]
            i += 1
            guard let e = peek else { throw fail("unterminated string") }
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate needs a low one; alone it becomes U+FFFD.
                    if i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                        let save = i
                        i += 2
                        let low = try hex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            i = save
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                out += Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
            default:
                throw fail("unknown escape '\\\(Character(Unicode.Scalar(e)))'")
            }
            runStart = i
        }
    }
}

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
