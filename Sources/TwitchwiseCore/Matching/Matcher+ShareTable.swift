extension Matcher {
    /// The message's features, each with its share of an overlap (the message's weight times the
    /// feature's), in an open-addressing table: an example's features are looked up in it, so
    /// scoring an example costs its own length, not the message's.
    struct ShareTable {
        /// A feature id (-1: empty) and its share.
        struct Slot {
            var key: Int32
            var share: Double
        }
        /// `size(for:)` slots, in memory the scorer owns.
        let slots: UnsafeMutablePointer<Slot>
        let mask: Int
        let shift: UInt32
        /// Bit `id % 64` set for each feature: a feature whose bit is clear is not in the table.
        let mask64: UInt64

        /// The table's size for `count` features: a power of two, at least twice as many.
        static func size(for count: Int) -> Int {
            var size = 8
            while size < 2 * count { size *= 2 }
            return size
        }

        /// Each feature's share is its weight in the message times `weights[id]`; `slots` has room
        /// for `size(for: features.count)`.
        init(_ features: [(id: Int32, weight: Double)], weights: [Double], in slots: UnsafeMutablePointer<Slot>) {
            let size = Self.size(for: features.count)
            slots.initialize(repeating: Slot(key: -1, share: 0), count: size)
            (mask, shift) = (size - 1, UInt32(32 - size.trailingZeroBitCount))
            var mask64: UInt64 = 0
            for (id, weight) in features {
                mask64 |= 1 &<< UInt64(UInt32(bitPattern: id) & 63)
                var h = Self.slot(id, shift: shift)
                while slots[h].key >= 0 { h = (h + 1) & mask }
                slots[h] = Slot(key: id, share: weight * weights[Int(id)])
            }
            (self.slots, self.mask64) = (slots, mask64)
        }

        /// Fibonacci hashing: the top bits of the id times 2^32 / golden ratio.
        @inline(__always)
        static func slot(_ id: Int32, shift: UInt32) -> Int { Int((UInt32(bitPattern: id) &* 0x9E37_79B9) >> shift) }
    }
}
