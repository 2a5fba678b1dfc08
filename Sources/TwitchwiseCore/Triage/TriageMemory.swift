/// What triage found in a message alone, kept for the next message of the conversation: an
/// emergency may take two messages to tell, and the pair is read only when the features of both
/// could make a presentation that the earlier one did not make alone (`Engine.assess`).
public struct TriageMemory: Sendable, Equatable {
    /// The presentations that held (their ids).
    public var presentations: [String]
    /// The features mentioned, counted or not (their numbers in `Triage.features`).
    var features: [Int]

    init(_ assessment: TriageAssessor.Assessment) {
        presentations = assessment.presentations.map(\.id)
        features = assessment.mentions.map(\.index)
    }
}
