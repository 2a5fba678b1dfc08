public struct EngineOptions: Sendable {
    /// Seed for choosing among phrasings; the same seed gives the same replies.
    public var seed: UInt64 = 0
    /// Below this score an in-scope answer is not trusted: fallback.
    public var fallbackThreshold = 0.28
    /// Small talk (greet, help, ...) is matched on few, common words: it needs a closer match.
    public var smallTalkThreshold = 0.45
    /// When the two best are closer than this (and both weak), ask which one.
    public var clarifyMargin = 0.02
    public var clarifyCeiling = 0.45
    /// How many turns a topic stays available to follow-ups.
    public var contextTurns = 3

    public init(seed: UInt64 = 0) { self.seed = seed }
}

/// The assistant: content in, replies out. A value, with no I/O, no clock and
/// no randomness but a seeded choice among phrasings.
public struct Engine: Sendable {
    public let content: Content
    public let matcher: Matcher
    public let options: EngineOptions
    /// Each intent's answer (by the intent's position), with what rendering it needs worked out once.
    private let answers: [PreparedAnswer?]
    /// The position of the intent that answers a red flag, when the content has one.
    private let urgentIntent: Int?
    /// Worked out once for every answer: the slot notes, and the disclaimer.
    private let slotNotes: [String: [String: String]]
    private let disclaimer: String
    /// What every template renders with (the documents list, slot display names), made once.
    private let baseValues: Template.Values
    /// Reads every message for emergencies before anything else (Intents/triage.yaml).
    public let triage: TriageAssessor
    /// The lexicon's kinds of question ("which doctor", "what helps"), read apart from the topics' words.
    let questionKinds: QuestionKinds
    /// The concepts some topic is about (`subjects(among:of:)`), by the concept's position, worked out once.
    let subjectConcepts: [Bool]
    /// The topic ids under each start of an id ("relief." → relief.heat, relief.ice, ...), worked out
    /// once: a kind of question looks among them on every request, whatever the size of the content.
    let topicsByPrefix: [String: Set<String>]

    /// Concept ids the engine gives a meaning to, when the lexicon defines them.
    public enum Reserved {
        public static let followUp = "follow_up"
        public static let choices = ["choice_1", "choice_2", "choice_3"]
        /// The slot a fallback names a neighbouring subject in ("tremors", "cadaveric spasm").
        public static let declined = "declined"
    }

    public init(content: Content, options: EngineOptions = EngineOptions()) {
        self.init(content: content, matcher: Matcher(content: content), options: options)
    }

    /// With the matcher for `content` already built (read from a snapshot).
    init(content: Content, matcher: Matcher, options: EngineOptions) {
        self.content = content
        self.matcher = matcher
        self.options = options
        let matcher = self.matcher
        // Concepts by id through the analyser's index (no table of their own to build at start-up).
        let concepts = content.lexicon.concepts, conceptIndex = matcher.analyzer.conceptIndex
        self.baseValues = Template.Values(slots: [:], display: { _, value in conceptIndex[value].map { concepts[Int($0)].display } ?? value },
                                          lists: ["documents": content.documents.map { ["id": $0.id, "title": $0.title] }])
        self.slotNotes = content.system.slotNotes
        self.disclaimer = content.system.disclaimer.trimming(.whitespacesAndNewlines)
        let titles = Dictionary(content.documents.map { ($0.id, $0.title) }, uniquingKeysWith: { a, _ in a })
        self.urgentIntent = matcher.intentIndex["urgent"].map(Int.init)
        self.answers = content.intents.map { intent in
            content.responses[intent.id].map { PreparedAnswer($0, titles: titles, question: { Self.question(of: $0, content, matcher) }) }
        }
        self.questionKinds = QuestionKinds(content.lexicon, topics: Set(content.intents.map(\.id)))
        self.subjectConcepts = Self.subjects(among: concepts, of: content.intents)
        var topicsByPrefix: [String: Set<String>] = [:]
        for intent in content.intents {
            var index = intent.id.startIndex
            while let dot = intent.id[index...].firstIndex(of: ".") {
                topicsByPrefix[String(intent.id[...dot]), default: []].insert(intent.id)
                index = intent.id.index(after: dot)
            }
        }
        self.topicsByPrefix = topicsByPrefix
        let knownWords = content.lexicon.knownWords, englishWords = content.lexicon.englishWords
        self.triage = TriageAssessor(content.triage, variants: content.lexicon.variants,
                                     isKnownWord: { knownWords.contains($0) || englishWords.contains($0) })
    }

    /// An intent by id, in constant time.
    public func intent(_ id: String) -> Intent? { matcher.intentIndex[id].map { content.intents[Int($0)] } }

    /// The reply to a message, and the conversation's next state.
    /// - Parameter explaining: fill the reply's `explain` (how the decision was made); without it,
    ///   `explain` holds only the red flags and the follow-up flag.
    public func respond(to text: String, in state: SessionState, explaining: Bool = true) -> (Reply, SessionState) {
        var next = state
        let reply = respond(to: text, state: &next, explaining: explaining)
        return (reply, next)
    }

    /// The reply to a message; `state` becomes the conversation's next state, changed in place.
    public func respond(to text: String, state: inout SessionState, explaining: Bool = true) -> Reply {
        state.turns += 1
        // Triage first: an emergency gets a reply about the emergency only.
        let assessment = assess(text, state: &state)
        if let presentation = assessment.top, urgentIntent != nil {
            return urgent(presentation, assessment, state: &state, explaining: explaining)
        }
        var notes = ExplanationRecorder(recording: explaining)
        notes.note { $0.triage = Self.triageLines(assessment) }
        var reading = read(text, state: state, notes: &notes)
        let ranking = rank(&reading, state: state, notes: &notes)
        state.candidates = []
        let decision = decide(ranking, reading, notes: &notes)
        return reply(decision, reading, ranking, state: &state, notes: notes)
    }

    /// The slot that says who is asking (someone diagnosed, someone wondering).
    static let askerSlot = "asker"

    // MARK: Urgent replies

    /// Triage of a message, read with the one before it in the conversation when it adds a
    /// feature: an emergency may take two messages to tell ("my lower back keeps spasming" /
    /// "now the pain is suddenly unbearable"). The pair counts only for what the new message
    /// makes hold.
    ///
    /// The state keeps the message (its first `SessionState.messageMemory` characters) and what
    /// triage found in it alone, so that the next message does not read it alone again.
    func assess(_ text: String, state: inout SessionState) -> TriageAssessor.Assessment {
        let alone = triage.assess(text)
        let previous = state.lastMessage
        let remembered = state.lastTriage
        state.lastMessage = String(text.prefix(SessionState.messageMemory))
        state.lastTriage = state.lastMessage.utf8.count == text.utf8.count ? TriageMemory(alone) : nil
        guard alone.top == nil, !previous.isEmpty, alone.mentions.contains(where: { $0.blockedBy == nil }) else { return alone }
        let earlier = remembered ?? TriageMemory(triage.assess(previous))
        guard triage.couldHold(with: earlier.features, alone.mentions) else { return alone }
        var pair = triage.assess(previous + "\n" + text)
        pair.presentations.removeAll { earlier.presentations.contains($0.id) }
        return pair.top == nil ? alone : pair
    }

    /// The reply to an emergency: what to do now, the sign recognised, and nothing else (no
    /// routine topic text, one disclaimer in the content's own words).
    private func urgent(_ presentation: Presentation, _ assessment: TriageAssessor.Assessment, state: inout SessionState,
                        explaining: Bool) -> Reply {
        var notes = ExplanationRecorder(recording: explaining)
        notes.always { $0.redFlags = assessment.presentations.map(\.id) }
        notes.note { explain in
            explain.triage = Self.triageLines(assessment)
            explain.corrections = assessment.corrections
            explain.normalized = assessment.normalized
            explain.slotSources["red_flag"] = "triage: \(presentation.sign)"
            explain.decision = "urgent: \(presentation.id) (\(presentation.level.rawValue))"
        }
        var reply = answer(urgentIntent, confidence: 1, slots: ["red_flag": presentation.id], state: &state, explain: notes.explanation,
                           notes: false, disclaimer: false)
        reply.urgent = true
        state.lastIntent = "urgent"
        state.topicAge = 0
        state.candidates = []
        return reply
    }

    /// How triage read a message, a line a presentation or mention: what fired, which words
    /// matched, and which cue kept a feature from counting.
    static func triageLines(_ assessment: TriageAssessor.Assessment) -> [String] {
        assessment.presentations.map { "presentation \($0.id) (\($0.level.rawValue)): \($0.sign)" }
            + assessment.mentions.map { m in
                "feature \(m.feature) '\(m.words)'" + (m.blockedBy.map { ": not counted, \($0)" } ?? ": affirmed")
            }
    }

    // MARK: Rendering

    /// `lines` joined by spaces, a blank line, then `text`: made in one string, allocated once.
    static func paragraphs(_ lines: some Collection<String>, then text: String) -> String {
        var result = ""
        result.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + 1 } + 1 + text.utf8.count)
        for (k, line) in lines.enumerated() {
            if k > 0 { result += " " }
            result += line
        }
        result += "\n\n"
        result += text
        return result
    }

    func choice(in analysis: Analysis, among candidates: [String]) -> String? {
        for (i, id) in Reserved.choices.enumerated() where i < candidates.count && analysis.has(id) { return candidates[i] }
        for token in analysis.tokens { if let n = Int(token.word), n >= 1, n <= candidates.count { return candidates[n - 1] } }
        if let best = matcher.rank(analysis, among: Set(candidates), limit: 1).first, best.score >= options.fallbackThreshold { return best.intent }
        return nil
    }

    public func question(of intent: String) -> String { Self.question(of: intent, content, matcher) }

    /// An intent's question, or its id for an unknown one.
    private static func question(of intent: String, _ content: Content, _ matcher: Matcher) -> String {
        matcher.intentIndex[intent].map { content.intents[Int($0)].question } ?? intent
    }

    func values(_ slots: [String: String], lists: [String: [[String: String]]] = [:]) -> Template.Values {
        var values = baseValues
        values.slots = slots
        for (name, list) in lists { values.lists[name] = list }
        return values
    }

    /// A stable choice among `count` phrasings for this session turn.
    func pick(_ count: Int, state: SessionState, key: String) -> Int {
        guard count > 1 else { return 0 }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ options.seed
        for byte in "\(key)#\(state.turns)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int(hash % UInt64(count))
    }

    /// - Parameter notes: put the slot notes first ("the articles don't discuss the eyelid"); not
    ///   for the urgent answer, which must lead with the advice to get help.
    func answer(_ index: Int?, confidence: Double, slots: [String: String], state: inout SessionState,
                        explain: Explanation, notes: Bool = true, disclaimer showDisclaimer: Bool = true) -> Reply
    {
        guard let index, let prepared = answers[index], !prepared.variants.isEmpty else {
            return Reply(kind: .fallback, intent: nil, confidence: confidence, urgent: false, slots: slots, answer: "",
                         sources: [], suggestions: [], candidates: [], explain: explain)
        }
        let variant = pick(prepared.variants.count, state: state, key: prepared.intent)
        let again = state.answered.contains(prepared.intent)
        var renderValues: Template.Values?
        func rendering() -> Template.Values {
            if let renderValues { return renderValues }
            var v = values(slots)
            if again { v.slots["again"] = "yes" }
            renderValues = v
            return v
        }
        var text = prepared.fixedTexts[variant] ?? prepared.variants[variant].render(rendering())
        var guidance = ""
        if let template = prepared.guidance {
            guidance = (template.fixedText ?? template.render(rendering())).trimming(.whitespacesAndNewlines)
            if !guidance.isEmpty {
                text = prepared.guidanceFirst ? Self.paragraphs(CollectionOfOne(guidance), then: text)
                                              : Self.paragraphs(CollectionOfOne(text), then: guidance)
            }
        }
        state.answered.removeAll { $0 == prepared.intent }
        state.answered.append(prepared.intent)
        if state.answered.count > 8 { state.answered.removeFirst() }
        if notes, matcher.intentDomain[index] {
            // The notes in slot order (most answers have one at most: no array for it).
            var first: (slot: String, note: String)?
            var more: [(slot: String, note: String)] = []
            for (slot, value) in slots {
                guard let note = slotNotes[slot]?[value] else { continue }
                if first == nil { first = (slot, note) } else { more.append((slot, note)) }
            }
            if let first {
                if more.isEmpty {
                    text = Self.paragraphs(CollectionOfOne(first.note), then: text)
                } else {
                    more.append(first)
                    text = Self.paragraphs(more.sorted { $0.slot < $1.slot }.map(\.note), then: text)
                }
            }
        }
        if showDisclaimer, !state.disclaimerShown, !content.system.disclaimer.isEmpty {
            text = Self.paragraphs(CollectionOfOne(text), then: disclaimer)
            state.disclaimerShown = true
        }
        var sources: [Reply.SourceRef]
        if let fixed = prepared.unconditionalSources {
            sources = fixed
        } else {
            sources = []
            sources.reserveCapacity(prepared.sources.count)
            // A quote cited twice is listed once: where it first holds.
            var cited = prepared.hasRepeats ? [Bool](repeating: false, count: prepared.sources.count) : []
            // Conditions read the slots the text was rendered with (`again` too), so the sources
            // back the text actually shown.
            let shown = again ? rendering().slots : slots
            for source in prepared.sources where source.condition?.holds(in: shown) ?? true {
                if prepared.hasRepeats {
                    guard !cited[source.first] else { continue }
                    cited[source.first] = true
                }
                sources.append(source.ref)
            }
        }
        return Reply(kind: .answer, intent: prepared.intent, confidence: (confidence * 1000).rounded() / 1000, urgent: false,
                     slots: slots, answer: text, guidance: guidance, sources: sources, suggestions: prepared.suggestions,
                     candidates: [], explain: explain)
    }
}

/// An intent's answer made ready at start-up: its sources' titles and its suggestions' questions
/// looked up, its repeated sources found, and each variant without tags rendered (such a text is
/// the same whatever the slots).
///
/// A final class of constants: a reply takes one reference to it rather than copying its
/// seven fields (issue 8).
private final class PreparedAnswer: Sendable {
    let intent: String
    let variants: [Template]
    let fixedTexts: [String?]
    let guidance: Template?
    let guidanceFirst: Bool
    /// A source, and the position of the first one citing the same quote of the same document.
    struct Source: Sendable {
        let ref: Reply.SourceRef
        let condition: SlotCondition?
        let first: Int
    }
    let sources: [Source]
    let hasRepeats: Bool
    /// The sources to list whatever the slots, when none has a condition: each quote once.
    let unconditionalSources: [Reply.SourceRef]?
    let suggestions: [String]

    init(_ response: Response, titles: [String: String], question: (String) -> String) {
        intent = response.intent
        variants = response.variants
        fixedTexts = response.variants.map { $0.fixedText }
        guidance = response.guidance
        guidanceFirst = response.guidanceFirst
        let refs = response.sources.map { Reply.SourceRef(doc: $0.doc, title: titles[$0.doc] ?? "", quote: $0.quote) }
        let firsts = refs.indices.map { k in refs.firstIndex(of: refs[k]) ?? k }
        sources = refs.indices.map { Source(ref: refs[$0], condition: response.sources[$0].condition, first: firsts[$0]) }
        hasRepeats = firsts.enumerated().contains { $0.offset != $0.element }
        unconditionalSources = response.sources.allSatisfy { $0.condition == nil }
            ? refs.indices.filter { firsts[$0] == $0 }.map { refs[$0] } : nil
        suggestions = response.suggestions.map(question)
    }
}
