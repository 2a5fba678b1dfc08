/// Honest scope (issue 19): which of a message's words are about the body, and whether the
/// message is about a neighbour of the articles' subject rather than the subject itself.
extension Engine {
    /// Words that name our symptoms inside longer words of other conditions ("bronchospasm",
    /// "vasospasm", "myoclonic"), looked for in words the content does not know.
    static let symptomRoots = ["spasm", "cramp", "twitch", "myoclon", "fascicul"]

    /// Word senses: a match made only of forms that are ours with body evidence alone ("my
    /// handwriting is cramped", "why did bitcoin jump") counts when its clause has a body part, a
    /// muscle or another of our words, or when the conversation has a topic. The others are dropped.
    func readingSenses(_ analysis: Analysis, topic: Bool) -> (analysis: Analysis, dropped: [String]) {
        let (analysis, adverbs) = readingNouns(analysis)
        let needsBody = content.lexicon.needsBody
        guard !needsBody.isEmpty, !topic else { return (analysis, adverbs) }
        let concepts = content.lexicon.concepts
        let tokens = analysis.tokens
        func surface(_ k: Int) -> String { tokens[k].original ?? tokens[k].word }
        func ambiguous(_ m: ConceptMatch) -> Bool { m.range.allSatisfy { needsBody.contains(surface($0)) } }
        func evidence(_ m: ConceptMatch) -> Bool {
            let concept = concepts[Int(m.conceptIndex)]
            return !ambiguous(m) && (concept.slot == "body_part" || concept.id == "muscle" || concept.scope == .domain)
        }
        let evidenced = Set(analysis.concepts.filter(evidence).map { tokens[$0.range.lowerBound].clause })
        var result = analysis
        var dropped: [String] = []
        result.concepts = analysis.concepts.filter { m in
            guard ambiguous(m), concepts[Int(m.conceptIndex)].scope != .question,
                  !evidenced.contains(tokens[m.range.lowerBound].clause) else { return true }
            dropped.append("\(m.concept) '\(m.range.map(surface).joined(separator: " "))'")
            return false
        }
        if !dropped.isEmpty { Analysis.cover(&result.tokens, by: result.concepts) }
        return (result, adverbs + dropped)
    }

    /// Forms that are our body part only as a noun (`needs_noun`: "back"). A noun marker before it
    /// ("my back", "the lower back") or a word of ours after it ("back spasms", "back pain") makes it
    /// the body part; otherwise an adverb marker before it ("get back", "coming back") or an adverb's
    /// word after it ("back to sleep", "back then") makes it no body part; with neither, it stays.
    func readingNouns(_ analysis: Analysis) -> (analysis: Analysis, dropped: [String]) {
        let lexicon = content.lexicon
        guard !lexicon.needsNoun.isEmpty else { return (analysis, []) }
        let concepts = lexicon.concepts
        let tokens = analysis.tokens
        func surface(_ k: Int) -> String { tokens[k].original ?? tokens[k].word }
        func beside(_ k: Int, _ words: Set<String>) -> Bool {
            k >= 0 && k < tokens.count && words.contains(tokens[k].word)
        }
        // The words that are ours, marked in one pass over the concepts.
        var oursAt = [Bool](repeating: false, count: tokens.count)
        for m in analysis.concepts {
            let concept = concepts[Int(m.conceptIndex)]
            if concept.slot == "symptom" || concept.id == "muscle" || concept.scope == .domain { for k in m.range { oursAt[k] = true } }
        }
        func ours(_ k: Int) -> Bool { oursAt[k] }
        var dropped: [String] = []
        var result = analysis
        result.concepts = analysis.concepts.filter { m in
            guard m.range.count == 1, lexicon.needsNoun.contains(surface(m.range.lowerBound)) else { return true }
            let k = m.range.lowerBound
            let sameClause = { (j: Int) in j >= 0 && j < tokens.count && tokens[j].clause == tokens[k].clause }
            if sameClause(k - 1) && beside(k - 1, lexicon.nounMarkers) { return true }
            if sameClause(k + 1) && ours(k + 1) { return true }
            let adverb = (sameClause(k - 1) && beside(k - 1, lexicon.adverbMarkers)) || (sameClause(k + 1) && beside(k + 1, lexicon.adverbFollowers))
            if adverb { dropped.append("\(m.concept) '\(surface(k))'") }
            return !adverb
        }
        if !dropped.isEmpty { Analysis.cover(&result.tokens, by: result.concepts) }
        return (result, dropped)
    }

    /// A subject named only to be denied ("I'm not diabetic, so why...", "it's not my back, it's my
    /// neck", "no supplements please") does not choose the topic: its concept and its words are
    /// left out of what the topics are matched on (the symptoms stay: "not a cramp, a twitch" is
    /// still about muscles). The names of what was left out, for explanations.
    func withoutDeniedSubjects(_ analysis: Analysis, questions: Set<Int> = []) -> (analysis: Analysis, denied: [String]) {
        let concepts = content.lexicon.concepts
        let tokens = analysis.tokens
        // A symptom denied for another one said instead ("I don't mean cramps, I mean twitches"):
        // the one said counts, the denied one does not.
        let affirmedSymptom = analysis.concepts.contains { !$0.negated && concepts[Int($0.conceptIndex)].slot == "symptom" }
        let affirmedRanges = Set(analysis.concepts.filter { !$0.negated }.map(\.range))
        // Each sentence's first word, and whether a word that asks whether ("how", "if") comes before
        // each word in its clause (one pass: no message makes this quadratic).
        var sentenceStart: [Int: Int] = [:]
        var asksBefore = [Bool](repeating: false, count: tokens.count + 1)
        for (k, token) in tokens.enumerated() {
            if sentenceStart[token.sentence] == nil { sentenceStart[token.sentence] = k }
            let sameClause = k > 0 && tokens[k - 1].clause == token.clause
            asksBefore[k + 1] = (sameClause && asksBefore[k]) || Self.asksWhether.contains(token.word)
        }
        let denied = analysis.concepts.filter { m in
            let concept = concepts[Int(m.conceptIndex)]
            guard concept.scope != .out else { return false }
            if concept.slot == "symptom" { return m.negated && affirmedSymptom && !affirmedRanges.contains(m.range) }
            // (Whether a concept is a subject is asked last: it reads every topic's id.)
            let subject = { concept.slot != nil || self.subjectConcepts[Int(m.conceptIndex)] }
            // Told of, not asked: "massage doesn't do anything for him", "I sleep fine".
            if !m.negated {
                // (A question, with its mark or its opening word, asks: "is massage good for twitches")
                let sentence = tokens[m.range.lowerBound].sentence
                let opener = sentenceStart[sentence].map { Self.questionOpeners.contains(tokens[$0].word) } ?? false
                return !questions.contains(sentence) && !opener && saidNotToMatter(m, in: analysis) && subject()
            }
            guard subject() else { return false }
            // "not enough calcium", "not sleeping enough", "not sure if it's caffeine" name a lack or
            // a doubt, and deny nothing.
            let window = max(0, m.range.lowerBound - 3)..<min(tokens.count, m.range.upperBound + 2)
            // Nor does a question whether it is so ("how do I know it isn't ALS?").
            let start = m.range.lowerBound
            let asked = start > 0 && tokens[start - 1].clause == tokens[start].clause && asksBefore[start]
            return !window.contains { Self.notDenying.contains(tokens[$0].word) } && !asked
        }
        guard !denied.isEmpty else { return (analysis, []) }
        var result = analysis
        let deniedSet = Set(denied)  // (a set: a message of many denied words stays linear)
        result.concepts.removeAll { m in deniedSet.contains(m) }
        for m in denied {
            for k in m.range { (result.tokens[k].stemID, result.tokens[k].stem) = (-1, "") }
        }
        Analysis.cover(&result.tokens, by: result.concepts)
        return (result, denied.map(\.concept))
    }

    /// Which concepts are what some topic is about: the last part of a topic id begins with the
    /// concept's id ("diabetes": cause.diabetes, "supplement": relief.supplements).
    static func subjects(among concepts: [Concept], of intents: [Intent]) -> [Bool] {
        var prefixes = Set<Substring>()
        for intent in intents {
            guard let dot = intent.id.lastIndex(of: ".") else { continue }
            let last = intent.id[intent.id.index(after: dot)...]
            var end = last.startIndex
            while end < last.endIndex { last.formIndex(after: &end); prefixes.insert(last[..<end]) }
        }
        return concepts.map { prefixes.contains(Substring($0.id)) }
    }

    /// Whether the words after a subject say it does not matter here: it has not helped ("massage
    /// doesn't do anything", "rest and stretching haven't fixed them") or it is fine ("I sleep
    /// fine", "my thyroid is normal"). Other subjects named with it ("rest and stretching") are
    /// passed over.
    func saidNotToMatter(_ m: ConceptMatch, in analysis: Analysis) -> Bool {
        let tokens = analysis.tokens
        let clause = tokens[m.range.lowerBound].clause
        var k = m.range.upperBound
        while k < tokens.count, k - m.range.upperBound < 6, tokens[k].clause == clause,
              Self.listWords.contains(tokens[k].word) || tokens[k].covered {
            k += 1
        }
        let after = tokens[k..<min(tokens.count, k + 4)].prefix { $0.clause == clause }.map(\.word)
        guard let first = after.first else { return false }
        if Self.fineWords.contains(first) { return true }
        if first == "is" || first == "are" || first == "was" || first == "seems", after.count > 1, Self.fineWords.contains(after[1]) { return true }
        // An auxiliary, "not" and a verb of effect: "does not do anything", "has not helped". (Not
        // said of a body part, which has no effect: "my eyelid won't stop flickering" goes on.)
        guard Self.auxiliaries.contains(first), after.count > 2, after[1] == "not",
              content.lexicon.concepts[Int(m.conceptIndex)].slot != "body_part" else { return false }
        return Self.effectWords.contains(after[2]) || (after.count > 3 && after[2] == "really" && Self.effectWords.contains(after[3]))
    }

    static let listWords: Set<String> = ["and", "or", "nor", "also", "even"]
    static let circumstanceWords: Set<String> = ["while", "whilst", "when", "whenever", "during", "after", "before", "as"]
    static let questionOpeners: Set<String> = ["is", "are", "can", "could", "does", "do", "will", "would", "should", "what", "how",
                                               "why", "when", "which", "who", "whats"]
    static let fineWords: Set<String> = ["fine", "ok", "okay", "normal", "normally", "well", "great", "good"]
    static let auxiliaries: Set<String> = ["does", "do", "did", "has", "have", "had", "is", "are", "was", "were", "will", "would", "can"]
    static let effectWords: Set<String> = ["help", "helps", "helped", "helping", "work", "works", "worked", "working", "do", "did",
                                           "doing", "fix", "fixed", "fixes", "change", "changed", "stop", "stopped", "make", "made", "seem", "touch"]

    /// Words after a negation that make it no denial: a lack ("not enough"), a doubt ("not sure").
    static let notDenying: Set<String> = ["enough", "sure", "know", "idea", "only", "certain", "much", "many"]
    /// Words that make a denial after them a question whether it is so.
    static let asksWhether: Set<String> = ["how", "tell", "check", "rule", "whether", "if", "certain"]

    /// Names and places are left alone (issue 19): a word written with a capital inside a sentence
    /// ("What is Angelman syndrome?", "after the Tour de France") that spelling correction turned
    /// into one of ours names something else, so the concepts read from it are dropped.
    func leavingNamesAlone(_ analysis: Analysis, text: String) -> Analysis {
        guard analysis.tokens.contains(where: { $0.original != nil }) else { return analysis }
        let names = Self.capitalisedWords(text)
        guard !names.isEmpty else { return analysis }
        var result = analysis
        result.concepts.removeAll { m in m.range.contains { analysis.tokens[$0].original.map(names.contains) ?? false } }
        if result.concepts.count != analysis.concepts.count { Analysis.cover(&result.tokens, by: result.concepts) }
        return result
    }

    /// The words of `text` (lower-cased) written with a capital letter and not first in their
    /// sentence, nor "I".
    static func capitalisedWords(_ text: String) -> Set<String> {
        var names = Set<String>()
        var word = "", capital = false, firstInSentence = true
        func flush() {
            guard !word.isEmpty else { return }
            if capital && !firstInSentence && word != "i" { names.insert(word) }
            firstInSentence = false
            (word, capital) = ("", false)
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic {
                if word.isEmpty { capital = scalar.properties.isUppercase }
                word += scalar.properties.lowercaseMapping
            } else {
                flush()
                if scalar == "." || scalar == "!" || scalar == "?" || scalar == "\n" { firstInSentence = true }
            }
        }
        flush()
        return names
    }

    /// The endings of technical words: "cadaveric", "hemifacial", "dysphonia".
    static let technicalEndings = ["ic", "al", "ary", "eal", "ial", "oid", "ia", "itis", "osis"]

    /// A word as long as a technical term and with a technical ending that no word list knows (or,
    /// with `rareToo`, a rare English one): a named condition rather than a misspelt adjective
    /// ("horible" stays a typo).
    static func isTechnical(_ word: String, _ analyzer: Analyzer, rareToo: Bool) -> Bool {
        guard word.utf8.count >= 7, technicalEndings.contains(where: { word.hasSuffix($0) }),
              word.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) else { return false }
        return rareToo ? analyzer.isRareWord(word) || !analyzer.isVocabulary(word) : !analyzer.isVocabulary(word)
    }

    /// What the message is about instead of our subject, in plain words, or nil: a neighbouring
    /// subject of the lexicon (`scope: out`: tremors, tics, organ cramps...), or one of our words
    /// named by a technical word next to it ("cadaveric spasm", "spasmodic dysphonia") or inside a
    /// longer word ("laryngospasm"): conditions the articles don't cover.
    func neighbour(in analysis: Analysis) -> String? {
        let concepts = content.lexicon.concepts
        let tokens = analysis.tokens
        // A neighbour named in a clause of time or circumstance is when, not what, when one of our body
        // parts is what the message is about: "my calves twitch all evening while I watch tv" is
        // about the calves ("cramps a few days before my period" is not).
        let bodyPart = analysis.concepts.contains { !$0.negated && concepts[Int($0.conceptIndex)].slot == "body_part" }
        func circumstance(_ m: ConceptMatch) -> Bool {
            guard bodyPart else { return false }
            var k = m.range.lowerBound - 1
            while k >= 0, m.range.lowerBound - k <= 4, tokens[k].clause == tokens[m.range.lowerBound].clause {
                if Self.circumstanceWords.contains(tokens[k].word) { return true }
                k -= 1
            }
            return false
        }
        if let out = analysis.concepts.first(where: { concepts[Int($0.conceptIndex)].scope == .out && !$0.negated && !circumstance($0) }) {
            return concepts[Int(out.conceptIndex)].display
        }
        let analyzer = matcher.analyzer
        func surface(_ k: Int) -> String { tokens[k].original ?? tokens[k].word }
        for m in analysis.concepts where m.range.count == 1 && concepts[Int(m.conceptIndex)].slot == "symptom" {
            let i = m.range.lowerBound
            for k in [i - 1, i + 1] where k >= 0 && k < tokens.count && tokens[k].clause == tokens[i].clause && !tokens[k].covered {
                // Before our word, a word no list knows ("cadaveric spasm": "sporadic" is an
                // adjective); after it, a rare English one too ("spasmodic dysphonia").
                if Self.isTechnical(surface(k), analyzer, rareToo: k > i) {
                    return k < i ? "\(surface(k)) \(surface(i))" : "\(surface(i)) \(surface(k))"
                }
            }
        }
        for (k, token) in tokens.enumerated() where !token.covered && token.stemID < 0 {
            let word = surface(k)
            if Self.symptomRoots.contains(where: { word.contains($0) }) { return word }
        }
        return nil
    }
}
