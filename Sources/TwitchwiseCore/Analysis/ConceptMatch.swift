/// A concept recognised in a message.
public struct ConceptMatch: Sendable, Hashable {
    public var concept: String
    /// Token indices the term covered.
    public var range: Range<Int>
    /// Inside the scope of a negation ("no fever").
    public var negated: Bool
    /// In a clause about the past ("as a kid").
    public var past: Bool
    /// The concept's position in the lexicon (`Analyzer.conceptIndex`).
    public var conceptIndex: Int32 = -1
}
