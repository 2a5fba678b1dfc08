/// What the engine answers: a value that knows nothing of JSON or terminals.
public struct Reply: Sendable {
    public enum Kind: String, Sendable { case answer, clarify, fallback }

    public struct SourceRef: Sendable, Hashable {
        public var doc: String
        public var title: String
        public var quote: String
    }

    public var kind: Kind
    public var intent: String?
    public var confidence: Double
    public var urgent: Bool
    /// slot -> value id
    public var slots: [String: String]
    public var answer: String
    /// The part of `answer` that is the assistant's own safety guidance, not an article's words
    /// (empty when there is none).
    public var guidance: String = ""
    public var sources: [SourceRef]
    public var suggestions: [String]
    public var candidates: [String]
    public var explain: Explanation

    public init(kind: Kind, intent: String?, confidence: Double, urgent: Bool, slots: [String: String], answer: String,
                guidance: String = "", sources: [SourceRef], suggestions: [String], candidates: [String], explain: Explanation) {
        self.kind = kind
        self.intent = intent
        self.confidence = confidence
        self.urgent = urgent
        self.slots = slots
        self.answer = answer
        self.guidance = guidance
        self.sources = sources
        self.suggestions = suggestions
        self.candidates = candidates
        self.explain = explain
    }
}

/// How a decision was made, kept as the engine goes (not a second code path).
public struct Explanation: Sendable {
    public struct Score: Sendable {
        public var intent: String
        public var score: Double
        public var evidence: String
    }

    public struct Term: Sendable {
        public var text: String
        public var concept: String
        public var negated: Bool
    }

    public var normalized: String = ""
    public var corrections: [(from: String, to: String)] = []
    public var terms: [Term] = []
    public var patterns: [String] = []
    /// slot -> where its value came from ("message: 'exams'", "session").
    public var slotSources: [String: String] = [:]
    /// The presentations the triage layer recognised (ids), most urgent first.
    public var redFlags: [String] = []
    /// How triage read the message: presentations, feature mentions, the cues that blocked them.
    public var triage: [String] = []
    /// How the message was read beyond its words: senses left out, a neighbouring subject.
    public var reading: [String] = []
    public var top: [Score] = []
    public var followUp = false
    public var decision = ""
}

/// One conversation's memory: what the next message may refer back to.
public struct SessionState: Sendable, Equatable {
    public var turns = 0
    public var lastIntent: String?
    public var slots: [String: String] = [:]
    /// Turns since the last topic answer.
    public var topicAge = 0
    /// Pending choices after a clarifying question.
    public var candidates: [String] = []
    public var disclaimerShown = false
    /// The topics answered so far, the latest last (a few at most): a topic asked again gets
    /// its template flag `again`.
    public var answered: [String] = []
    /// The last message (its first `SessionState.messageMemory` characters): triage reads a new
    /// message with it ("my lower back keeps spasming" / "now the pain is suddenly unbearable").
    public var lastMessage = ""
    public static let messageMemory = 2_000
    /// What triage found in `lastMessage` alone (nil when it is only the message's start).
    public var lastTriage: TriageMemory?

    public init() {}
}
