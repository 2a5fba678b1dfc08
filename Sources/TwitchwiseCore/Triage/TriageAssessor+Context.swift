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

    /// Words that open a yes/no question, the words of one asked about a condition in general (as
    /// stems), and the words that make it about someone.
    static let questionOpeners: Set<String> = ["is", "are", "can", "could", "does", "do", "will", "would", "might", "may", "should"]
    static let generalQuestionWords: Set<String> = Set(["sign", "signs", "symptom", "symptoms", "cause", "causes", "caused", "mean",
                                                        "means", "linked", "worry", "urgent", "serious", "dangerous", "related", "indicate", "indicates",
                                                        "make", "makes", "trigger", "triggers", "lead", "leads", "give", "gives"].map(Stemmer.stem))
    /// Verbs of what something becomes, before "into" or "to" ("turn into", "lead to", "develop into").
    static let becomingWords: Set<String> = Set(["turn", "turns", "lead", "leads", "develop", "develops", "progress", "progresses",
                                                 "become", "becomes", "evolve", "evolves"].map(Stemmer.stem))
    /// ("you" is anyone in such a question: "can caffeine give you a seizure?")
    static let personalWords: Set<String> = ["i", "me", "my", "mine", "he", "him", "his", "she", "her", "we", "our", "us", "their",
                                             "them"]

    /// Negations that take a list after a comma ("no fever, rash or stiff neck").
    static let listNegators: Set<String> = ["no", "without", "neither", "nor", "nobody", "none"]

    /// A window of sentences goes past three while they hold at most this many words together.
    static let fragmentWindowWords = 24

    /// The first words of frequency cues ("every time", "whenever").
    static let frequencyWords: Set<String> = ["every", "each", "any", "anytime", "whenever"]

    /// Words that may stand beside a cue in a sentence that is only a denial ("not really", "nope, thankfully").
    static let fillers: Set<String> = ["really", "thankfully", "luckily", "sadly", "so", "far", "though", "at", "all", "thanks",
                                       "just", "yet", "nope", "nah", "no", "not", "none", "never", "well", "ok", "okay"]

    /// How far, in words, a cue's part of its clause is looked for (a clause is rarely longer).
    static let partWindow = 40
    static let possessives: Set<String> = ["my", "his", "her", "their", "our", "your"]
    /// Times named with "this" or "that", which point back to nothing ("This morning I could hold a cup").
    static let timeNouns: Set<String> = ["morning", "afternoon", "evening", "night", "week", "weekend", "time", "year", "month",
                                         "day", "minute", "moment", "summer", "winter", "spring", "autumn"]
    /// Articles a cue may open with and a message leave out ("a long time ago": "long time ago").
    static let articles: Set<String> = ["a", "an", "the"]
    /// Words that make a denial one about the past: "no history of anything like this", "never had
    /// anything like it before" deny that it happened before, not that it is happening.
    static let beforeNow: Set<String> = ["history", "before", "ever", "previous", "previously", "past", "prior"]
    static let denialWords: Set<String> = ["no", "never", "not", "nothing", "none", "n't"]
    /// Words that open a clause of time or condition: a cue after one ("when falling asleep") frames
    /// what is said around it.
    static let subordinators: Set<String> = ["when", "whenever", "while", "as", "before", "after", "if", "until", "once", "every"]
    /// People who can be the subject of a clause of their own ("and he keeps dozing off").
    static let personalSubjects: Set<String> = ["i", "he", "she", "they", "we", "you", "my", "his", "her", "their", "our", "your"]

    /// Words that point back to what was said before ("nothing like that", "it's gone now").
    static let anaphors: Set<String> = ["it", "that", "this", "those", "these", "they", "which", "any", "anything", "all", "both",
                                        "nothing", "none"]

    /// Words between a cue and its subject: "it has eased", "he is back to himself".
    static let auxiliaries: Set<String> = ["is", "was", "are", "were", "am", "has", "have", "had", "been", "feel", "feels", "felt",
                                           "seems", "seemed", "looks", "looked", "now", "all", "finally", "just", "completely", "totally"]
    /// Words that may open a sentence before a verb whose subject is left out ("suddenly can't
    /// stand up", "just collapsed at work").
    /// Verbs of aspect and time open such a sentence too ("keep blacking out", "started shaking").
    static let openingAdverbs: Set<String> = ["suddenly", "just", "now", "still", "also", "really", "completely", "totally",
                                              "literally", "basically", "honestly", "and", "so", "then", "omg", "help", "please",
                                              "keep", "keeps", "kept", "started", "starting", "began", "been", "was", "am"]
    /// Verbs of the past and of the present, for telling which a part of a sentence is in.
    static let pastWords: Set<String> = ["was", "were", "had", "did", "went", "got", "came", "felt", "fell", "said", "took", "gave",
                                         "woke", "became", "began", "ran", "saw", "told", "thought", "then"]
    static let presentWords: Set<String> = ["is", "are", "am", "has", "have", "keeps", "keep", "now", "currently", "still", "today",
                                            "tonight", "getting", "will", "can", "cannot"]
    /// People who are well again when a resolution follows them.
    static let resolvedSubjects: Set<String> = ["i", "he", "she", "they", "we"]

    /// The cue keeping a word from counting: its kind and its words.
    struct Block {
        let kind: ContextCue.Kind
        let words: String

        var description: String { "\(kind.rawValue) by '\(words)'" }
        /// Denied or only supposed: not even an exposure counts then.
        var denies: Bool { [.negated, .hypothetical, .generic, .historical].contains(kind) }
    }

    func context(_ found: [Found], in text: TriageText) -> [Mention] {
        let tokens = text.tokens
        func isFinding(_ f: Found) -> Bool {
            guard case .feature(let index) = f.owner else { return false }
            return findingFeatures[index]
        }
        let n = tokens.count
        var blocked = [Block?](repeating: nil, count: n)
        func words(_ f: Found) -> String { tokens[f.start..<f.end].map(\.word).joined(separator: " ") }
        func block(_ k: Int, _ why: Block) { if blocked[k] == nil { blocked[k] = why } }
        /// The cue's subject, past its auxiliaries ("it has eased", "that was years ago"), points back
        /// to what was said; for a resolution, a person does too ("he's back to himself", "I feel
        /// normal now": the one it happened to is well again).
        func subjectPointsBack(before start: Int, resolved: Bool) -> Bool {
            var k = start - 1
            while k >= 0, start - k <= 3, Self.auxiliaries.contains(tokens[k].word) { k -= 1 }
            guard k >= 0, start - k <= 3, tokens[k].clause == tokens[start].clause || k == start - 1 else { return false }
            return Self.anaphors.contains(tokens[k].word) || (resolved && Self.resolvedSubjects.contains(tokens[k].word))
        }
        /// Words told in the past: a verb of the past ("swelled", "had", "went") and none of the
        /// present ("is", "keeps", "now").
        func isPast(_ range: Range<Int>) -> Bool {
            var past = false
            for k in range {
                let word = tokens[k].word
                if Self.presentWords.contains(word) { return false }
                if Self.pastWords.contains(word) || (word.hasSuffix("ed") && word.utf8.count > 4) { past = true }
            }
            return past
        }
        /// "and my ...", "or he ...": a new subject starts at `k`.
        func newSubject(at k: Int) -> Bool {
            ["and", "or"].contains(tokens[k].word) && k + 1 < n && Self.subjectWords.contains(tokens[k + 1].word)
        }

        var clauseHasFeature = Set<Int>()
        var clauseIsCurrent = Set<Int>()
        for f in found {
            if isFinding(f) { clauseHasFeature.insert(tokens[f.start].clause) }
            if f.owner == .cue(.current) { clauseIsCurrent.insert(tokens[f.start].clause) }
        }
        // Clauses and sentences by their first and last word.
        var clauseRange: [Int: Range<Int>] = [:], sentenceRange: [Int: Range<Int>] = [:]
        for (k, t) in tokens.enumerated() {
            clauseRange[t.clause] = (clauseRange[t.clause]?.lowerBound ?? k)..<(k + 1)
            sentenceRange[t.sentence] = (sentenceRange[t.sentence]?.lowerBound ?? k)..<(k + 1)
        }
        var sentenceHasFeature = Set<Int>()
        for f in found where isFinding(f) { sentenceHasFeature.insert(tokens[f.start].sentence) }
        // A sentence that is only a cue pointing back ("Nothing like that is happening to me.",
        // "That was years ago.") speaks of the sentence before it.
        var markedSentences = Set<Int>()
        func markPreviousSentence(of sentence: Int, _ why: Block, cue: Range<Int>) {
            // (A sentence of a word or two that is only the cue: "fever? nope.", "not really."; "no
            // injury." denies the injury, not what came before.)
            guard !sentenceHasFeature.contains(sentence), sentence > 0, let range = sentenceRange[sentence],
                  (range.count <= 2 && range.allSatisfy { cue.contains($0) || Self.fillers.contains(tokens[$0].word) })
                    || range.contains(where: { Self.anaphors.contains(tokens[$0].word) && !Self.timeNouns.contains(tokens[min($0 + 1, n - 1)].word) })
            else { return }
            // "He's 30, no history of anything like this." denies that it happened before: what is
            // happening now stands (it is the first time).
            if range.contains(where: { Self.beforeNow.contains(tokens[$0].word) }),
               range.contains(where: { Self.denialWords.contains(tokens[$0].word) }) { return }
            guard markedSentences.insert(sentence - 1).inserted else { return }
            for k in sentenceRange[sentence - 1] ?? 0..<0 { block(k, why) }
        }

        let terminatorStarts = Set(found.filter { $0.owner == .cue(.terminator) }.map(\.start))
        // Each scope is marked once: a hypothetical scope reaches up to here already, and these
        // clauses are marked already (so no message makes this quadratic).
        var hypotheticalReach = 0
        var markedClauses = Set<Int>()
        var markedSegments = Set<Int>()
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
            let why = Block(kind: kind, words: words(f))
            let sentence = tokens[f.start].sentence, clause = tokens[f.start].clause
            switch kind {
            case .negated:
                markPreviousSentence(of: sentence, why, cue: f.start..<f.end)
                var k = f.end
                while k < n, k < f.end + Self.negationReach, tokens[k].sentence == sentence {
                    if tokens[k].clause != tokens[k - 1].clause {
                        // A new clause: a list goes on after a comma ("no fever, rash or stiff neck"), after
                        // "no", "without" and the like only; a new subject or a terminator ends it.
                        guard tokens[k].afterSoftBreak, Self.listNegators.contains(tokens[f.start].word),
                              !Self.subjectWords.contains(tokens[k].word) else { break }
                    }
                    if newSubject(at: k) { break }
                    block(k, why)
                    k += 1
                }
            case .hypothetical:
                var k = max(f.end, hypotheticalReach)
                while k < n, tokens[k].sentence == sentence {
                    if tokens[k].clause != tokens[k - 1].clause {
                        // The present, or a new subject after a comma, ends what was supposed; so does a
                        // clause told in the past ("whenever there's a noise, had a rusty nail through my
                        // boot last week": what happened is no supposition).
                        if clauseIsCurrent.contains(tokens[k].clause) { break }
                        if tokens[k].afterSoftBreak, Self.subjectWords.contains(tokens[k].word) || Self.pastWords.contains(tokens[k].word) { break }
                    }
                    // A frequency ("every time he breathes in") covers its own clause, not what follows "and the ...".
                    if Self.frequencyWords.contains(tokens[f.start].word), newSubject(at: k) { break }
                    if terminatorStarts.contains(k) { break }
                    block(k, why)
                    k += 1
                }
                hypotheticalReach = max(hypotheticalReach, k)
            case .generic:
                if markedSentences.insert(sentence).inserted { for k in sentenceRange[sentence] ?? 0..<0 { block(k, why) } }
                markPreviousSentence(of: sentence, why, cue: f.start..<f.end)
            case .historical, .resolved, .habitual:
                markPreviousSentence(of: sentence, why, cue: f.start..<f.end)
                var clauses = [clause]
                let clauseStart = clauseRange[clause]?.lowerBound ?? f.start
                // A resolution with an anaphor in it ("said it was a simple one") is about what came before.
                let pointsBack = kind == .resolved && tokens[f.start..<f.end].contains { ["it", "that", "this"].contains($0.word) }
                // A habit said of a person of its own clause ("and he keeps dozing off") is a finding
                // of that person, not a time or a frame for its neighbours (a time is: "when falling
                // asleep"); only a resolution of a person speaks of what came before ("he's back to
                // himself").
                let before = tokens[max(clauseStart, f.start - Self.partWindow)..<f.start]
                let ownSubject = kind == .habitual
                    && before.contains { Self.personalSubjects.contains($0.word) }
                    && !before.contains { Self.subordinators.contains($0.word) }
                if ownSubject {
                    // (kept to its clause, below)
                } else if Self.anaphors.contains(tokens[f.start].word) || pointsBack
                    || subjectPointsBack(before: f.start, resolved: kind == .resolved)
                    || (f.start - clauseStart <= 3 && (Self.anaphors.contains(tokens[clauseStart].word)
                                                       || (kind == .resolved && ["he", "she"].contains(tokens[clauseStart].word))))
                    || (f.start == clauseStart && kind == .resolved) {
                    // (A resolution that opens its clause has the finding before it as its subject:
                    // "fainted, came round straight away".)
                    // "it's gone now", "that was years ago": back to what "it" is, the nearest clause
                    // with a finding, whatever the cue's own clause holds.
                    var c = clause - 1
                    while let r = clauseRange[c], tokens[r.lowerBound].sentence == sentence, !clauseIsCurrent.contains(c),
                          !markedClauses.contains(c) {
                        clauses.append(c)
                        // A clause of a word or two ("(TIA)") is an aside: the walk goes past it.
                        if clauseHasFeature.contains(c), r.count > 2 { break }
                        c -= 1
                    }
                } else if !clauseHasFeature.contains(clause), (clauseRange[clause]?.count ?? 0) - (f.end - f.start) <= 6 {
                    // The cue's clause is little more than the cue ("..., but that was years ago"): it
                    // speaks of its neighbours in the sentence.
                    for step in [-1, 1] {
                        var c = clause + step
                        while let r = clauseRange[c], tokens[r.lowerBound].sentence == sentence, !clauseIsCurrent.contains(c),
                              !markedClauses.contains(c) {
                            clauses.append(c)
                            if clauseHasFeature.contains(c), r.count > 2 { break }
                            c += step
                        }
                    }
                }
                // In its own clause, the cue keeps to its part: "and my back arches by itself sometimes"
                // says nothing of "now my jaw muscles are tight" before it.
                // (A part told in the past stays with a cue of the past: "as a kid, and my throat
                // swelled then".)
                // (A clause a cue before has marked whole is marked: a message repeating a cue costs
                // one walk, not one per repetition.)
                if clauses.count == 1, markedClauses.contains(clause) { continue }
                if clauses.count == 1, let range = clauseRange[clause] {
                    let past = kind != .habitual
                    var lower = f.start, upper = f.end
                    // (Looked for within `partWindow` words each way: bounded work in a run-on clause.)
                    let lowest = max(range.lowerBound, f.start - Self.partWindow), highest = min(range.upperBound, f.end + Self.partWindow)
                    while lower > lowest {
                        if newSubject(at: lower), !(past && isPast(max(range.lowerBound, lower - Self.partWindow)..<lower)) { break }
                        lower -= 1
                    }
                    while upper < highest {
                        if newSubject(at: upper), !(past && isPast(upper..<min(range.upperBound, upper + Self.partWindow))) { break }
                        upper += 1
                    }
                    if lower > range.lowerBound || upper < range.upperBound {
                        if markedSegments.insert(lower).inserted { for k in lower..<upper { block(k, why) } }
                        continue
                    }
                }
                for c in clauses where markedClauses.insert(c).inserted {
                    for k in clauseRange[c] ?? 0..<0 { block(k, why) }
                }
            case .current, .terminator, .pseudo, .anaphor, .affirming:
                break
            }
        }

        // A question about a condition in general ("Are severe back spasms a sign of a disc problem?",
        // "Can a stroke cause spasms?"): it opens with a verb, names nobody, and asks what a thing
        // causes, means or is a sign of.
        for (sentence, range) in sentenceRange {
            // "can't walk" opens with a verb too, but says what is.
            // One that asks what someone's trouble could become names them: "Could my arm twitching
            // turn into a stroke one day?" is a question of what may come, not of what is.
            let becoming = range.contains { k in
                Self.becomingWords.contains(tokens[k].stem) && k + 1 < range.upperBound && ["into", "to"].contains(tokens[k + 1].word)
            }
            guard Self.questionOpeners.contains(tokens[range.lowerBound].word),
                  range.count < 2 || tokens[range.lowerBound + 1].word != "not",
                  becoming || !range.contains(where: { Self.personalWords.contains(tokens[$0].word) }),
                  let asked = range.first(where: { Self.generalQuestionWords.contains(tokens[$0].stem) || (becoming && Self.becomingWords.contains(tokens[$0].stem)) }),
                  markedSentences.insert(sentence).inserted else { continue }
            let why = Block(kind: .generic, words: "\(tokens[range.lowerBound].word) ... \(tokens[asked].word)")
            for k in range { block(k, why) }
        }

        // "It's happening to me now." after a question: the question was about now.
        for f in found where f.owner == .cue(.affirming) {
            let sentence = tokens[f.start].sentence
            guard sentence > 0 else { continue }
            for k in sentenceRange[sentence - 1] ?? 0..<0 {
                if let why = blocked[k], why.kind == .hypothetical || why.kind == .generic { blocked[k] = nil }
            }
        }

        // Other senses: an `unless` term of the feature in the same clause.
        struct Place: Hashable { let feature: Int, clause: Int }
        // A feature's own words are no other sense of it ("hot as a radiator" is a fever).
        var ownWords: [Int: [Range<Int>]] = [:]
        for f in found { if case .feature(let index) = f.owner, f.end - f.start > 1 { ownWords[index, default: []].append(f.start..<f.end) } }
        var senses: [Place: String] = [:]
        for i in 0..<n {
            for entry in senseEntries(at: tokens[i]) {
                // A comparison is no other sense: "pain in my chest like heartburn but worse".
                guard i == 0 || tokens[i - 1].word != "like" || tokens[i - 1].clause != tokens[i].clause else { continue }
                guard case .feature(let f) = entry.owner, let end = Self.end(of: entry.words, at: i, in: tokens),
                      tokens[end - 1].clause == tokens[i].clause,
                      !(ownWords[f]?.contains(where: { $0.lowerBound <= i && $0.upperBound >= end }) ?? false) else { continue }
                let place = Place(feature: f, clause: tokens[i].clause)
                if senses[place] == nil { senses[place] = tokens[i..<end].map(\.word).joined(separator: " ") }
            }
        }

        // An anaphor ("she just had one", "now it's constant") mentions again the findings of the
        // last words that had any (all of them: "chest pain" is chest pain and pain).
        var lastFindings: [Int] = [], lastStart = -1
        var resolvedFound: [Found] = []
        for f in found.sorted(by: { $0.start < $1.start }) {
            if case .feature(let index) = f.owner {
                if isFinding(f) {
                    if f.start != lastStart { lastFindings = []; lastStart = f.start }
                    lastFindings.append(index)
                }
                resolvedFound.append(f)
            }
            if f.owner == .cue(.anaphor) {
                for index in lastFindings { resolvedFound.append(Found(owner: .feature(index), start: f.start, end: f.end)) }
                // One that points back to a finding only asked about ("Could this turn into a stroke? My
                // grandad had one.") speaks of it in general too, unless it says now ("he just had one").
                if lastStart >= 0, let why = blocked[lastStart], [.generic, .hypothetical].contains(why.kind),
                   !clauseIsCurrent.contains(tokens[f.start].clause) {
                    for k in f.start..<f.end { block(k, why) }
                }
            }
        }
        // Where the features others need were mentioned first in each sentence.
        var firstIn: [String: [Int: Int]] = [:]   // feature -> sentence -> first word
        var anyIn: [String: Set<Int>] = [:]       // feature -> sentences

        for f in resolvedFound {
            guard case .feature(let index) = f.owner, !findingFeatures[index] else { continue }
            let s = tokens[f.start].sentence
            firstIn[triage.features[index].id, default: [:]][s] = min(firstIn[triage.features[index].id]?[s] ?? f.start, f.start)
            anyIn[triage.features[index].id, default: []].insert(s)
        }
        return resolvedFound.compactMap { f -> Mention? in
            guard case .feature(let index) = f.owner else { return nil }
            let span = f.start..<f.end
            let cue = span.lazy.compactMap { blocked[$0] }.first
            // Another sense of the words: no one who does it, or an `unless` term in the clause.
            var sense: String?
            let needs = triage.features[index].needs
            if cue == nil, !needs.isEmpty {
                let s = tokens[f.start].sentence
                // Opening words that are no subject ("suddenly can't stand up") leave it opening.
                var k = f.start - 1
                while k >= 0, tokens[k].clause == tokens[f.start].clause, Self.openingAdverbs.contains(tokens[k].word) { k -= 1 }
                let opens = k < 0 || tokens[k].sentence != s || tokens[k].clause != tokens[f.start].clause
                if triage.features[index].needsSubject {
                    let found = needs.contains { firstIn[$0]?[s].map { $0 <= f.start } ?? false }
                    if !opens && !found { sense = "no \(needs.joined(separator: " or ")) before it" }
                } else if !needs.contains(where: { anyIn[$0]?.contains(s) ?? false }),
                          // ("My weakness is spreading": whose it is says someone has it.)
                          !(f.start > 0 && Self.possessives.contains(tokens[f.start - 1].word)),
                          // A sentence that opens with it ("Weakness is getting worse by the hour.
                          // Started in my calves, ...") may name the person in the next or the last one.
                          // ("The weakness keeps getting worse." opens it too.)
                          !((opens || (k >= 0 && Self.articles.contains(tokens[k].word) && (k == 0 || tokens[k - 1].sentence != s)))
                            && needs.contains(where: { anyIn[$0]?.contains(s + 1) == true || anyIn[$0]?.contains(s - 1) == true })) {
                    sense = "no \(needs.joined(separator: " or ")) in the sentence"
                }
            }
            if cue == nil, sense == nil, let other = senses[Place(feature: index, clause: tokens[f.start].clause)] {
                sense = "'\(other)'"
            }
            // An exposure counts in the past (a wound last week), not long ago, supposed or denied.
            let denied = sense != nil || (cue?.denies ?? false)
            return Mention(feature: triage.features[index].id, words: words(f),
                           blockedBy: cue?.description ?? sense.map { "another sense: \($0)" }, mentioned: !denied,
                           sentence: tokens[f.start].sentence, index: index)
        }
    }

    /// The presentations whose patterns hold: every group with an affirmed mention within a window of
    /// sentences, and an exposure mentioned anywhere when one is needed. A window is three sentences,
    /// or more while they are short (people text in fragments: "omg my back. went to get out of bed
    /// and it seized. cant move. pain is insane").
    func presentations(holding mentions: [Mention], sentenceLengths: [Int]) -> [Presentation] {
        var affirmed = [[Int]](repeating: [], count: triage.features.count)   // feature -> sentences
        var mentioned = [Bool](repeating: false, count: triage.features.count)
        var windowEnd = [Int](repeating: -1, count: sentenceLengths.count)   // each window's last sentence, by its first
        var starts: [Int] = []
        for m in mentions {
            if m.blockedBy == nil {
                affirmed[m.index].append(m.sentence)
                if windowEnd.indices.contains(m.sentence), windowEnd[m.sentence] < 0 {
                    windowEnd[m.sentence] = m.sentence
                    starts.append(m.sentence)
                }
            }
            if m.mentioned { mentioned[m.index] = true }
        }
        guard !starts.isEmpty else { return [] }
        for s in starts {
            var end = s, words = sentenceLengths[s]
            while end + 1 < sentenceLengths.count, end - s < 5,
                  end - s < 2 || words + sentenceLengths[end + 1] <= Self.fragmentWindowWords {
                end += 1
                words += sentenceLengths[end]
            }
            windowEnd[s] = end
        }
        var holding: [Presentation] = []
        for (p, c) in zip(triage.presentations, compiled) {
            guard !c.needsExposure || c.exposure.contains(where: { mentioned[$0] }) else { continue }
            let holds = c.patterns.contains { pattern in
                starts.contains { s in
                    pattern.allSatisfy { group in
                        group.contains { affirmed[$0].contains { $0 >= s && $0 <= windowEnd[s] } }
                    }
                }
            }
            if holds { holding.append(p) }
        }
        return holding.filter { $0.level == .emergency } + holding.filter { $0.level != .emergency }
    }
}

extension TriageAssessor {
    /// A finding said to be over is over wherever its sentence names it: "had a fever with shivers
    /// last night, ..., temp's normal now" resolves the fever of the first clause too. (Only
    /// mentions before the resolution: "it settled, but now the fever is back" stays.)
    static func resolvingThroughout(_ mentions: [Mention]) -> [Mention] {
        struct Key: Hashable { let feature: Int, sentence: Int }
        var lastResolved: [Key: (index: Int, why: String)] = [:]
        for (k, m) in mentions.enumerated() where m.blockedBy?.hasPrefix(ContextCue.Kind.resolved.rawValue) == true {
            lastResolved[Key(feature: m.index, sentence: m.sentence)] = (k, m.blockedBy!)
        }
        guard !lastResolved.isEmpty else { return mentions }
        var result = mentions
        for (k, m) in mentions.enumerated() where m.blockedBy == nil {
            if let resolved = lastResolved[Key(feature: m.index, sentence: m.sentence)], resolved.index > k {
                result[k].blockedBy = resolved.why
            }
        }
        return result
    }
}
