extension Matcher {
    /// Whether the message itself meets an intent's `requires` (an intent with none never does):
    /// then it is about that intent's subject even without a word about muscles ("does stretching help?").
    public func meetsRequirements(_ intent: Intent, _ analysis: Analysis) -> Bool {
        intentIndex[intent.id].map { meetsRequirements(intentAt: Int($0), analysis) } ?? false
    }

    /// The same for the intent at `index` (the content's order).
    func meetsRequirements(intentAt i: Int, _ analysis: Analysis) -> Bool {
        !requires[i].isEmpty && requires[i].allSatisfy { group in group.contains { Self.present($0, in: analysis, affirmed: false) } }
    }

    /// A `requires` or red-flag term, numbered as the analyser numbers concepts and stems
    /// (-1: a concept the lexicon lacks, never present).
    public enum CompiledTerm: Sendable {
        case concept(Int32)
        case stems([Int32])
    }

    /// `term`, numbered by this matcher's analyser.
    public func compile(_ term: Term) -> CompiledTerm { analyzer.compile(term) }

    /// Whether the term is in the message; with `affirmed`, neither negated nor in the past.
    public static func present(_ term: CompiledTerm, in analysis: Analysis, affirmed: Bool) -> Bool {
        switch term {
        case .concept(let id):
            return analysis.concepts.contains { $0.conceptIndex == id && (!affirmed || (!$0.negated && !$0.past)) }
        case .stems(let stems):
            return contains(stems, in: analysis.tokens, affirmed: affirmed)
        }
    }

    /// Whether `stems` follow one another in `tokens`; with `affirmed`, from a token neither
    /// negated nor in the past.
    static func contains(_ stems: [Int32], in tokens: [Token], affirmed: Bool) -> Bool {
        guard !stems.isEmpty, stems.count <= tokens.count else { return false }
        for start in 0...(tokens.count - stems.count) {
            if affirmed && (tokens[start].negated || tokens[start].past) { continue }
            var k = 0
            while k < stems.count, stems[k] >= 0, tokens[start + k].stemID == stems[k] { k += 1 }
            if k == stems.count { return true }
        }
        return false
    }
}
