extension Matcher {
    /// In a story of three sentences or more, the question is usually the last
    /// sentence that asks something: it is ranked alone too, and counts as much as the whole.
    static let focusShare = 0.6
    static func focus(_ analysis: Analysis) -> Analysis? {
        guard let last = analysis.tokens.last, last.sentence >= 2 else { return nil }
        var sentence = last.sentence
        let questionWords: Set<String> = ["what", "why", "how", "can", "could", "should", "is", "does", "do", "will", "would", "which", "when"]
        for s in stride(from: last.sentence, through: 0, by: -1) {
            if let first = analysis.tokens.first(where: { $0.sentence == s }), questionWords.contains(first.word) { sentence = s; break }
        }
        let keep = analysis.tokens.indices.filter { analysis.tokens[$0].sentence == sentence }
        guard let lo = keep.first, let hi = keep.last else { return nil }
        var sub = analysis
        sub.tokens = Array(analysis.tokens[lo...hi])
        sub.concepts = analysis.concepts.filter { $0.range.lowerBound >= lo && $0.range.upperBound <= hi + 1 }.map {
            var m = $0
            m.range = ($0.range.lowerBound - lo)..<($0.range.upperBound - lo)
            return m
        }
        Analysis.cover(&sub.tokens, by: sub.concepts)
        return sub
    }
}
