/// The triage layer's content (Intents/triage.yaml): emergencies as people describe them.
///
/// A *presentation* (a stroke, a seizure happening now, tetanus after a wound, ...) is a set of
/// clinical *features* that must hold together in one stretch of the message (a sentence, or two
/// neighbouring ones). A feature is a concept with a lay-language lexicon ("feverish", "burning
/// up", "a temperature of 39"). Whether a mention of a feature counts depends on its *context*,
/// read with cues in the style of NegEx/ConText: negated ("no fever"), historical ("as a kid"),
/// resolved ("it's gone now"), hypothetical ("what if", "can stress cause"), habitual ("every
/// time I run"). Only affirmed, present mentions make a presentation.
public struct Triage: Sendable, Equatable {
    public var features: [TriageFeature]
    public var presentations: [Presentation]
    public var cues: [ContextCue]
    /// Texting forms and misspellings read as words before matching (`cant` → `can not`). A key
    /// of several words is a phrase read as other words wherever it appears, in messages and in
    /// the terms alike: "can barely" and "struggling to" are "can not", so "I can barely open it"
    /// is matched by the terms written for "can not open".
    public var variants: [String: [String]]

    public init(features: [TriageFeature] = [], presentations: [Presentation] = [], cues: [ContextCue] = [],
                variants: [String: [String]] = [:]) {
        self.features = features
        self.presentations = presentations
        self.cues = cues
        self.variants = variants
    }

    public var isEmpty: Bool { presentations.isEmpty }
}

/// A clinical feature and the words people use for it.
public struct TriageFeature: Sendable, Equatable {
    public var id: String
    /// Each term as a sequence of `TriageWord`s.
    public var terms: [[TriageWord]]
    /// Other senses: a term of these in the same clause means the feature's words are not about
    /// the body there ("the engine seized", "a high temperature tomorrow").
    public var unless: [[TriageWord]]
    /// Features of which one must be in the sentence for this one to count: "the government's grip
    /// is getting weaker" has no body that weakens.
    public var needs: [String]
    /// The needed feature must come before this one (its subject), unless this one opens its
    /// sentence or clause: "the souffle collapsed the moment I opened the oven" has no person
    /// who collapsed.
    public var needsSubject: Bool
    public var location: SourceLocation

    public init(id: String, terms: [[TriageWord]], unless: [[TriageWord]] = [], needs: [String] = [], needsSubject: Bool = false,
                location: SourceLocation) {
        self.id = id
        self.terms = terms
        self.unless = unless
        self.needs = needs
        self.needsSubject = needsSubject
        self.location = location
    }
}

/// One word of a lexicon term: a stem (any inflection), an exact word (context cues, where tense
/// matters: "stopped" is no "stop"), a number in a range (`<num:37.8-45>`), or a gap of up to
/// three words (`*`).
public enum TriageWord: Sendable, Hashable {
    case stem(String)
    case word(String)
    case number(low: Double, high: Double)
    /// A number in the range followed, a few words on in the sentence, by a higher one in it:
    /// "38 yesterday, 38.9 today" (`<rising:LOW-HIGH>`).
    case rising(low: Double, high: Double)
    case gap

    /// Reads a term's word as written in the content.
    public static func parse(_ word: String, exact: Bool = false) -> TriageWord? {
        if word == "*" { return .gap }
        if word == "<num>" { return .number(low: -.infinity, high: .infinity) }
        for (prefix, rising) in [("<num:", false), ("<rising:", true)] where word.hasPrefix(prefix) && word.hasSuffix(">") {
            let range = word.dropFirst(prefix.count).dropLast().split(separator: "-", maxSplits: 1).map { Double(String($0)) }
            guard range.count == 2, let low = range[0], let high = range[1], low <= high else { return nil }
            return rising ? .rising(low: low, high: high) : .number(low: low, high: high)
        }
        if word.hasPrefix("<") { return nil }
        return exact ? .word(word) : .stem(Stemmer.stem(word))
    }
}

/// An emergency as a set of features, and how urgent it is.
public struct Presentation: Sendable, Equatable {
    public enum Level: String, Sendable, CaseIterable {
        /// Call the local emergency number now.
        case emergency
        /// Get medical help today.
        case today
    }

    public var id: String
    public var level: Level
    /// The sign in plain words, as explanations name it ("a stiff jaw after a wound").
    public var sign: String
    /// Alternatives; each is a list of groups, and each group lists features of which one must be
    /// affirmed, all within one sentence (or two neighbouring ones).
    public var patterns: [[[String]]]
    /// Features of which one must be mentioned anywhere in the message, past included (a wound a
    /// week ago), when the list is not empty; not when negated or only supposed.
    public var exposure: [String]
    public var location: SourceLocation

    public init(id: String, level: Level, sign: String, patterns: [[[String]]], exposure: [String] = [],
                location: SourceLocation) {
        self.id = id
        self.level = level
        self.sign = sign
        self.patterns = patterns
        self.exposure = exposure
        self.location = location
    }
}

/// A word or phrase that changes how the features around it count.
public struct ContextCue: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// "no", "not", "never", "without": the features after it, within a few words.
        case negated
        /// "as a kid", "years ago": the clause is about the past.
        case historical
        /// "it's gone now", "the fever broke": what the clause describes is over.
        case resolved
        /// "what if", "can stress cause", "signs of": the features after it are supposed, not had.
        case hypothetical
        /// "the same as", "just curious", "difference between": the sentence is about words or
        /// conditions in general, not something happening.
        case generic
        /// "every time I run", "comes and goes": a pattern, not something happening now.
        case habitual
        /// "now", "still", "right now": the present starts here (ends historical and resolved scopes).
        case current
        /// "but", "however": a new clause starts here.
        case terminator
        /// Phrases that look like cues but are none ("not sure", "no idea", "won't stop").
        case pseudo
        /// "just had one", "another one": the feature mentioned last, mentioned again here.
        case anaphor
        /// "It's happening to me now": a sentence of its own that makes the one before it, asked as
        /// a question ("is it serious if ...?"), about now.
        case affirming
    }

    public var kind: Kind
    public var terms: [[TriageWord]]

    public init(kind: Kind, terms: [[TriageWord]]) {
        self.kind = kind
        self.terms = terms
    }
}

extension TriageWord {
    /// A word as messages are split into words: a number written against its unit is two ("80s"
    /// is "80 s", "39c" is "39 c"), so that terms and messages are read alike.
    public static func splittingUnits(_ word: String) -> [String] { TriageText.splittingUnits(word) }
}
