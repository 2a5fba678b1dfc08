/// The kind of question a message asks (issue 19, question frames): read from the question
/// itself, so that the subject does not decide it alone ("will the doctor give me anything for
/// the cramps?" asks what the doctor does, whatever the cramps' own topics say).
extension Engine {
    /// The lexicon's kinds of question (`scope: question`), each with its terms as stems.
    struct QuestionKinds: Sendable {
        /// By first stem: each term's other stems and the start of the topic ids that answer its
        /// kind ("relief." or "doctor.specialist"), so a message is read in one pass.
        let byFirst: [String: [(rest: ArraySlice<String>, prefix: String)]]

        /// The last parts of the topic ids the kinds name ("specialist", "treatment", "relief"):
        /// words of a kind of question, not subjects.
        let kindWords: Set<String>

        var isEmpty: Bool { byFirst.isEmpty }

        init(_ lexicon: Lexicon, topics: Set<String>) {
            var byFirst: [String: [(rest: ArraySlice<String>, prefix: String)]] = [:]
            for concept in lexicon.concepts where concept.scope == .question && concept.id.hasPrefix("ask.") {
                let answered = String(concept.id.dropFirst(4))
                // "ask.relief" is answered by "relief.*", "ask.doctor.tests" and "ask.mechanism" by
                // "doctor.tests" and "mechanism" themselves.
                let prefix = answered.contains(".") || topics.contains(answered) ? answered : answered + "."
                for term in concept.terms where !term.isEmpty { byFirst[term[0], default: []].append((term.dropFirst(), prefix)) }
            }
            self.byFirst = byFirst
            kindWords = Set(byFirst.values.joined().map { kind in
                String(kind.prefix.split(separator: ".").last ?? "")
            })
        }
    }

    /// The kinds of question asked in the message's last question (the sentence with a question
    /// mark, or the whole message), in the order they end, leaving out denied ones ("I don't want
    /// a doctor, what can I try at home?"): the starts of the topic ids that answer them.
    /// `questions`: the sentences that end with a question mark (`questionSentences`).
    func askedQuestion(in analysis: Analysis, questions questionSentences: Set<Int>) -> [String] {
        let tokens = analysis.tokens
        guard !questionKinds.isEmpty, !tokens.isEmpty else { return [] }
        // The sentences that hold a question: the last one's words are read.
        let lastSentence = tokens.last!.sentence
        let sentence = questionSentences.filter { $0 <= lastSentence }.max()
        var asked: [(start: Int, end: Int, prefix: String)] = []
        let premises = Self.premiseClauses(tokens)
        for (start, token) in tokens.enumerated() where sentence == nil || token.sentence == sentence {
            for (rest, prefix) in questionKinds.byFirst[token.stem] ?? [] {
                // A kind denied before it is not asked ("I don't want to know how long"); one with its
                // own negation is ("so they don't keep coming back").
                guard !tokens[start].negated, !premises[start],
                      let end = Self.end(of: rest, after: start, in: tokens) else { continue }
                asked.append((start, end, prefix))
            }
        }
        // "What can I do so they don't keep coming back?": a kind asked in a purpose clause after
        // the question is what the question asks; the "what can I do" before it only opens it.
        // (Purpose words counted up to each word, and each kind's last start: linear in the message.)
        var purposeBefore = [0]
        for token in tokens { purposeBefore.append(purposeBefore.last! + (Self.purposeWords.contains(token.word) ? 1 : 0)) }
        var lastStart: [String: Int] = [:]
        for kind in asked { lastStart[kind.prefix] = max(lastStart[kind.prefix] ?? 0, kind.start) }
        asked.removeAll { opener in
            lastStart.contains { prefix, start in
                prefix != opener.prefix && start >= opener.end && purposeBefore[start] > purposeBefore[opener.end]
            }
        }
        if let choice = choiceBetweenSymptoms(in: analysis, sentence: sentence) {
            asked.append((choice.lowerBound, choice.upperBound, Self.differenceTopic))
        }
        var seen = Set<String>()
        return asked.sorted { $0.end < $1.end }.map(\.prefix).filter { seen.insert($0).inserted }
    }

    /// The sentences a question is about: the question sentences, and the one before each that
    /// points back to it ("Not my back, it's my neck that keeps spasming. What could cause that?").
    /// Nil when the message asks no question with a mark: all of it, then.
    func questionScope(_ analysis: Analysis, _ questions: Set<Int>) -> Set<Int>? {
        guard !questions.isEmpty else { return nil }
        var scope = questions
        for token in analysis.tokens where questions.contains(token.sentence) && Self.pointingBack.contains(token.word) {
            scope.insert(token.sentence - 1)
        }
        return scope
    }
    static let pointingBack: Set<String> = ["that", "this", "it", "they", "them", "those", "these"]

    /// For authoring (`check`): the kinds of question `text` asks that `intent` does not answer, or
    /// none. A topic whose own subject the text names (a remedy, a trigger, a condition) answers
    /// questions of several kinds, so it is never at odds with one.
    public func kindsNotAnswered(in text: String, by intent: String) -> [String] {
        let analysis = matcher.analyzer.analyze(text)
        let asked = askedQuestion(in: analysis, questions: Self.questionSentences(text))
        guard !asked.isEmpty, !asked.contains(where: { intent.hasPrefix($0) }), !namesSubject(of: intent, analysis) else { return [] }
        return asked.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }
    }

    /// The topic a choice between symptoms asks for.
    static let differenceTopic = "define.difference"

    /// A choice between our symptoms asks how they differ, whatever words ask it: "is that a twitch
    /// or a spasm?", "the diff between a cramp and a spasm", "which is the mildest: a twitch, a spasm
    /// or a cramp?". Two different symptoms side by side, joined by "or" or "vs" in a question that
    /// opens with "is", "which" or "what", or by "and" after "between". ("Do you get cramps or spasms
    /// from low magnesium?" asks a cause, and "cramps and spasms after running" is no choice.)
    func choiceBetweenSymptoms(in analysis: Analysis, sentence: Int?) -> Range<Int>? {
        guard matcher.intentIndex[Self.differenceTopic] != nil else { return nil }
        let tokens = analysis.tokens
        let symptoms = definedSymptoms(analysis).filter { m in sentence == nil || tokens[m.range.lowerBound].sentence == sentence }
            .sorted { $0.range.lowerBound < $1.range.lowerBound }
        for (a, b) in zip(symptoms, symptoms.dropFirst()) where a.concept != b.concept && a.range.upperBound <= b.range.lowerBound {
            let joining = tokens[a.range.upperBound..<b.range.lowerBound].map(\.word)
            guard joining.allSatisfy({ Self.choiceJoiners.contains($0) }), let joiner = joining.first(where: { $0 != "a" && $0 != "an" }) else { continue }
            let s = tokens[a.range.lowerBound].sentence
            let before = tokens[..<a.range.lowerBound].reversed().prefix { $0.sentence == s }.map(\.word)
            // The choice is what is asked, not the object of something else: "is there medication
            // for twitching or spasms?" asks about medication.
            let governed = before.first { !["a", "an", "the", "muscle", "muscles"].contains($0) }.map(Self.prepositions.contains) == true
            if joiner == "and" ? before.contains("between")
                : (before.contains("between") || (!governed && before.last.map(Self.choiceOpeners.contains) == true)) {
                return a.range.lowerBound..<b.range.upperBound
            }
        }
        return nil
    }
    /// The affirmed mentions of the symptoms the articles define, each with a topic of its own
    /// (define.twitch, define.spasm, define.cramp).
    func definedSymptoms(_ analysis: Analysis) -> [ConceptMatch] {
        let concepts = content.lexicon.concepts
        return analysis.concepts.filter { m in
            !m.negated && concepts[Int(m.conceptIndex)].slot == "symptom" && matcher.intentIndex["define." + m.concept] != nil
        }
    }

    /// Whether the message names two different symptoms the articles define.
    func namesTwoSymptoms(_ analysis: Analysis) -> Bool { Set(definedSymptoms(analysis).map(\.concept)).count >= 2 }
    static let choiceJoiners: Set<String> = ["a", "an", "or", "vs", "versus", "and"]
    static let choiceOpeners: Set<String> = ["is", "which", "what", "are", "was"]
    static let prepositions: Set<String> = ["for", "about", "from", "with", "of", "after", "during", "in", "on", "by", "to", "against"]

    /// The premises: clauses that open with "if", "once" and the like and that another clause of
    /// their sentence follows ("If I go to the doctor about my spasms, what will they do to treat
    /// them?" asks about treatment, not when to go). One pass over the words.
    /// Written without a comma, a premise ends where its question opens: "if I go to the doctor for
    /// these spasms what will they do to treat it?" (`premiseWords` … a question word). The words
    /// of a premise, by position.
    static func premiseClauses(_ tokens: [Token]) -> [Bool] {
        var premise = [Bool](repeating: false, count: tokens.count)
        var k = 0
        while k < tokens.count {
            guard k == 0 || tokens[k].clause != tokens[k - 1].clause, premiseWords.contains(tokens[k].word) else { k += 1; continue }
            // The clause's end: the next word of another clause, if it is in the same sentence.
            var next = k + 1
            while next < tokens.count, tokens[next].clause == tokens[k].clause, !(next > k + 2 && questionOpenings.contains(tokens[next].word)) {
                next += 1
            }
            if next < tokens.count, tokens[next].sentence == tokens[k].sentence { for j in k..<next { premise[j] = true } }
            k = next
        }
        return premise
    }

    /// Words that open the question after a premise written without a comma.
    static let questionOpenings: Set<String> = ["what", "how", "which", "who", "why", "when", "should", "will", "would", "is", "are"]

    static let premiseWords: Set<String> = ["if", "once", "after", "before", "unless"]

    /// Where a kind's term whose first stem is at `start` ends, its other stems following in order;
    /// words that only stress it may come between ("when should I actually see a doctor").
    static func end(of rest: ArraySlice<String>, after start: Int, in tokens: [Token]) -> Int? {
        var k = start + 1
        for stem in rest {
            // (Two such words at most: a run of them costs no more than two.)
            var skipped = 0
            while k < tokens.count, skipped < 2, tokens[k].stem != stem, Self.stressWords.contains(tokens[k].word) { k += 1; skipped += 1 }
            guard k < tokens.count, tokens[k].stem == stem else { return nil }
            k += 1
        }
        return k
    }

    static let stressWords: Set<String> = ["actually", "really", "just", "even", "ever", "honestly", "seriously", "definitely",
                                           "usually", "normally", "typically", "generally", "commonly",
                                           "possibly", "still", "exactly", "truly"]

    /// Words that open a purpose clause ("so they stop", "to keep them away").
    static let purposeWords: Set<String> = ["so", "to", "order"]

    /// The sentence numbers (as the normaliser counts them) that end with a question mark.
    static func questionSentences(_ text: String) -> Set<Int> {
        var sentences = Set<Int>(), sentence = 0, words = false
        for scalar in text.unicodeScalars {
            switch scalar {
            case "?":
                sentences.insert(sentence)
                if words { sentence += 1; words = false }
            case ".", "!", "\n":
                if words { sentence += 1; words = false }
            default:
                // (ASCII first: a Unicode property lookup for every letter cost a tenth of a request.)
                if scalar.isASCII {
                    let v = scalar.value
                    if (0x61...0x7A).contains(v) || (0x41...0x5A).contains(v) || (0x30...0x39).contains(v) { words = true }
                } else if scalar.properties.isAlphabetic { words = true }
            }
        }
        return sentences
    }

    /// When the best of `ranked` answers none of the kinds of question asked, the best that answers
    /// the last one asked, if it scores well enough, promoted to the top ("can yoga help prevent
    /// spasms?" asks both; relief.yoga answers it). A best topic whose own subject the message
    /// names stays: a remedy, a trigger or a condition answers questions of several kinds ("can
    /// yoga prevent spasms?" is relief.yoga's).
    /// (A subject named only in the story before the question, "Last night mine felt like forever",
    /// does not keep the best topic against the kind asked: "How long is a leg cramp supposed to last?")
    /// A follow-up that asks a kind of question keeps the subject and changes the kind: "what should
    /// I do about it?" after back spasms is a question of relief, however well the back's own topic
    /// scores from the conversation (`followUp`).
    func answeringTheQuestion(_ ranked: [Candidate], asked: [String], in analysis: Analysis, questions: Set<Int> = [],
                              followUp: Bool = false) -> [Candidate] {
        guard let top = ranked.first, let prefix = asked.last,
              matcher.intentIndex[top.intent].map({ matcher.intentDomain[Int($0)] }) == true,
              !asked.contains(where: { top.intent.hasPrefix($0) }),
              // (A choice between symptoms names each of them: their definitions don't answer it.)
              !namesSubject(of: top.intent, analysis, in: questionScope(analysis, questions))
                // (A question of the difference that names two of the symptoms, as a choice or told
                // before it, is about them: "My physio said I had a 'spasm', my mate calls it a
                // cramp... Are those all the same thing?")
                || (prefix == Self.differenceTopic && namesTwoSymptoms(analysis))
        else { return ranked }
        let chosen: Candidate
        if !prefix.hasSuffix(".") {
            // A kind answered by one topic ("what would a doctor do": doctor.treatment) is that
            // topic's whenever it scores above the fallback.
            guard var only = ranked.first(where: { $0.intent == prefix }) ?? matcher.rank(analysis, among: [prefix], limit: 1).first
            else { return ranked }
            if prefix == Self.differenceTopic, namesTwoSymptoms(analysis) {
                // A choice between two of our symptoms is that topic's, however few of its words the
                // message has: the frame says so, with the confidence of the best reading.
                only.score = max(only.score, min(top.score, 1))
                only.evidence = "a choice between symptoms; " + only.evidence
            }
            guard only.score >= options.fallbackThreshold else { return ranked }
            chosen = only
        } else {
            // A kind of many (relief.*): the best of them, if it scores close to the best.
            // (Looked for among the kind's own topics when the words ranked none of them high: "what
            // can I do so I stop getting cramps in the first place?" has the words of relief.)
            let kindTopics = { topicsByPrefix[prefix] ?? [] }
            // (An overview has no subject of its own to hold it: the words that chose it are those of
            // the question, so a kind more particular than "what can I do" (relief) decides.)
            let share = followUp || (top.intent.hasSuffix(".overview") && prefix != "relief.") ? 0 : Self.questionShare
            guard let best = ranked.first(where: { $0.intent.hasPrefix(prefix) }) ?? matcher.rank(analysis, among: kindTopics(), limit: 1).first,
                  best.score >= max(options.fallbackThreshold, top.score * share) else { return ranked }
            chosen = best
        }
        return [chosen] + ranked.filter { $0.intent != chosen.intent }
    }

    /// Subjects are typed: when the best is an overview and a topic of the kinds asked names its
    /// own subject and scores well enough, that topic answers ("could massage prevent my cramps?"
    /// is relief.massage's, not prevention.overview's).
    /// A trigger told of in a story answers a question of another kind only when the question names
    /// it: "I drink mostly coffee ... What can I change to prevent it?" asks how to prevent, but
    /// "can cutting out coffee prevent twitches?" is about coffee.
    func namingTheSubject(_ ranked: [Candidate], asked: [String], in analysis: Analysis, questions: Set<Int> = []) -> [Candidate] {
        guard let top = ranked.first, top.intent.hasSuffix(".overview"),
              let k = ranked.dropFirst().firstIndex(where: { candidate in
                  let storyTrigger = candidate.intent.hasPrefix("cause.") && !asked.contains("cause.")
                  // (Only the question itself: its "it" is the trouble told, not the trigger.)
                  return namesSubject(of: candidate.intent, analysis, in: storyTrigger && !questions.isEmpty ? questions : nil)
                      && candidate.score >= max(options.fallbackThreshold, top.score * Self.questionShare)
                      && (asked.isEmpty || asked.contains(where: candidate.intent.hasPrefix) || Self.isRemedyOrTrigger(candidate.intent))
              }) else { return ranked }
        var result = ranked
        let named = result.remove(at: k)
        result.insert(named, at: 0)
        return result
    }

    /// Topics about a remedy or a trigger answer questions of several kinds (whether it helps,
    /// prevents, causes).
    static func isRemedyOrTrigger(_ intent: String) -> Bool { intent.hasPrefix("relief.") || intent.hasPrefix("cause.") }

    /// Whether the message names the topic's own subject: a concept whose id is the topic id's
    /// last part, or begins it ("relief.yoga": yoga; "cause.electrolytes": electrolyte).
    /// (A word of a kind of question is no subject: "who treats it?" names no treatment.)
    /// `sentences`: only in these sentences.
    func namesSubject(of intent: String, _ analysis: Analysis, in sentences: Set<Int>? = nil) -> Bool {
        guard let dot = intent.lastIndex(of: "."), !intent.hasSuffix(".overview") else { return false }
        let subject = intent[intent.index(after: dot)...]
        // (A symptom is what nearly every message names: "cramp" names no subject for define.cramp.)
        let concepts = content.lexicon.concepts
        return analysis.concepts.contains { m in
            !m.negated && subject.hasPrefix(m.concept) && !questionKinds.kindWords.contains { $0.hasPrefix(m.concept) }
                && concepts[Int(m.conceptIndex)].slot != "symptom"
                && sentences.map { $0.contains(analysis.tokens[m.range.lowerBound].sentence) } ?? true
        }
    }

    /// How close to the best a topic answering the question asked must score to be chosen.
    static let questionShare = 0.6
}
