/// A compact serialized form of validated `Content`, made at build time so that
/// start-up decodes it instead of parsing YAML and validating (issue 8).
///
/// The `EmbedContent` build plugin loads the package's content with
/// `ContentLoader.load` (content errors fail the build) and compiles
/// `encode(_:warnings:)`'s text into the binary as a string literal;
/// `ContentSource.embedded` decodes it. The form is private to one build of the
/// program: the encoder and decoder are compiled together, and the decoder
/// refuses any other format version.
///
/// The text is a sequence of values, each self-delimiting:
/// - an integer is zigzag-coded, then written in base 32 with one byte a digit,
///   most significant first: `0x60 + d` for all digits but the last, `0x40 + d`
///   for the last (so 0...15 and -16...-1 take one byte, all printable ASCII);
/// - a string is its index in the string table (so each distinct string is
///   decoded once, and equal strings share their storage);
/// - a list is its length, then its elements; an optional is 0, or 1 and the value;
///   a list of the matcher's 32-bit numbers is its length, a width `w` (`0x30 + w`),
///   then each number zigzag-coded in `w` base-64 digits (`0x30 + d`);
/// - a `Double` is its bit pattern in eleven base-64 digits (`0x30 + d`, most
///   significant first); a `Set` is a sorted list;
/// - a `SourceLocation` is its file (a string), line and column.
///
/// Layout: `magic`, the format version, the string table (its length, then each
/// string as its UTF-8 length and its bytes), the loader's warnings, the content,
/// the matcher's tables as a section (its length in bytes, then the tables; an
/// empty section when there are none), then `.` as the end mark. The section is
/// read only for an engine (`decodeEngine`) and skipped otherwise.
///
/// The string table can also come from outside (`strings:`): the build writes it
/// as string literals next to the snapshot, which the program uses as they are,
/// so start-up neither copies nor checks some ten thousand strings (issue 8). The
/// table in the snapshot is then only skipped, and must have as many strings.
public enum ContentSnapshot {
    /// The first bytes of every snapshot.
    public static let magic = "twitchwise-content-snapshot:"
    /// Changes whenever the layout changes.
    public static let formatVersion = 12

    /// The snapshot of `content`, with the loader's `warnings` (shown at start-up as today),
    /// and with `engine`'s tables when given (an engine built for this content).
    public static func encode(_ content: Content, warnings: [Diagnostic] = [], engine: Engine? = nil) -> String {
        var body = SnapshotWriter()
        body.write(warnings) { w, x in w.write(x) }
        body.write(content)
        var section = body.continuingTable()
        if let engine { section.write(engine.matcher) }
        body.append(section: section)
        var out = SnapshotWriter()
        out.bytes.append(contentsOf: magic.utf8)
        out.write(formatVersion)
        out.write(body.stringTable) { w, x in w.writeBytes(x) }
        out.bytes.append(contentsOf: body.bytes)
        out.bytes.append(UInt8(ascii: "."))
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// The content and warnings `snapshot` holds, or where and why it is not a snapshot.
    /// - Parameter strings: its string table, when the caller has it already (see above).
    public static func decode(_ snapshot: String, strings: [String]? = nil) throws(DecodingError) -> (Content, [Diagnostic]) {
        let (content, warnings, _) = try decode(snapshot, strings: strings, matcher: false)
        return (content, warnings)
    }

    /// An engine for the content `snapshot` holds, with its warnings: built from the matcher's
    /// tables when the snapshot has them (start-up then analyses nothing), else from the content.
    /// - Parameter strings: its string table, when the caller has it already (see above).
    public static func decodeEngine(_ snapshot: String, strings: [String]? = nil, options: EngineOptions = EngineOptions())
        throws(DecodingError) -> (Engine, [Diagnostic])
    {
        let (content, warnings, matcher) = try decode(snapshot, strings: strings, matcher: true)
        let engine = matcher.map { Engine(content: content, matcher: $0, options: options) } ?? Engine(content: content, options: options)
        return (engine, warnings)
    }

    /// The string table of `snapshot`: what the build writes out as literals for `strings:`.
    public static func strings(of snapshot: String) throws(DecodingError) -> [String] {
        try reading(snapshot) { (bytes) throws(DecodingError) in
            var reader = SnapshotReader(bytes: bytes)
            try reader.header()
            return try reader.list { (r) throws(DecodingError) in try r.stringBytes() }
        }
    }

    /// The content, warnings and, when `wanted` and present, the matcher `snapshot` holds.
    static func decode(_ snapshot: String, strings: [String]?, matcher wanted: Bool) throws(DecodingError) -> (Content, [Diagnostic], Matcher?) {
        try reading(snapshot) { (bytes) throws(DecodingError) in try decode(bytes, strings: strings, matcher: wanted) }
    }

    /// `body` on the snapshot's UTF-8 bytes.
    static func reading<T>(_ snapshot: String, _ body: (UnsafeBufferPointer<UInt8>) throws(DecodingError) -> T) throws(DecodingError) -> T {
        var text = snapshot
        return try text.withUTF8 { bytes in Result { () throws(DecodingError) in try body(bytes) } }.get()
    }

    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, strings: [String]?, matcher wanted: Bool) throws(DecodingError)
        -> (Content, [Diagnostic], Matcher?)
    {
        var reader = SnapshotReader(bytes: bytes)
        try reader.header()
        if let strings {
            let count = try reader.count()
            guard count == strings.count else { throw reader.failure("\(count) strings in the table, \(strings.count) given") }
            for _ in 0..<count { reader.position += try reader.count() }
            reader.stringTable = strings
        } else {
            reader.stringTable = try reader.list { (r) throws(DecodingError) in try r.stringBytes() }
        }
        let warnings = try reader.list { (r) throws(DecodingError) in try r.diagnostic() }
        let content = try reader.content()
        let sectionLength = try reader.count()
        let sectionEnd = reader.position + sectionLength
        var matcher: Matcher?
        if wanted && sectionLength > 0 {
            matcher = try Matcher(content, reading: &reader)
            guard reader.position == sectionEnd else { throw reader.failure("the matcher's tables end at \(sectionEnd)") }
        }
        reader.position = sectionEnd
        try reader.expect(".", what: "the end mark")
        guard reader.position == bytes.count else {
            throw DecodingError(offset: reader.position, message: "bytes after the end mark")
        }
        return (content, warnings, matcher)
    }

    /// Why a text is not a snapshot: a damaged or truncated build product.
    public struct DecodingError: Error, Sendable, Equatable, CustomStringConvertible {
        /// Byte offset in the snapshot where decoding stopped.
        public var offset: Int
        public var message: String

        public var description: String { "content snapshot, byte \(offset): \(message)" }
    }
}
