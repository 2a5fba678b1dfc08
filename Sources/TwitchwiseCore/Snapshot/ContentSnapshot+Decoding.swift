/// Reads the values of a `ContentSnapshot` (the layout is described there).
/// Every read checks its bounds: damaged input is an error, never a crash.
struct SnapshotReader {
    typealias Failure = ContentSnapshot.DecodingError

    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0
    var stringTable: [String] = []

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    func failure(_ message: String) -> Failure { Failure(offset: position, message: message) }

    // MARK: Primitives

    /// The magic and the format version.
    mutating func header() throws(Failure) {
        try expect(ContentSnapshot.magic, what: "the snapshot's first bytes")
        let version = try int()
        guard version == ContentSnapshot.formatVersion else {
            throw Failure(offset: 0, message: "format version \(version), expected \(ContentSnapshot.formatVersion)")
        }
    }

    mutating func expect(_ text: String, what: String) throws(Failure) {
        for byte in text.utf8 {
            guard position < bytes.count, bytes[position] == byte else { throw failure("expected \(what)") }
            position += 1
        }
    }

    /// An integer as `SnapshotWriter.write(_: Int)` writes it: base-32 digits, most significant
    /// first, every digit but the last in 0x60...0x7F and the last in 0x40...0x5F; zigzag for the
    /// sign. Inlined into every reader: start-up reads some hundred thousand of them (issue 8).
    @inline(__always)
    mutating func int() throws(Failure) -> Int {
        var n: UInt64 = 0
        var p = position
        defer { position = p }
        while p < bytes.count {
            let byte = bytes[p]
            p &+= 1
            guard byte & 0xC0 == 0x40, n <= UInt64.max >> 5 else { throw Failure(offset: p, message: "expected a number") }
            n = n << 5 | UInt64(byte & 31)
            if byte < 0x60 { return Int(Int64(bitPattern: n >> 1) ^ -Int64(bitPattern: n & 1)) }
        }
        throw Failure(offset: p, message: "unexpected end")
    }

    /// A length or count: at most what the rest of the snapshot can hold.
    mutating func count() throws(Failure) -> Int {
        let n = try int()
        guard n >= 0, n <= bytes.count - position else { throw failure("count \(n) out of range") }
        return n
    }

    @inline(__always)
    mutating func bool() throws(Failure) -> Bool {
        // 0 and 1 are one digit each, 0x40 and 0x42 (zigzag): read them without the number reader.
        if position < bytes.count, bytes[position] | 2 == 0x42 {
            position += 1
            return bytes[position - 1] == 0x42
        }
        switch try int() {
        case 0: return false
        case 1: return true
        case let n: throw failure("expected 0 or 1, not \(n)")
        }
    }

    /// A `Double` as `SnapshotWriter.write(_: Double)` writes it.
    @inline(__always)
    mutating func double() throws(Failure) -> Double {
        guard bytes.count - position >= 11 else { throw failure("unexpected end") }
        let value = try double(at: position)
        position += 11
        return value
    }

    /// The `Double` whose eleven digits start at `p` (the caller has checked that they are there).
    @inline(__always)
    func double(at p: Int) throws(Failure) -> Double {
        var bits: UInt64 = 0
        for k in p..<(p + 11) {
            let digit = bytes[k] &- 0x30
            guard digit < 64 else { throw Failure(offset: k, message: "expected a number") }
            bits = bits << 6 | UInt64(digit)
        }
        guard bytes[p] < 0x30 + 16 else { throw Failure(offset: p, message: "expected a number") }
        return Double(bitPattern: bits)
    }

    /// A string of the table, by its index.
    mutating func string() throws(Failure) -> String {
        let index = try int()
        guard index >= 0, index < stringTable.count else { throw failure("string \(index) is not in the string table") }
        return stringTable[index]
    }

    /// A string itself: its UTF-8 length, then its bytes (the table's entries).
    mutating func stringBytes() throws(Failure) -> String {
        let length = try count()
        let start = position
        position += length
        let text = UnsafeBufferPointer(rebasing: bytes[start..<position])
        // ASCII is valid UTF-8: only other text needs the (slower) validating initialiser.
        if text.reduce(0, |) < 0x80 { return String(decoding: text, as: UTF8.self) }
        guard let valid = String(validating: text, as: UTF8.self) else {
            throw Failure(offset: start, message: "text that is not UTF-8")
        }
        return valid
    }

    mutating func list<T>(_ element: (inout SnapshotReader) throws(Failure) -> T) throws(Failure) -> [T] {
        let n = try count()
        var values: [T] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try element(&self)) }
        return values
    }

    mutating func optional<T>(_ wrapped: (inout SnapshotReader) throws(Failure) -> T) throws(Failure) -> T? {
        try bool() ? try wrapped(&self) : nil
    }

    /// Strings of the table as `SnapshotWriter.write(_: [String])` writes them: their indices.
    mutating func strings() throws(Failure) -> [String] {
        var values: [String] = []
        let table = stringTable
        try fixedWidthNumbers(in: 0..<table.count, reserve: { values.reserveCapacity($0) }) { values.append(table[$0]) }
        return values
    }

    mutating func stringSet() throws(Failure) -> Set<String> { Set(try strings()) }

    /// `WordLists` as `SnapshotWriter.write(_: WordLists)` writes them.
    mutating func wordLists() throws(Failure) -> WordLists {
        let words = try strings()
        let ends = try int32s(in: 0..<(words.count + 1))
        guard let last = Self.lastIfAscending(ends, from: 0), Int(last) == words.count else {
            throw failure("word lists out of order")
        }
        return WordLists(words: words, ends: ends)
    }

    mutating func stringLists() throws(Failure) -> [[String]] {
        try list { (r) throws(Failure) in try r.strings() }
    }

    mutating func location() throws(Failure) -> SourceLocation {
        SourceLocation(file: try string(), line: try int(), column: try int())
    }

    mutating func diagnostic() throws(Failure) -> Diagnostic {
        let severity: Diagnostic.Severity = try bool() ? .error : .warning
        let location = try location()
        let message = try string()
        return Diagnostic(severity, message, at: location, hint: try optional { (r) throws(Failure) in try r.string() })
    }

    // MARK: The content

    mutating func content() throws(Failure) -> Content {
        let documents = try list { (r) throws(Failure) in
            Document(id: try r.string(), file: try r.string(), title: try r.string(), text: try r.string(),
                     foldedBody: try r.string())
        }
        let lexicon = try lexicon()
        let intents = try list { (r) throws(Failure) in try r.intent() }
        let responses = Dictionary(try list { (r) throws(Failure) in try r.response() }.map { ($0.intent, $0) },
                                   uniquingKeysWith: { $1 })
        let triage = try triage()
        let disclaimer = try string()
        let fallback = try list { (r) throws(Failure) in try r.template() }
        let clarify = try template()
        var slotNotes: [String: [String: String]] = [:]
        for (slot, notes) in try list({ (r) throws(Failure) in
            (try r.string(), try r.list { (r) throws(Failure) in (try r.string(), try r.string()) })
        }) {
            slotNotes[slot] = Dictionary(notes, uniquingKeysWith: { $1 })
        }
        var system = SystemMessages(disclaimer: disclaimer, fallback: fallback, clarify: clarify, slotNotes: slotNotes)
        system.safetyNet = try string()
        return Content(documents: documents, lexicon: lexicon, intents: intents, responses: responses, triage: triage,
                       system: system, negators: try stringSet(), pastMarkers: try stringLists())
    }

    mutating func lexicon() throws(Failure) -> Lexicon {
        let concepts = try list { (r) throws(Failure) in
            let id = try r.string()
            let slot = try r.optional { (r) throws(Failure) in try r.string() }
            let display = try r.string()
            let scopeName = try r.string()
            guard let scope = Concept.Scope(rawValue: scopeName) else { throw r.failure("unknown scope '\(scopeName)'") }
            return Concept(id: id, slot: slot, display: display, scope: scope, weight: try r.double(), termLists: try r.wordLists(),
                           rawTermLists: try r.wordLists(), location: try r.location())
        }
        let variants = Dictionary(try list { (r) throws(Failure) in (try r.string(), try r.strings()) },
                                  uniquingKeysWith: { $1 })
        let stopwords = try stringSet()
        let start = position
        guard let knownWords = KnownWords(newlineTerminatedBlock: try string(), others: try stringSet()) else {
            throw Failure(offset: start, message: "the known words do not end with a newline")
        }
        let englishStart = position
        guard let englishWords = KnownWords(newlineTerminatedBlock: try string(), others: try stringSet()) else {
            throw Failure(offset: englishStart, message: "the English words do not end with a newline")
        }
        return Lexicon(concepts: concepts, variants: variants, stopwords: stopwords, knownWords: knownWords, englishWords: englishWords,
                       needsBody: try stringSet(), needsNoun: try stringSet(), nounMarkers: try stringSet(),
                       adverbMarkers: try stringSet(), adverbFollowers: try stringSet())
    }

    mutating func terms() throws(Failure) -> [Term] {
        try list { (r) throws(Failure) in
            switch try r.int() {
            case 0: return .concept(try r.string())
            case 1: return .stems(try r.strings())
            case let tag: throw r.failure("unknown term kind \(tag)")
            }
        }
    }

    mutating func intent() throws(Failure) -> Intent {
        let id = try string()
        let question = try string()
        let description = try string()
        let domain = try bool()
        let requires = try list { (r) throws(Failure) in try r.terms() }
        let examples = try list { (r) throws(Failure) in Example(text: try r.string(), location: try r.location()) }
        let patterns = try list { (r) throws(Failure) in
            let source = try r.string()
            let elements = try r.list { (r) throws(Failure) -> Pattern.Element in
                switch try r.int() {
                case 0: return .word(try r.stringSet())
                case 1: return .slot(try r.string())
                case 2: return .concept(try r.string())
                case 3: return .wildcard
                case let tag: throw r.failure("unknown pattern element kind \(tag)")
                }
            }
            return Pattern(source: source, elements: elements, location: try r.location())
        }
        return Intent(id: id, question: question, description: description, domain: domain, requires: requires,
                      examples: examples, patterns: patterns, location: try location())
    }

    mutating func condition() throws(Failure) -> SlotCondition {
        SlotCondition(slot: try string(), values: try stringSet(), negated: try bool())
    }

    mutating func response() throws(Failure) -> Response {
        let intent = try string()
        let variants = try list { (r) throws(Failure) in try r.template() }
        let guidance = try optional { (r) throws(Failure) in try r.template() }
        let guidanceFirst = try bool()
        let suggestions = try strings()
        let sources = try list { (r) throws(Failure) in
            Source(doc: try r.string(), quote: try r.string(), condition: try r.optional { (r) throws(Failure) in try r.condition() },
                   location: try r.location())
        }
        return Response(intent: intent, variants: variants, guidance: guidance, guidanceFirst: guidanceFirst, suggestions: suggestions, sources: sources, location: try location())
    }

    mutating func template() throws(Failure) -> Template {
        let source = try string()
        return Template(nodes: try nodes(depth: 0), source: source)
    }

    /// Template nodes; sections nest at most 64 deep (a damaged snapshot cannot exhaust the stack).
    mutating func nodes(depth: Int) throws(Failure) -> [Template.Node] {
        guard depth < 64 else { throw failure("template sections nested too deep") }
        return try list { (r) throws(Failure) -> Template.Node in
            switch try r.int() {
            case 0: return .text(try r.string())
            case 1: return .variable(try r.string(), try r.location())
            case 2: return .section(try r.condition(), try r.nodes(depth: depth + 1), try r.location())
            case let tag: throw r.failure("unknown template node kind \(tag)")
            }
        }
    }
}
