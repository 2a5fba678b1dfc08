/// One intent's score for a message, with the evidence behind it.
public struct Candidate: Sendable {
    public var intent: String
    public var score: Double
    /// The example (or pattern) that scored best.
    public var evidence: String
    public var viaPattern: Bool

    public init(intent: String, score: Double, evidence: String, viaPattern: Bool) {
        self.intent = intent
        self.score = score
        self.evidence = evidence
        self.viaPattern = viaPattern
    }
}
