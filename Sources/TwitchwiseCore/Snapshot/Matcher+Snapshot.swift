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
        guard values.first == 0, let last = Self.lastIfAscending(values, from: 0), total.map({ Int(last) == $0 }) ?? true
        else { throw failure("run starts out of order") }
        return values
    }

    /// The last of `bounds` when none is below `first` or below the one before it (`first` when
    /// there are none), else nil: the check on run bounds read from a snapshot.
    static func lastIfAscending(_ bounds: [Int32], from first: Int32) -> Int32? {
        var previous = first
        for bound in bounds {
            guard bound >= previous else { return nil }
            previous = bound
        }
        return previous
    }

    /// Doubles as `SnapshotWriter.write(_: [Double])` writes them (a count, then each in 11
    /// digits), read in one loop over the digits (start-up, issue 8).
    mutating func doubles(count: Int? = nil) throws(Failure) -> [Double] {
        let n = try self.count()
        guard count.map({ $0 == n }) ?? true else { throw failure("\(n) numbers, expected \(count!)") }
        guard n <= (bytes.count - position) / 11 else { throw failure("unexpected end") }
        let start = position
        let values = try [Double](unsafeUninitializedCapacity: n) { (buffer, initialized) throws(Failure) in
            for i in 0..<n {
                buffer.initializeElement(at: i, to: try double(at: start + 11 * i))
                initialized = i + 1
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

// The matcher read back from these tables is `Matcher.init(_:reading:)`, in Matcher.swift: a
// class's designated initialiser cannot live in an extension.
