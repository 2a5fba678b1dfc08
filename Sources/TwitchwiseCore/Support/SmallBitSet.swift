/// A set of keys folded onto 1,024 bits, to skip hash-table look-ups that would find nothing:
/// `mayContain` is true for every key of the set, and for few others (issue 8).
struct SmallBitSet: Sendable {
    private var words = [UInt64](repeating: 0, count: 16)

    init(_ keys: some Sequence<Int64>) {
        for key in keys {
            let bit = Self.bit(key)
            words[bit >> 6] |= 1 << UInt64(bit & 63)
        }
    }

    @inline(__always)
    func mayContain(_ key: Int64) -> Bool {
        let bit = Self.bit(key)
        return words[bit >> 6] & (1 << UInt64(bit & 63)) != 0
    }

    /// Fibonacci hashing: the top ten bits of the key times 2^64 / golden ratio.
    @inline(__always)
    private static func bit(_ key: Int64) -> Int { Int((UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> 54) }
}
