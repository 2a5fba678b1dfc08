import TwitchwiseCore

/// Levenshtein distance, for "did you mean" hints.
public func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    for i in 1...a.count {
        var cur = [i] + [Int](repeating: 0, count: b.count)
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        prev = cur
    }
    return prev[b.count]
}

/// "Did you mean": the known name nearest to a name that is not one, found without
/// comparing it with every name (with 5,000 intents, one comparison per name and
/// unknown reference took minutes, issue 22).
///
/// Two names at an edit distance of one have a common deletion (the shorter one, or both
/// less the differing character), and so do two names differing by a swap of neighbours.
/// The index holds every name less at most one character; a query looks up its own such
/// variants, and the candidates found are measured by `DidYouMean` (the nearest close enough,
/// ties by name). Built on first use, so content
/// without mistakes pays nothing.
public final class NameSuggester {
    private let names: [String]
    /// Hashes of every name and its one-deletion variants, with the name's index, sorted.
    private lazy var variants: [(hash: Int, name: Int)] = {
        var variants: [(hash: Int, name: Int)] = []
        for (i, name) in names.enumerated() {
            for hash in Self.variantHashes(of: name) { variants.append((hash, i)) }
        }
        variants.sort { ($0.hash, $0.name) < ($1.hash, $1.name) }
        return variants
    }()

    public init(_ names: some Sequence<String>) {
        self.names = Array(Set(names)).sorted()
    }

    /// The nearest known name, nil when none is close enough.
    public func nearest(to name: String) -> String? {
        let variants = self.variants
        var candidates = Set<Int>()
        for hash in Self.variantHashes(of: name) {
            var i = Self.firstIndex(of: hash, in: variants)
            while i < variants.count && variants[i].hash == hash {
                candidates.insert(variants[i].name)
                i += 1
            }
        }
        // The candidates measured by the core's rule (how near is near enough, ties by name).
        return DidYouMean.closest(to: name, among: candidates.map { names[$0] })
    }

    private static func firstIndex(of hash: Int, in variants: [(hash: Int, name: Int)]) -> Int {
        var low = 0, high = variants.count
        while low < high {
            let mid = (low + high) / 2
            if variants[mid].hash < hash { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The hashes of a name and of the name less each one of its characters.
    private static func variantHashes(of name: String) -> [Int] {
        let characters = Array(name)
        var hashes: [Int] = []
        hashes.reserveCapacity(characters.count + 1)
        for skipped in [-1] + Array(characters.indices) {  // -1: the whole name
            var hasher = Hasher()
            for (i, character) in characters.enumerated() where i != skipped { hasher.combine(character) }
            hashes.append(hasher.finalize())
        }
        return hashes
    }
}
