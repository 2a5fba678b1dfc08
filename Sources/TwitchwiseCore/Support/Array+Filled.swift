extension Array {
    /// `count` copies of `value`, as `Array(repeating:count:)` gives, but built through
    /// `reserveCapacity`, which the compiler specialises for the element type. The
    /// standard library's `repeating:` initialiser allocates through an unspecialised path
    /// that looks up the storage class's metadata at run time, several hundred
    /// instructions each time: too much for the arrays each message needs (issue 8).
    /// A long array is still made with `repeating:`, whose fill beats appending one at a time.
    @inline(__always)
    init(filled value: Element, count: Int) {
        guard count <= 64 else {
            self.init(repeating: value, count: count)
            return
        }
        self.init()
        reserveCapacity(count)
        for _ in 0..<count { append(value) }
    }
}
