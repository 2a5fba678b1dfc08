/// "Did you mean …?" for a name that is not known: the closest known name by edit distance
/// (optimal string alignment: a swap of neighbours is one edit, as in "explian"), and only when
/// it is close enough to be what was meant: at most one edit in four characters of the longer
/// name, never more than three, so an unrelated name is never suggested.
public enum DidYouMean {
    public static func closest<S: Sequence<String>>(to name: String, among known: S) -> String? {
        let target = Array(name.unicodeScalars)
        var best: (name: String, distance: Int)?
        for candidate in known {
            let scalars = Array(candidate.unicodeScalars)
            let limit = min(3, max(1, max(target.count, scalars.count) / 4))
            guard abs(scalars.count - target.count) <= limit else { continue }
            let d = distance(target, scalars)
            if d <= limit, d < (best?.distance ?? .max) || (d == best?.distance && candidate < best!.name) {
                best = (candidate, d)
            }
        }
        return best?.name
    }

    /// Optimal-string-alignment distance between two scalar arrays.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var v = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { v = min(v, before[j - 2] + 1) }
                current[j] = v
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
