/// A message after normalisation, spelling correction, stemming and concept tagging.
/// Each token says whether it is negated, in the past, and covered by a concept.
public struct Analysis: Sendable {
    public var text: String
    public var tokens: [Token]
    public var concepts: [ConceptMatch]

    /// `tokens` with their flags set, `covered` from `concepts` (`cover(_:by:)`).
    init(text: String, tokens: [Token], concepts: [ConceptMatch]) {
        self.text = text
        self.tokens = tokens
        self.concepts = concepts
    }

    /// Sets each token's `covered` flag: whether one of `concepts` spans it.
    static func cover(_ tokens: inout [Token], by concepts: [ConceptMatch]) {
        for i in tokens.indices { tokens[i].covered = false }
        for match in concepts { for i in match.range { tokens[i].covered = true } }
    }
    public var corrections: [(from: String, to: String)] {
        tokens.compactMap { t in t.original.map { ($0, t.word) } }
    }
    public var normalizedText: String { tokens.map(\.word).joined(separator: " ") }

    public func has(_ concept: String) -> Bool { concepts.contains { $0.concept == concept } }
}
