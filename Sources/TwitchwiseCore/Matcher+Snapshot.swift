/// The matcher's tables in the content snapshot (issue 8). Building them means
/// analysing every example and question and numbering every feature: tens of
/// millions of instructions, most of start-up. They depend on the content alone,
/// so the build makes them once, with the content (`ContentSnapshot.encode`), and
/// start-up reads them back. What is cheap to derive (slot numbers, compiled
/// `requires`, example norms, the blocks' postings) is derived again rather than
/// stored.
///
/// Every index read is checked against what it indexes: a damaged snapshot is a
/// decoding error, never a crash later.
extension SnapshotWriter {
    mutating func write(_ m: Matcher) {
        write(m.analyzer)
        write(m.featureNameList)
        write(m.weights)
        write(m.powers)
        write(m.questionFeatureIDs) { w, ids in w.write(ids) }
        write(m.conceptFeature)
        write(m.stemFeature)
        write(m.stopStem)
        write(m.exampleText)
        write(m.exampleSlotStart)
        write(m.exampleSlots)
        write(m.exampleFeatureStart)
        write(m.exampleFeatures)
        write(m.intentExampleStart)
        write(m.centroidStart)
        write(m.centroidEntries.map(\.intent))
        write(m.centroidEntries.map(\.value))
        write(m.centroidEntries.map(\.inverseLeastNorm2))
        write(m.centroidNorms)
        write(m.blockSize)
        write(m.blockMembers)
        write(m.patternNeeds) { w, patterns in
            w.write(patterns) { w, elements in w.write(elements) { w, keys in w.write(keys.map(Int.init)) { w, x in w.write(x) } } }
        }
        // Sorted by key, so that the same content always gives the same snapshot.
        write(m.patternIndex.sorted { $0.key < $1.key }) { w, pair in
            w.write(Int(pair.key))
            w.write(pair.value.map(\.intent))
            w.write(pair.value.map(\.pattern))
        }
    }

    /// 32-bit numbers, all in one width, so that they are read in one tight loop (start-up,
    /// issue 8): the count, the width `w` in base-64 digits (one byte, `0x30 + w`), then each
    /// number zigzag-coded in `w` digits `0x30 + d`, most significant first.
    mutating func write(_ values: [Int32]) {
        write(values.count)
        let codes = values.map { UInt64(UInt32(bitPattern: $0 << 1 ^ $0 >> 31)) }
        let top = codes.max() ?? 0
        var width = 1
        while top >> UInt64(6 * width) != 0 { width += 1 }
        bytes.append(0x30 + UInt8(width))
        for code in codes {
            for k in stride(from: width - 1, through: 0, by: -1) { bytes.append(0x30 + UInt8(truncatingIfNeeded: code >> UInt64(6 * k)) & 63) }
        }
    }
    mutating func write(_ values: [Double]) { write(values) { w, x in w.write(x) } }
    mutating func write(_ values: [Bool]) { write(values) { w, x in w.write(x) } }
}

extension SnapshotReader {
    /// Numbers as `SnapshotWriter.write(_: [Int32])` writes them, each in `range`.
    mutating func int32s(in range: Range<Int>) throws(Failure) -> [Int32] {
        var values: [Int32] = []
        try fixedWidthNumbers(in: range, reserve: { values.reserveCapacity($0) }) { values.append(Int32(truncatingIfNeeded: $0)) }
        return values
    }

    /// Reads numbers as `SnapshotWriter.write(_: [Int32])` writes them, each in `range`: `reserve`
    /// gets their count, then `body` each one in turn.
    @inline(__always)
    mutating func fixedWidthNumbers(in range: Range<Int>, reserve: (Int) -> Void, _ body: (Int) -> Void) throws(Failure) {
        let n = try count()
        guard position < bytes.count else { throw failure("unexpected end") }
        let width = Int(bytes[position]) - 0x30
        guard (1...6).contains(width) else { throw failure("numbers \(width) digits wide") }
        position += 1
        guard n <= (bytes.count - position) / width else { throw failure("unexpected end") }
        let (lower, upper) = (Int64(range.lowerBound), Int64(range.upperBound))
        reserve(n)
        var p = position
        defer { position = p }
        for _ in 0..<n {
            var code: UInt64 = 0
            for _ in 0..<width {
                let digit = bytes[p] &- 0x30
                guard digit < 64 else { throw Failure(offset: p, message: "expected a number") }
                code = code << 6 | UInt64(digit)
                p += 1
            }
            let value = Int64(bitPattern: code >> 1) ^ -Int64(bitPattern: code & 1)
            guard value >= lower && value < upper else { throw Failure(offset: p, message: "\(value) is out of range \(range)") }
            body(Int(value))
        }
    }

    /// Numbers, each in `range`, exactly `count` of them.
    mutating func int32s(count: Int, in range: Range<Int>) throws(Failure) -> [Int32] {
        let values = try int32s(in: range)
        guard values.count == count else { throw failure("\(values.count) numbers, expected \(count)") }
        return values
    }

    /// Where each of `count` runs starts in a list of `total` (and where the last ends): `count + 1`
    /// numbers from 0, never decreasing, the last `total` (or at most, when `total` is nil).
    mutating func starts(count: Int, total: Int?) throws(Failure) -> [Int32] {
        let values = try int32s(count: count + 1, in: 0..<Int(Int32.max))
        guard values.first == 0, zip(values, values.dropFirst()).allSatisfy({ $0 <= $1 }),
              total.map({ Int(values[count]) == $0 }) ?? true
        else { throw failure("run starts out of order") }
        return values
    }

    /// Doubles as `SnapshotWriter.write(_: [Double])` writes them (a count, then each in 11
    /// digits), read in one loop over the digits (start-up, issue 8).
    mutating func doubles(count: Int? = nil) throws(Failure) -> [Double] {
        let n = try self.count()
        guard count.map({ $0 == n }) ?? true else { throw failure("\(n) numbers, expected \(count!)") }
        guard n <= (bytes.count - position) / 11 else { throw failure("unexpected end") }
        let start = position
        let values = try [Double](unsafeUninitializedCapacity: n) { (buffer, initialized) throws(Failure) in
            var p = start
            for i in 0..<n {
                guard bytes[p] < 0x30 + 16 else { throw Failure(offset: p, message: "expected a number") }
                var bits: UInt64 = 0
                for k in p..<(p + 11) {
                    let digit = bytes[k] &- 0x30
                    guard digit < 64 else { throw Failure(offset: k, message: "expected a number") }
                    bits = bits << 6 | UInt64(digit)
                }
                buffer.initializeElement(at: i, to: Double(bitPattern: bits))
                initialized = i + 1
                p += 11
            }
        }
        position = start + 11 * n
        return values
    }

    mutating func bools(count: Int) throws(Failure) -> [Bool] {
        let values = try list { (r) throws(Failure) in try r.bool() }
        guard values.count == count else { throw failure("\(values.count) flags, expected \(count)") }
        return values
    }
}

extension Matcher {
    /// The matcher `SnapshotWriter.write(_:)` wrote for `content`.
    init(_ content: Content, reading r: inout SnapshotReader) throws(SnapshotReader.Failure) {
        let analyzer = try Analyzer(content, reading: &r)
        self.analyzer = analyzer
        self.intents = content.intents
        let tables = Self.contentTables(content)
        (intentDomain, intentIndex, slotByConcept, slotCount, conceptSlot, domainConcept) =
            (tables.intentDomain, tables.intentIndex, tables.slotByConcept, tables.slotIndex.count, tables.conceptSlot, tables.domainConcept)
        let intentCount = content.intents.count

        let names = try r.strings()
        let featureCount = names.count
        self.featureNameList = names
        self.featureIDs = StringIndex(names)
        let weights = try r.doubles(count: featureCount)
        self.weights = weights
        self.powers = try r.doubles(count: 4 * (Self.powerSteps + 1))
        self.questionFeatureIDs = try r.list { (r) throws(SnapshotReader.Failure) in try r.int32s(in: 0..<featureCount) }
        guard questionFeatureIDs.count == intentCount else { throw r.failure("\(questionFeatureIDs.count) questions, expected \(intentCount)") }
        let stemCount = analyzer.stemIDs.count
        self.conceptFeature = try r.int32s(count: content.lexicon.concepts.count, in: -1..<featureCount)
        self.stemFeature = try r.int32s(count: stemCount, in: -1..<featureCount)
        self.stopStem = try r.bools(count: stemCount)

        let exampleText = try r.strings()
        let exampleCount = exampleText.count
        self.exampleText = exampleText
        let conceptCount = content.lexicon.concepts.count
        let slotStart = try r.starts(count: exampleCount, total: nil)
        let slots = try r.int32s(in: 0..<max(slotCount, conceptSlot.count))
        guard Int(slotStart[exampleCount]) == slots.count else { throw r.failure("example slots out of range") }
        // Each example's slots: a slot, how many concepts, and those concepts.
        for e in 0..<exampleCount {
            var k = Int(slotStart[e])
            while k < Int(slotStart[e + 1]) {
                guard k + 1 < slots.count, Int(slots[k]) < slotCount else { throw r.failure("example slots out of range") }
                let end = k + 2 + Int(slots[k + 1])
                guard end <= Int(slotStart[e + 1]), slots[(k + 2)..<end].allSatisfy({ Int($0) < conceptCount }) else {
                    throw r.failure("example slots out of range")
                }
                k = end
            }
        }
        (self.exampleSlotStart, self.exampleSlots) = (slotStart, slots)
        let featureStart = try r.starts(count: exampleCount, total: nil)
        self.exampleFeatures = try r.int32s(in: 0..<featureCount)
        guard Int(featureStart[exampleCount]) == exampleFeatures.count else { throw r.failure("example features out of range") }
        self.exampleFeatureStart = featureStart
        self.intentExampleStart = try r.starts(count: intentCount, total: exampleCount)
        // Norms and scales: cheaper worked out again than read.
        var exampleNorm2: [Double] = [], exampleScale: [Double] = []
        exampleNorm2.reserveCapacity(exampleCount)
        exampleScale.reserveCapacity(exampleCount)
        for i in 0..<intentCount {
            for e in Int(intentExampleStart[i])..<Int(intentExampleStart[i + 1]) {
                let norm2 = Self.norm2(exampleFeatures[Int(featureStart[e])..<Int(featureStart[e + 1])], weights: weights)
                exampleNorm2.append(norm2)
                exampleScale.append(Self.scale(norm2: norm2, domain: content.intents[i].domain))
            }
        }
        (self.exampleNorm2, self.exampleScale) = (exampleNorm2, exampleScale)

        self.centroidStart = try r.starts(count: featureCount, total: nil)
        let entryCount = Int(centroidStart[featureCount])
        let entryIntents = try r.int32s(count: entryCount, in: 0..<intentCount)
        let entryValues = try r.doubles(count: entryCount)
        let entryInverses = try r.doubles(count: entryCount)
        self.centroidEntries = (0..<entryCount).map {
            CentroidEntry(intent: entryIntents[$0], value: entryValues[$0], inverseLeastNorm2: entryInverses[$0])
        }
        self.centroidNorms = try r.doubles(count: intentCount)

        // The blocks: their size and their members, every intent once (the rest is derived).
        let blockSize = try r.int()
        guard (1...Int(Int32.max)).contains(blockSize) else { throw r.failure("block size \(blockSize)") }
        let blockMembers = try r.int32s(count: intentCount, in: 0..<max(1, intentCount))
        guard Set(blockMembers).count == intentCount else { throw r.failure("an intent in two blocks") }
        (self.blockSize, self.blockMembers) = (blockSize, blockMembers)
        let blocks = Self.blocks(members: blockMembers, size: blockSize, domain: intentDomain)
        let intentBlock = blocks.intentBlock
        (self.intentBlock, intentPosition, blockMemberStart, blockHasDomain, blockHasSmallTalk) =
            (intentBlock, blocks.intentPosition, blocks.memberStart, blocks.hasDomain, blocks.hasSmallTalk)
        (self.featureBlockStart, self.featureBlocks) = Self.blockPostings(centroidStart: centroidStart, entries: centroidEntries,
                                                                          intentBlock: intentBlock, centroidNorms: centroidNorms)

        let patternNeeds = try r.list { (r) throws(SnapshotReader.Failure) in
            try r.list { (r) throws(SnapshotReader.Failure) in
                try r.list { (r) throws(SnapshotReader.Failure) in try r.list { (r) throws(SnapshotReader.Failure) in Int64(try r.int()) } }
            }
        }
        guard patternNeeds.count == intentCount, zip(patternNeeds, content.intents).allSatisfy({ $0.count == $1.patterns.count }) else {
            throw r.failure("pattern needs out of range")
        }
        self.patternNeeds = patternNeeds
        var patternIndex: [Int64: [(intent: Int32, pattern: Int32)]] = [:]
        for _ in 0..<(try r.count()) {
            let key = Int64(try r.int())
            let intents = try r.int32s(in: 0..<max(1, intentCount))
            let patterns = try r.int32s(count: intents.count, in: 0..<Int(Int32.max))
            guard zip(intents, patterns).allSatisfy({ Int($1) < content.intents[Int($0)].patterns.count }) else {
                throw r.failure("pattern index out of range")
            }
            patternIndex[key] = zip(intents, patterns).map { ($0, $1) }
        }
        self.patternIndex = patternIndex
        self.hasPatterns = !patternIndex.isEmpty
        self.requires = content.intents.map { $0.requires.map(analyzer.compile) }
    }
}
