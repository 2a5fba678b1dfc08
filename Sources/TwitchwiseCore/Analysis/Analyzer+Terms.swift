extension Analyzer {
    /// A `requires` or red-flag term, numbered as this analyser numbers concepts and stems.
    func compile(_ term: Term) -> Matcher.CompiledTerm {
        switch term {
        case .concept(let id): return .concept(conceptIndex[id] ?? -1)
        case .stems(let stems): return .stems(stems.map { stemIDs[$0] ?? -1 })
        }
    }

    /// A group of terms, compiled.
    func compile(_ group: [Term]) -> [Matcher.CompiledTerm] { group.map(compile) }
}
