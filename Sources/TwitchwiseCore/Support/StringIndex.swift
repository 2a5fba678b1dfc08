/// Strings to their positions in a list: a hash table of positions over the list itself, for the
/// analyser's words and stems and the matcher's feature names (start-up, issue 8).
///
/// Start-up used to build a `Dictionary` for each of those tables: some four thousand keys hashed
/// with SipHash and inserted, a tenth of what reading the engine cost. This index hashes a key with
/// FNV-1a over its bytes and keeps only one 32-bit position per slot (linear probing in a power of
/// two at least twice the keys), so building it costs a few instructions a byte, and a look-up,
/// which a message makes per word, is cheaper than a `Dictionary`'s too.
///
/// Keys compare as `String`s do, by canonical equivalence, and equal strings always hash alike: an
/// ASCII key is hashed from its bytes, which are already in normal form, a key equal to an ASCII
/// string as that string, and any other key (rare: the content's words are ASCII) by `hashValue`.
struct StringIndex: Sendable, Equatable {
    /// The keys, by position.
    let keys: [String]
    /// Per slot, a position in `keys`, or -1 for an empty slot.
    private let slots: [Int32]

    /// The index of `keys`. A key that repeats an earlier one keeps the earlier position
    /// (`hasDuplicates` tells whether there was one).
    init(_ keys: [String]) {
        self.keys = keys
        var size = 8
        while size < 2 * keys.count { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        var duplicates = false
        for (position, key) in keys.enumerated() {
            var slot = Int(Self.hash(key)) & (size - 1)
            while slots[slot] >= 0 {
                if keys[Int(slots[slot])] == key { duplicates = true; break }
                slot = (slot + 1) & (size - 1)
            }
            if slots[slot] < 0 { slots[slot] = Int32(position) }
        }
        self.slots = slots
        self.hasDuplicates = duplicates
    }

    /// Whether some key equals an earlier one.
    let hasDuplicates: Bool

    var count: Int { keys.count }

    /// The position of `key` in `keys` (the first, if it repeats), or nil.
    @inline(__always)
    subscript(key: String) -> Int32? {
        let mask = slots.count - 1
        var slot = Int(Self.hash(key)) & mask
        while true {
            let position = slots[slot]
            if position < 0 { return nil }
            if keys[Int(position)] == key { return position }
            slot = (slot + 1) & mask
        }
    }

    /// FNV-1a (32 bits) over the bytes of the ASCII string the key equals, or, for a key that
    /// equals no ASCII string, the standard library's own hash of it.
    static func hash(_ key: String) -> UInt32 {
        // The bytes in place (a small string's are copied to the stack): iterating `utf8` costs
        // several times as much a byte.
        let ascii = key.utf8.withContiguousStorageIfAvailable { bytes -> UInt32? in
            var hash: UInt32 = 2_166_136_261
            for byte in bytes {
                if byte >= 0x80 { return nil }
                hash = (hash ^ UInt32(byte)) &* 16_777_619
            }
            return hash
        }
        if let hash = ascii ?? nil { return hash }
        // A key with other scalars equals an ASCII string only if each of them is one of the three
        // whose canonical decomposition is ASCII (KELVIN SIGN is K): hashed as that string.
        var hash: UInt32 = 2_166_136_261
        for scalar in key.unicodeScalars {
            let byte: UInt32
            switch scalar.value {
            case 0..<0x80: byte = scalar.value
            case 0x212A: byte = 0x4B    // KELVIN SIGN, K
            case 0x037E: byte = 0x3B    // GREEK QUESTION MARK, ;
            case 0x1FEF: byte = 0x60    // GREEK VARIA, `
            default:
                // Equal to no ASCII string: `hashValue` hashes the key's normal form, so equal
                // strings share it (it is seeded per process, and the slots are never saved).
                return UInt32(truncatingIfNeeded: key.hashValue)
            }
            hash = (hash ^ byte) &* 16_777_619
        }
        return hash
    }

    static func == (a: StringIndex, b: StringIndex) -> Bool { a.keys == b.keys }
}
