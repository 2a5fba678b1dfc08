/// A light English stemmer (Porter's first steps): enough to make
/// `twitches`, `twitching`, `twitched` one word, and cheap.
public enum Stemmer {
    /// Words whose ending is not a suffix.
    static let exceptions: Set<String> = [
        "evening", "morning", "during", "nothing", "something", "anything", "everything", "thing", "things", "king", "ring",
        "spring", "string", "bring", "sing", "wing", "ceiling", "pudding", "wedding", "building", "bed", "red", "need",
        "feed", "seed", "speed", "breed", "news", "always", "lens", "bus", "gas", "yes", "this", "his", "has", "was", "does",
    ]

    public static func stem(_ word: String) -> String {
        if exceptions.contains(word) { return word }
        var w = Array(word.utf8)
        guard w.count > 3, w.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return word }
        // Step 1a: plurals.
        if ends(w, "sses") { w.removeLast(2) }
        else if ends(w, "ies") { w.removeLast(3); w.append(121) }  // -> y
        else if ends(w, "ss") || ends(w, "us") || ends(w, "is") {}
        else if ends(w, "s"), w.count > 3 {
            w.removeLast()
            if ends(w, "che") || ends(w, "she") || ends(w, "xe") || ends(w, "sse") || ends(w, "zze") { w.removeLast() }
        }
        // Step 1b: -ed, -ing.
        if ends(w, "eed") {
            if w.count > 4 { w.removeLast() }
        } else if ends(w, "ing") || ends(w, "ed") {
            let cut = ends(w, "ing") ? 3 : 2
            let stem = Array(w.dropLast(cut))
            if stem.count >= 3, hasVowel(stem) {
                w = stem
                if ends(w, "at") || ends(w, "bl") || ends(w, "iz") {
                    w.append(101)
                } else if w.count >= 2, w[w.count - 1] == w[w.count - 2], !"lsz".utf8.contains(w[w.count - 1]),
                          !isVowel(w[w.count - 1]) {
                    w.removeLast()
                } else if w.count == 3, !isVowel(w[0]), isVowel(w[1]), !isVowel(w[2]), !"wxy".utf8.contains(w[2]) {
                    w.append(101)
                }
            }
        }
        // -ly adverbs.
        if ends(w, "ly"), w.count > 5 { w.removeLast(2) }
        // A final -e goes, so "cause" and "causing" meet ("caus").
        if w.count > 4, ends(w, "e"), !ends(w, "ee") { w.removeLast() }
        return String(decoding: w, as: UTF8.self)
    }

    private static func ends(_ w: [UInt8], _ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        guard w.count >= n else { return false }
        let s = UnsafeBufferPointer(start: suffix.utf8Start, count: n)
        for i in 0..<n where w[w.count - n + i] != s[i] { return false }
        return true
    }

    private static func isVowel(_ c: UInt8) -> Bool { "aeiouy".utf8.contains(c) }
    private static func hasVowel(_ w: [UInt8]) -> Bool { w.contains { "aeiou".utf8.contains($0) } }
}
