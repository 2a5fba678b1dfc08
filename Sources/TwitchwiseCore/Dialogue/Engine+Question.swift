/// The kind of question a message asks (issue 19, question frames): read from the question
/// itself, so that the subject does not decide it alone ("will the doctor give me anything for
/// the cramps?" asks what the doctor does, whatever the cramps' own topics say).
extension Engine {
    /// The lexicon's kinds of question (`scope: question`), each with its terms as stems.
    struct QuestionKinds: Sendable {
        /// (the topic ids' start, e.g. "relief." or "doctor.specialist"; its terms as stems)
        let kinds: [(prefix: String, terms: [[String]])]

        init(_ lexicon: Lexicon) {
            kinds = lexicon.concepts.filter { $0.scope == .question && $0.id.hasPrefix("ask.") }.map { concept in
                let answered = String(concept.id.dropFirst(4))
                // "ask.relief" is answered by "relief.*", "ask.doctor.tests" by "doctor.tests" itself.
                return (answered.contains(".") ? answered : answered + ".", concept.terms.filter { !$0.isEmpty })
            }
        }
    }

    /// The kinds of question asked in the message's last question (the sentence with a question
    /// mark, or the whole message), in the order they end, leaving out denied ones ("I don't want
    /// a doctor, what can I try at home?"): the starts of the topic ids that answer them.
    func askedQuestion(in analysis: Analysis, text: String) -> [String] {
        let tokens = analysis.tokens
        guard !questionKinds.kinds.isEmpty, !tokens.isEmpty else { return [] }
        // The sentences that hold a question: the last one's words are read.
        let questionSentences = Self.questionSentences(text)
        let lastSentence = tokens.last!.sentence
        let sentence = questionSentences.filter { $0 <= lastSentence }.max()
        var asked: [(end: Int, prefix: String)] = []
        for (start, token) in tokens.enumerated() where sentence == nil || token.sentence == sentence {
            for kind in questionKinds.kinds {
                for term in kind.terms where term[0] == token.stem && start + term.count <= tokens.count {
                    guard term.indices.allSatisfy({ tokens[start + $0].stem == term[$0] }),
                          !tokens[start..<(start + term.count)].contains(where: \.negated) else { continue }
                    asked.append((start + term.count, kind.prefix))
                }
            }
        }
        var seen = Set<String>()
        return asked.sorted { $0.end < $1.end }.map(\.prefix).filter { seen.insert($0).inserted }
    }

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
                if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) { words = true }
            }
        }
        return sentences
    }

    /// When the best of `ranked` answers none of the kinds of question asked, the best that answers
    /// the last one asked, if it scores well enough, promoted to the top ("can yoga help prevent
    /// spasms?" asks both; relief.yoga answers it). A best topic whose own subject the message
    /// names stays: a remedy, a trigger or a condition answers questions of several kinds ("can
    /// yoga prevent spasms?" is relief.yoga's).
    func answeringTheQuestion(_ ranked: [Candidate], asked: [String], in analysis: Analysis) -> [Candidate] {
        guard let top = ranked.first, let prefix = asked.last, !asked.contains(where: { top.intent.hasPrefix($0) }),
              !Self.namesSubject(of: top.intent, analysis),
              matcher.intentIndex[top.intent].map({ matcher.intentDomain[Int($0)] }) == true,
              let k = ranked.firstIndex(where: { $0.intent.hasPrefix(prefix) }),
              ranked[k].score >= max(options.fallbackThreshold, top.score * Self.questionShare) else { return ranked }
        var result = ranked
        let promoted = result.remove(at: k)
        result.insert(promoted, at: 0)
        return result
    }

    /// Whether the message names the topic's own subject: a concept whose id is the topic id's
    /// last part, or begins it ("relief.yoga": yoga; "cause.electrolytes": electrolyte).
    static func namesSubject(of intent: String, _ analysis: Analysis) -> Bool {
        guard let dot = intent.lastIndex(of: "."), !intent.hasSuffix(".overview") else { return false }
        let subject = intent[intent.index(after: dot)...]
        return analysis.concepts.contains { !$0.negated && ($0.concept == subject || subject.hasPrefix($0.concept)) }
    }

    /// How close to the best a topic answering the question asked must score to be chosen.
    static let questionShare = 0.6
}
