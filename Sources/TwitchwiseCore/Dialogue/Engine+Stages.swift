/// The stages of `Engine.respond` after triage: read the message, rank the topics, decide, reply.
/// Each stage notes what it did in the explanation recorder (the reply's `explain`).
extension Engine {
    /// A message as read: its analysis (after word senses), the slots it fills, and what decides
    /// whether it is a follow-up or a neighbouring subject.
    struct Reading {
        var analysis: Analysis
        var slots: [String: String]
        /// The sentences that end with a question mark.
        let questions: Set<Int>
        let hasDomainWord: Bool
        /// A neighbouring subject the articles don't cover, named.
        let declined: String?
        let unknownWords: Int
        let followUp: Bool
        /// The kinds of question the message asks (`askedQuestion`).
        let asked: [String]
    }

    /// The topics ranked for a message.
    struct Ranking {
        var ranked: [Candidate] = []
        /// The topic is the choice after a clarifying question.
        var chosen = false
        /// The best was chosen for the kind of question asked: no clarifying question between it and
        /// a topic of another kind.
        var answersTheQuestion = false
    }

    enum Decision {
        case answer(Candidate, index: Int?)
        case clarify([Candidate])
        case fallback(String, declined: String? = nil)
    }

    // MARK: Reading

    func read(_ text: String, state: SessionState, notes: inout ExplanationRecorder) -> Reading {
        let recent = state.lastIntent != nil && state.topicAge < options.contextTurns
        // Word senses: "cramped" handwriting and a bitcoin "jump" are not ours.
        let (analysis, droppedSenses) = readingSenses(leavingNamesAlone(matcher.analyzer.analyze(text), text: text), topic: recent)
        let concepts = content.lexicon.concepts
        notes.note { explain in
            explain.reading = droppedSenses.map { "sense: \($0) is not about the body here" }
            explain.normalized = analysis.normalizedText
            explain.corrections = analysis.corrections
            explain.terms = analysis.concepts.map {
                Explanation.Term(text: analysis.tokens[$0.range].map(\.word).joined(separator: " "), concept: $0.concept,
                                 negated: $0.negated || $0.past)
            }
        }

        // Slots from this message.
        // Room for every concept's slot at once (growing a dictionary moves every entry).
        var slots = analysis.concepts.isEmpty ? [:] : [String: String](minimumCapacity: analysis.concepts.count)
        // Who is asking is read from the question when it says: "my aunt has MS ... could this mean I
        // have MS too?" asks as someone wondering, not as someone diagnosed.
        let questions = Self.questionSentences(text)
        let askerInQuestion = analysis.concepts.first { m in
            !m.negated && concepts[Int(m.conceptIndex)].slot == Self.askerSlot && questions.contains(analysis.tokens[m.range.lowerBound].sentence)
        }
        for match in analysis.concepts where !match.negated {
            guard let slot = concepts[Int(match.conceptIndex)].slot, slots[slot] == nil else { continue }
            if slot == Self.askerSlot, let asked = askerInQuestion, asked.range != match.range { continue }
            slots[slot] = match.concept
            notes.note { $0.slotSources[slot] = "message: '\(analysis.tokens[match.range].map(\.word).joined(separator: " "))'" }
        }

        let hasDomainWord = analysis.concepts.contains { concepts[Int($0.conceptIndex)].scope == .domain }
        let cue = analysis.has(Reserved.followUp)
        let unknown = matcher.unknownWordCount(analysis)
        // A message about something else entirely is no follow-up ("how do I bake bread?"). One
        // that asks a kind of question of what came before is one ("what should I do about it?").
        let asked = askedQuestion(in: analysis, questions: questions)
        let followUp = recent && unknown <= 1 && (matcher.hasKnownFeature(analysis, ignoring: Reserved.followUp) || (cue && !asked.isEmpty))
            && (!hasDomainWord || (cue && analysis.tokens.count <= 12))
        notes.always { $0.followUp = followUp }
        return Reading(analysis: analysis, slots: slots, questions: questions, hasDomainWord: hasDomainWord,
                       declined: neighbour(in: analysis), unknownWords: unknown, followUp: followUp, asked: asked)
    }

    // MARK: Ranking

    /// The topics for a message: the choice after a clarifying question, or the matcher's ranking,
    /// with a follow-up's context (the earlier slots join the reading's) and the kind of question asked.
    func rank(_ reading: inout Reading, state: SessionState, notes: inout ExplanationRecorder) -> Ranking {
        var ranking = Ranking()
        let analysis = reading.analysis
        if !state.candidates.isEmpty, let pick = choice(in: analysis, among: state.candidates) {
            ranking.chosen = true
            ranking.ranked = [Candidate(intent: pick, score: 1, evidence: "the choice after a clarifying question", viaPattern: false)]
        } else {
            var context: [String: Double] = [:]
            var contextConcepts = Set<String>()
            if reading.followUp {
                for (slot, value) in state.slots where reading.slots[slot] == nil {
                    reading.slots[slot] = value
                    notes.note { $0.slotSources[slot] = "session" }
                    context["c:" + value] = 0.45
                    contextConcepts.insert(value)
                }
                // The last intent's question as features: the context a follow-up carries.
                for name in state.lastIntent.map({ matcher.questionFeatures(of: $0) }) ?? [] where context[name] == nil {
                    context[name] = 0.25
                }
            }
            // Small talk does not answer a message about something else ("can you
            // help me file my taxes"), and counts less in one about muscles.
            let smallTalk: Matcher.SmallTalk = reading.unknownWords >= 2 ? .drop : (reading.hasDomainWord ? .halve : .keep)
            // The decision reads the best two; an explanation shows three; a question of a kind
            // looks further for a topic that answers that kind.
            let asked = reading.asked
            let (matched, denied) = withoutDeniedSubjects(analysis, questions: reading.questions)
            if !denied.isEmpty { notes.note { $0.reading.append("denied: \(denied.joined(separator: ", "))") } }
            var ranked = matcher.rank(matched, context: context, contextConcepts: contextConcepts, smallTalk: smallTalk,
                                      limit: !asked.isEmpty ? 8 : (notes.isRecording ? 3 : 2))
            if !asked.isEmpty {
                let answered = answeringTheQuestion(ranked, asked: asked, in: matched, questions: reading.questions,
                                                    followUp: reading.followUp)
                let answering = namingTheSubject(answered, asked: asked, in: matched, questions: reading.questions)
                let answers = answering.first?.intent != ranked.first?.intent
                ranking.answersTheQuestion = answers
                notes.note { [ranked] explain in
                    let kinds = asked.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }.joined(separator: ", ")
                    explain.reading.append("question: \(kinds)" + (answers ? " (chosen over \(ranked[0].intent))" : ""))
                }
                ranked = answering
            }
            ranking.ranked = ranked
        }
        notes.note { [ranked = ranking.ranked] explain in
            explain.top = ranked.prefix(3).map { Explanation.Score(intent: $0.intent, score: $0.score, evidence: $0.evidence) }
            explain.patterns = ranked.prefix(1).filter(\.viaPattern).map(\.evidence)
        }
        return ranking
    }

    // MARK: Deciding

    /// Answer the best topic, ask which of two close ones, or fall back (below the threshold, a
    /// neighbouring subject, no word about muscles).
    func decide(_ ranking: Ranking, _ reading: Reading, notes: inout ExplanationRecorder) -> Decision {
        guard let top = ranking.ranked.first else { return .fallback("nothing in the message matches any topic") }
        let index = matcher.intentIndex[top.intent].map(Int.init)
        // The intent's kind (nil for an unknown one), without copying the intent.
        let domain = index.map { matcher.intentDomain[$0] }
        let second = ranking.ranked.dropFirst().first
        let threshold = domain == false ? options.smallTalkThreshold : options.fallbackThreshold
        if let declined = reading.declined, domain != false {
            notes.note { $0.reading.append("neighbour: \(declined)") }
            return .fallback("a neighbouring subject: \(declined)", declined: declined)
        } else if domain == true && !reading.hasDomainWord && !reading.followUp && !top.viaPattern && !ranking.chosen
                    && !(reading.unknownWords == 0 && (index.map { matcher.meetsRequirements(intentAt: $0, reading.analysis) } ?? false)) {
            return .fallback("no word about muscles, and no earlier topic to refer to")
        } else if top.score < threshold {
            return .fallback("best score \(DecimalText.fixed(top.score, decimals: 2)) is below the threshold \(DecimalText.fixed(threshold, decimals: 2))")
        } else if let second, !ranking.answersTheQuestion, top.score < options.clarifyCeiling, top.score - second.score < options.clarifyMargin,
                  matcher.intentIndex[second.intent].map({ matcher.intentDomain[Int($0)] }) == domain {
            return .clarify(Array(ranking.ranked.prefix(2)))
        }
        return .answer(top, index: index)
    }

    // MARK: Replying

    func reply(_ decision: Decision, _ reading: Reading, _ ranking: Ranking, state: inout SessionState,
               notes: ExplanationRecorder) -> Reply {
        var notes = notes
        let slots = reading.slots
        switch decision {
        case .answer(let top, let index):
            notes.note { $0.decision = "answer: \(top.intent) (\(DecimalText.fixed(top.score, decimals: 2)))" }
            let reply = answer(index, confidence: top.score, slots: slots, state: &state, explain: notes.explanation)
            state.lastIntent = top.intent
            state.topicAge = 0
            state.slots = slots
            return reply
        case .clarify(let options):
            notes.note { $0.decision = "clarify: the two best are too close" }
            state.candidates = options.map(\.intent)
            let list = options.enumerated().map { ["number": String($0.offset + 1), "question": question(of: $0.element.intent)] }
            let text = content.system.clarify.render(values(slots, lists: ["candidates": list]))
            state.topicAge += 1
            return Reply(kind: .clarify, intent: nil, confidence: options[0].score, urgent: false, slots: slots, answer: text,
                         sources: [], suggestions: [], candidates: options.map(\.intent), explain: notes.explanation)
        case .fallback(let why, let declined):
            notes.note { $0.decision = "fallback: \(why)" }
            var slots = slots
            if let declined { slots[Reserved.declined] = declined }
            let variant = pick(content.system.fallback.count, state: state, key: "fallback")
            var text = content.system.fallback.isEmpty ? "" : content.system.fallback[variant].render(values(slots))
            let net = content.system.safetyNet
            if !net.isEmpty { text = text.isEmpty ? net : Self.paragraphs(CollectionOfOne(text), then: net) }
            state.topicAge += 1
            return Reply(kind: .fallback, intent: nil, confidence: ranking.ranked.first?.score ?? 0, urgent: false, slots: slots,
                         answer: text, guidance: net, sources: [], suggestions: [], candidates: [], explain: notes.explanation)
        }
    }
}
