/// A line diff (longest common subsequence) printed in the unified format,
/// for golden answers that no longer match.
public enum LineDiff {
    public enum Edit: Equatable, Sendable {
        case same(String)
        case removed(String)
        case added(String)
    }

    /// The edits that turn `old` into `new`, in order.
    public static func edits(_ old: [String], _ new: [String]) -> [Edit] {
        // Common prefix and suffix first: most changes are small.
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        let a = Array(old[prefix..<(old.count - suffix)])
        let b = Array(new[prefix..<(new.count - suffix)])

        // LCS table over the middle part.
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        if !a.isEmpty && !b.isEmpty {
            for i in stride(from: a.count - 1, through: 0, by: -1) {
                for j in stride(from: b.count - 1, through: 0, by: -1) {
                    table[i][j] = a[i] == b[j] ? table[i + 1][j + 1] + 1 : max(table[i + 1][j], table[i][j + 1])
                }
            }
        }
        var middle: [Edit] = []
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                middle.append(.same(a[i])); i += 1; j += 1
            } else if j < b.count, i == a.count || table[i][j + 1] > table[i + 1][j] {
                middle.append(.added(b[j])); j += 1
            } else {
                middle.append(.removed(a[i])); i += 1
            }
        }
        return old[..<prefix].map(Edit.same) + middle + old[(old.count - suffix)...].map(Edit.same)
    }

    /// A unified diff (`---`/`+++` header, `@@` hunks with `context` lines
    /// around each change); empty when the texts are equal.
    public static func unified(_ old: String, _ new: String, oldName: String = "expected", newName: String = "actual",
                               context: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        let all = edits(a, b)
        guard all.contains(where: { if case .same = $0 { return false } else { return true } }) else { return "" }

        // Positions (1-based line numbers in old and new) before each edit.
        var positions: [(Int, Int)] = []
        var o = 1, n = 1
        for edit in all {
            positions.append((o, n))
            switch edit {
            case .same: o += 1; n += 1
            case .removed: o += 1
            case .added: n += 1
            }
        }
        let changed = all.indices.filter { if case .same = all[$0] { return false } else { return true } }
        // Group changes whose context overlaps into hunks.
        var hunks: [ClosedRange<Int>] = []
        for index in changed {
            let lower = max(0, index - context), upper = min(all.count - 1, index + context)
            if let last = hunks.last, lower <= last.upperBound + 1 {
                hunks[hunks.count - 1] = last.lowerBound...max(last.upperBound, upper)
            } else {
                hunks.append(lower...upper)
            }
        }
        var out = ["--- \(oldName)", "+++ \(newName)"]
        for hunk in hunks {
            let slice = all[hunk]
            let oldCount = slice.filter { if case .added = $0 { return false } else { return true } }.count
            let newCount = slice.filter { if case .removed = $0 { return false } else { return true } }.count
            let (oStart, nStart) = positions[hunk.lowerBound]
            func range(_ start: Int, _ count: Int) -> String {
                let s = count == 0 ? start - 1 : start
                return count == 1 ? "\(s)" : "\(s),\(count)"
            }
            out.append("@@ -\(range(oStart, oldCount)) +\(range(nStart, newCount)) @@")
            for edit in slice {
                switch edit {
                case .same(let line): out.append(" " + line)
                case .removed(let line): out.append("-" + line)
                case .added(let line): out.append("+" + line)
                }
            }
        }
        return out.joined(separator: "\n")
    }

    static func lines(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}
