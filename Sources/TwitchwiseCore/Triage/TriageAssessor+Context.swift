/// Context, in the style of NegEx/ConText: which feature mentions a cue keeps from counting.
///
/// - negated ("no", "not", "never", "without"): the words after it, up to `negationReach`, within
///   the clause; a list goes on past a comma ("no fever, rash or stiff neck"), a new subject does not.
/// - hypothetical ("what if", "can stress cause", "signs of"): the rest of the sentence, up to a
///   terminator or the present ("but now").
/// - historical, resolved, habitual ("as a kid", "it's gone now", "every time I run"): their
///   clause; a clause that holds only the cue ("..., but that was years ago") speaks of its
///   neighbours in the sentence, up to a present-time cue.
/// - Other senses of a feature's words (`unless` terms) in the same clause.
extension TriageAssessor {
    /// How many words after a negation it reaches (NegEx uses five).
    static let negationReach = 6

    /// Words that start a new subject after a comma, which ends a negation's list.
    static let subjectWords: Set<String> = [
        "i", "he", "she", "they", "we", "you", "it", "my", "his", "her", "their", "our", "your", "the", "this", "that", "now",
        "and", "then", "so", "but", "everything", "everyone", "there", "someone", "nobody",
    ]

    func context(_ found: [Found], in text: TriageText) -> [Mention] {
        let tokens = text.tokens
        let n = tokens.count
        // The cue keeping each word from counting (its kind and words), if any.
        var blocked = [String?](repeating: nil, count: n)
        func words(_ f: Found) -> String { tokens[f.start..<f.end].map(\.word).joined(separator: " ") }
        func block(_ k: Int, _ why: String) { if blocked[k] == nil { blocked[k] = why } }

        var clauseHasFeature = Set<Int>()
        var clauseIsCurrent = Set<Int>()
        for f in found {
            if case .feature = f.owner { clauseHasFeature.insert(tokens[f.start].clause) }
            if f.owner == .cue(.current) { clauseIsCurrent.insert(tokens[f.start].clause) }
        }
        // Clauses and sentences by their first and last word.
        var clauseRange: [Int: Range<Int>] = [:], sentenceRange: [Int: Range<Int>] = [:]
        for (k, t) in tokens.enumerated() {
            clauseRange[t.clause] = (clauseRange[t.clause]?.lowerBound ?? k)..<(k + 1)
            sentenceRange[t.sentence] = (sentenceRange[t.sentence]?.lowerBound ?? k)..<(k + 1)
        }
        var sentenceHasFeature = Set<Int>()
        for f in found { if case .feature = f.owner { sentenceHasFeature.insert(tokens[f.start].sentence) } }
        // A sentence that is only a cue ("Nothing like that is happening to me.", "That was years
        // ago.") speaks of the sentence before it.
        var markedSentences = Set<Int>()
        func markPreviousSentence(of sentence: Int, _ why: String) {
            guard !sentenceHasFeature.contains(sentence), sentence > 0, markedSentences.insert(sentence - 1).inserted else { return }
            for k in sentenceRange[sentence - 1] ?? 0..<0 { block(k, why) }
        }

        let terminatorStarts = Set(found.filter { $0.owner == .cue(.terminator) }.map(\.start))
        // Each scope is marked once: a hypothetical scope reaches up to here already, and these
        // clauses are marked already (so no message makes this quadratic).
        var hypotheticalReach = 0
        var markedClauses = Set<Int>()
        // A negated resolution or pattern is none: "hasn't eased", "not reacting", "never settles".
        var inverted = Set<Int>()
        let cueFound = found.enumerated().filter { $0.element.owner.isCue }
        for (k, (index, cue)) in cueFound.enumerated() where cue.owner == .cue(.negated) {
            guard k + 1 < cueFound.count else { continue }
            let (nextIndex, next) = cueFound[k + 1]
            guard next.start >= cue.end, next.start - cue.end <= 2, tokens[next.start].sentence == tokens[cue.start].sentence
            else { continue }
            switch next.owner {
            case .cue(.resolved), .cue(.habitual): inverted.formUnion([index, nextIndex])
            default: break
            }
        }
        for (index, f) in found.enumerated() {
            guard case .cue(let kind) = f.owner, !inverted.contains(index) else { continue }
            let why = "\(kind.rawValue) by '\(words(f))'"
            let sentence = tokens[f.start].sentence, clause = tokens[f.start].clause
            switch kind {
            case .negated:
                markPreviousSentence(of: sentence, why)
                var k = f.end
                while k < n, k < f.end + Self.negationReach, tokens[k].sentence == sentence {
                    if tokens[k].clause != tokens[k - 1].clause {
                        // A new clause: a list goes on after a comma, a new subject or a terminator does not.
                        guard tokens[k].afterSoftBreak, !Self.subjectWords.contains(tokens[k].word) else { break }
                    }
                    block(k, why)
                    k += 1
                }
            case .hypothetical:
                var k = max(f.end, hypotheticalReach)
                while k < n, tokens[k].sentence == sentence {
                    if tokens[k].clause != tokens[k - 1].clause {
                        // The present, or a new subject after a comma, ends what was supposed.
                        if clauseIsCurrent.contains(tokens[k].clause) { break }
                        if tokens[k].afterSoftBreak, Self.subjectWords.contains(tokens[k].word) { break }
                    }
                    if terminatorStarts.contains(k) { break }
                    block(k, why)
                    k += 1
                }
                hypotheticalReach = max(hypotheticalReach, k)
            case .generic:
                if markedSentences.insert(sentence).inserted { for k in sentenceRange[sentence] ?? 0..<0 { block(k, why) } }
                markPreviousSentence(of: sentence, why)
            case .historical, .resolved, .habitual:
                markPreviousSentence(of: sentence, why)
                var clauses = [clause]
                if !clauseHasFeature.contains(clause) {
                    // The cue's clause holds no feature: it speaks of its neighbours in the sentence.
                    for step in [-1, 1] {
                        var c = clause + step
                        while let r = clauseRange[c], tokens[r.lowerBound].sentence == sentence, !clauseIsCurrent.contains(c),
                              !markedClauses.contains(c) {
                            clauses.append(c)
                            if clauseHasFeature.contains(c) { break }
                            c += step
                        }
                    }
                }
                for c in clauses where markedClauses.insert(c).inserted {
                    for k in clauseRange[c] ?? 0..<0 { block(k, why) }
                }
            case .current, .terminator, .pseudo, .anaphor:
                break
            }
        }

        // Other senses: an `unless` term of the feature in the same clause.
        struct Place: Hashable { let feature: Int, clause: Int }
        var senses: [Place: String] = [:]
        let (senseByStem, senseNumbers) = senseTables
        for i in 0..<n {
            for entry in (senseByStem[tokens[i].stem] ?? []) + (tokens[i].number != nil ? senseNumbers : []) {
                guard case .feature(let f) = entry.owner, let end = Self.end(of: entry.words, at: i, in: tokens) else { continue }
                let place = Place(feature: f, clause: tokens[i].clause)
                if senses[place] == nil { senses[place] = tokens[i..<end].map(\.word).joined(separator: " ") }
            }
        }

        // An anaphor ("she just had one") mentions again the feature mentioned last before it.
        var lastFeature: Int?
        var resolvedFound: [Found] = []
        for f in found.sorted(by: { $0.start < $1.start }) {
            if case .feature(let index) = f.owner { lastFeature = index; resolvedFound.append(f) }
            if f.owner == .cue(.anaphor), let last = lastFeature { resolvedFound.append(Found(owner: .feature(last), start: f.start, end: f.end)) }
        }
        return resolvedFound.compactMap { f -> Mention? in
            guard case .feature(let index) = f.owner else { return nil }
            let span = f.start..<f.end
            var why = span.lazy.compactMap { blocked[$0] }.first
            if why == nil, let other = senses[Place(feature: index, clause: tokens[f.start].clause)] {
                why = "another sense: '\(other)'"
            }
            let onlySupposed = why.map { $0.hasPrefix("negated") || $0.hasPrefix("hypothetical") || $0.hasPrefix("generic")
                || $0.hasPrefix("another") } ?? false
            return Mention(feature: triage.features[index].id, words: words(f), blockedBy: why, mentioned: !onlySupposed,
                           sentence: tokens[f.start].sentence)
        }
    }

    /// The presentations whose patterns hold: every group with an affirmed mention within one
    /// sentence or two neighbouring ones, and an exposure mentioned anywhere when one is needed.
    func presentations(holding mentions: [Mention]) -> [Presentation] {
        var affirmed: [String: Set<Int>] = [:]   // feature -> sentences
        var mentioned = Set<String>()
        for m in mentions {
            if m.blockedBy == nil { affirmed[m.feature, default: []].insert(m.sentence) }
            if m.mentioned { mentioned.insert(m.feature) }
        }
        guard !affirmed.isEmpty else { return [] }
        let sentences = Set(affirmed.values.joined())
        let holding = triage.presentations.filter { p in
            guard p.exposure.isEmpty || p.exposure.contains(where: mentioned.contains) else { return false }
            return p.patterns.contains { pattern in
                sentences.contains { s in
                    pattern.allSatisfy { group in
                        group.contains { affirmed[$0].map { $0.contains(s) || $0.contains(s + 1) } ?? false }
                    }
                }
            }
        }
        return holding.filter { $0.level == .emergency } + holding.filter { $0.level != .emergency }
    }
}
