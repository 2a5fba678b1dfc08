/// Writes the values of a `ContentSnapshot` (the layout is described there).
struct SnapshotWriter {
    var bytes: [UInt8] = []
    /// Every distinct string, in order of first use: values name them by index.
    var stringTable: [String] = []
    /// Keyed by bytes: canonically equivalent strings with different bytes stay apart.
    private var stringIndex: [[UInt8]: Int] = [:]

    /// A writer that goes on with this one's string table (for a section written apart).
    func continuingTable() -> SnapshotWriter {
        var section = SnapshotWriter()
        (section.stringTable, section.stringIndex) = (stringTable, stringIndex)
        return section
    }

    /// Appends `section` (made by `continuingTable()`), its length first, and takes its table.
    mutating func append(section: SnapshotWriter) {
        (stringTable, stringIndex) = (section.stringTable, section.stringIndex)
        write(section.bytes.count)
        bytes.append(contentsOf: section.bytes)
    }

    // MARK: Primitives

    /// An integer: zigzag-coded (small negatives stay small), then in base 32, most
    /// significant digit first, each digit but the last as `0x60 + d`, the last as `0x40 + d`.
    mutating func write(_ value: Int) {
        var n = UInt64(bitPattern: Int64(value) << 1 ^ Int64(value) >> 63)
        var digits: [UInt8] = [0x40 | UInt8(n & 31)]
        n >>= 5
        while n > 0 {
            digits.append(0x60 | UInt8(n & 31))
            n >>= 5
        }
        bytes.append(contentsOf: digits.reversed())
    }

    mutating func write(_ value: Bool) { write(value ? 1 : 0) }

    /// A `Double`: its 64-bit pattern in eleven base-64 digits, most significant first, each
    /// `0x30 + d` (the bit patterns of fractions are long, so a fixed width reads faster than
    /// the integers' variable one).
    mutating func write(_ value: Double) {
        let bits = value.bitPattern
        for shift in stride(from: 60, through: 0, by: -6) { bytes.append(0x30 + UInt8(truncatingIfNeeded: bits >> UInt64(shift)) & 63) }
    }

    /// A string of the table: its index.
    mutating func write(_ value: String) { write(tableIndex(of: value)) }

    /// Where `value` is in the string table (it is added when new).
    mutating func tableIndex(of value: String) -> Int {
        let key = Array(value.utf8)
        if let known = stringIndex[key] { return known }
        stringIndex[key] = stringTable.count
        stringTable.append(value)
        return stringTable.count - 1
    }

    /// A string itself: its UTF-8 length, then its bytes (the table's entries).
    mutating func writeBytes(_ value: String) {
        write(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }

    mutating func write<T>(_ values: [T], _ element: (inout SnapshotWriter, T) -> Void) {
        write(values.count)
        for value in values { element(&self, value) }
    }

    mutating func write<T>(_ value: T?, _ wrapped: (inout SnapshotWriter, T) -> Void) {
        if let value {
            write(1)
            wrapped(&self, value)
        } else {
            write(0)
        }
    }

    /// Sorted, so that the same content always gives the same snapshot.
    mutating func write(_ values: Set<String>) { write(values.sorted()) }

    /// Strings of the table: their indices, as 32-bit numbers of one width (read in one loop).
    mutating func write(_ values: [String]) { write(values.map { Int32(tableIndex(of: $0)) }) }

    mutating func write(_ values: [[String]]) { write(values) { w, x in w.write(x) } }

    mutating func write(_ lists: WordLists) {
        write(lists.words)
        write(lists.ends)
    }

    mutating func write(_ location: SourceLocation) {
        write(location.file)
        write(location.line)
        write(location.column)
    }

    mutating func write(_ diagnostic: Diagnostic) {
        write(diagnostic.severity == .error)
        write(diagnostic.location)
        write(diagnostic.message)
        write(diagnostic.hint) { w, x in w.write(x) }
    }

    // MARK: The content

    mutating func write(_ content: Content) {
        write(content.documents) { w, d in
            w.write(d.id); w.write(d.file); w.write(d.title); w.write(d.text); w.write(d.foldedBody)
        }
        write(content.lexicon)
        write(content.intents) { w, i in w.write(i) }
        write(content.responses.keys.sorted()) { w, key in w.write(content.responses[key]!) }
        write(content.triage)
        write(content.system.disclaimer)
        write(content.system.fallback) { w, t in w.write(t) }
        write(content.system.clarify)
        write(content.system.slotNotes.keys.sorted()) { w, slot in
            w.write(slot)
            let notes = content.system.slotNotes[slot]!
            w.write(notes.keys.sorted()) { w, value in w.write(value); w.write(notes[value]!) }
        }
        write(content.system.safetyNet)
        write(content.negators)
        write(content.pastMarkers)
    }

    mutating func write(_ lexicon: Lexicon) {
        write(lexicon.concepts) { w, c in
            w.write(c.id)
            w.write(c.slot) { w, x in w.write(x) }
            w.write(c.display)
            w.write(c.scope.rawValue)
            w.write(c.weight)
            w.write(c.termLists)
            w.write(c.rawTermLists)
            w.write(c.location)
        }
        write(lexicon.variants.keys.sorted()) { w, word in w.write(word); w.write(lexicon.variants[word]!) }
        write(lexicon.stopwords)
        // One block, searched as it is (see KnownWords).
        write(lexicon.knownWords.newlineTerminatedBlock)
        write(lexicon.knownWords.wordsWithNewlines)
        write(lexicon.englishWords.newlineTerminatedBlock)
        write(lexicon.englishWords.wordsWithNewlines)
        write(lexicon.needsBody.sorted())
        write(lexicon.needsNoun.sorted())
        write(lexicon.nounMarkers.sorted())
        write(lexicon.adverbMarkers.sorted())
        write(lexicon.adverbFollowers.sorted())
    }

    mutating func write(_ group: [Term]) {
        write(group) { w, term in
            switch term {
            case .concept(let id): w.write(0); w.write(id)
            case .stems(let stems): w.write(1); w.write(stems)
            }
        }
    }

    mutating func write(_ intent: Intent) {
        write(intent.id)
        write(intent.question)
        write(intent.description)
        write(intent.domain)
        write(intent.requires) { w, group in w.write(group) }
        write(intent.examples) { w, e in w.write(e.text); w.write(e.location) }
        write(intent.patterns) { w, p in
            w.write(p.source)
            w.write(p.elements) { w, element in
                switch element {
                case .word(let stems): w.write(0); w.write(stems)
                case .slot(let slot): w.write(1); w.write(slot)
                case .concept(let id): w.write(2); w.write(id)
                case .wildcard: w.write(3)
                }
            }
            w.write(p.location)
        }
        write(intent.location)
    }

    mutating func write(_ condition: SlotCondition) {
        write(condition.slot)
        write(condition.values)
        write(condition.negated)
    }

    mutating func write(_ response: Response) {
        write(response.intent)
        write(response.variants) { w, t in w.write(t) }
        write(response.guidance) { w, t in w.write(t) }
        write(response.guidanceFirst)
        write(response.suggestions)
        write(response.sources) { w, s in
            w.write(s.doc)
            w.write(s.quote)
            w.write(s.condition) { w, x in w.write(x) }
            w.write(s.location)
        }
        write(response.location)
    }

    mutating func write(_ template: Template) {
        write(template.source)
        write(template.nodes)
    }

    mutating func write(_ nodes: [Template.Node]) {
        write(nodes) { w, node in
            switch node {
            case .text(let text): w.write(0); w.write(text)
            case .variable(let slot, let at): w.write(1); w.write(slot); w.write(at)
            case .section(let condition, let body, let at): w.write(2); w.write(condition); w.write(body); w.write(at)
            }
        }
    }
}
