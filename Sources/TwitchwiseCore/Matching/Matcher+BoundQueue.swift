extension Matcher {
    /// A max-queue of blocks and intents by their bounds: a binary heap, moved by holes rather
    /// than swaps. Equal bounds come out in no set order, which the search does not depend on.
    struct BoundQueue {
        enum Item { case block(Int32), intent(Int32) }
        /// `code` is an intent, or `-1 - block`.
        struct Entry {
            var key: Double
            var code: Int32
        }
        /// Room for every block and every intent at once (each goes in once at most), in memory
        /// the scorer owns.
        private let space: UnsafeMutableBufferPointer<Entry>
        private var count = 0

        init(_ space: UnsafeMutableBufferPointer<Entry>) { self.space = space }

        mutating func push(_ key: Double, _ item: Item) {
            let code: Int32
            switch item {
            case .block(let b): code = -1 - b
            case .intent(let i): code = i
            }
            precondition(count < space.count, "more in the queue than blocks and intents")
            let h = space
            var k = count
            count += 1
            while k > 0 {
                let parent = (k - 1) / 2
                guard h[parent].key < key else { break }
                h[k] = h[parent]
                k = parent
            }
            h[k] = Entry(key: key, code: code)
        }

        mutating func pop() -> (key: Double, item: Item)? {
            guard count > 0 else { return nil }
            let h = space
            let first = h[0]
            count -= 1
            let last = h[count]
            if count > 0 {
                var k = 0
                while true {
                    var child = 2 * k + 1
                    guard child < count else { break }
                    if child + 1 < count && h[child + 1].key > h[child].key { child += 1 }
                    guard h[child].key > last.key else { break }
                    h[k] = h[child]
                    k = child
                }
                h[k] = last
            }
            return (first.key, first.code >= 0 ? .intent(first.code) : .block(-1 - first.code))
        }
    }
}
