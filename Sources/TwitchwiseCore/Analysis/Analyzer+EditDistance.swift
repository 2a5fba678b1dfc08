extension Analyzer {
    /// Optimal-string-alignment distance, or nil when above `limit`. Only the cells within
    /// `limit` of the diagonal can be within `limit`, so only those are worked out (a cell off
    /// the band reads as `limit + 1`, which changes no value within `limit`); and it stops at a
    /// row with nothing within `limit`, as no later row can get back under it. `rows` is
    /// working space for three rows of `b.count + 1`.
    static func distance(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, limit: Int,
                         rows: UnsafeMutableBufferPointer<Int>) -> Int? {
        let m = a.count, n = b.count
        if abs(m - n) > limit { return nil }
        if limit <= 1 { return distanceWithinOne(a, b, limit: limit) }
        let over = limit + 1
        // Three rows in one buffer: prev2, prev, cur, rotated by offset.
        var prev2 = 0, prev = n + 1, cur = 2 * (n + 1)
        for j in 0...n { rows[prev + j] = min(j, over) }
        for i in 1...m {
            let low = max(1, i - limit), high = min(n, i + limit)
            // The cells either side of the band, as the next rows read them.
            rows[cur + low - 1] = low == 1 ? min(i, over) : over
            if high < n { rows[cur + high + 1] = over }
            var rowMin = rows[cur + low - 1]
            let c = a[i - 1]
            for j in low...high {
                let cost = c == b[j - 1] ? 0 : 1
                var v = min(rows[prev + j] + 1, rows[cur + j - 1] + 1, rows[prev + j - 1] + cost)
                if i > 1, j > 1, c == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, rows[prev2 + j - 2] + 1) }
                rows[cur + j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return nil }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return rows[prev + n] <= limit ? rows[prev + n] : nil
    }

    /// `distance` for a limit of 0 or 1, the usual one once a close target is found, in one
    /// pass: past their common start, the rest must match after one substitution, one letter
    /// more on one side, or two neighbours swapped.
    static func distanceWithinOne(_ a: UnsafeBufferPointer<UInt32>, _ b: UnsafeBufferPointer<UInt32>, limit: Int) -> Int? {
        let m = a.count, n = b.count
        if abs(m - n) > limit { return nil }
        var i = 0
        while i < m && i < n && a[i] == b[i] { i += 1 }
        if i == m && i == n { return 0 }
        if limit == 0 { return nil }
        /// Whether `a` from `x` on is `b` from `y` on.
        func same(_ x: Int, _ y: Int) -> Bool {
            guard m - x == n - y else { return false }
            var (x, y) = (x, y)
            while x < m {
                if a[x] != b[y] { return false }
                x += 1
                y += 1
            }
            return true
        }
        if m > n { return same(i + 1, i) ? 1 : nil }
        if m < n { return same(i, i + 1) ? 1 : nil }
        if same(i + 1, i + 1) { return 1 }
        return i + 1 < m && a[i] == b[i + 1] && a[i + 1] == b[i] && same(i + 2, i + 2) ? 1 : nil
    }
}
