import TwitchwiseCore
import Yams

extension Loader {
    // MARK: Lexicon

    mutating func loadLexicon() -> Lexicon {
        var lexicon = Lexicon(concepts: [], variants: [:], stopwords: [], knownWords: [])
        guard let lexiconFile = file(ContentLoader.lexiconPath) else {
            missing(ContentLoader.lexiconPath, "the lexicon (concepts, slots, variants)")
            return lexicon
        }
        var knownWords = Set<String>()
        let found = Self.read(lexiconFile) { r, root in
            guard let top = r.mapping(root, what: "the lexicon", allowed: ["concepts", "variants", "stopwords", "known_words",
                                                                                 "negators", "past_markers", "needs_body", "needs_noun", "noun_markers", "adverb_markers", "adverb_followers"],
                                      required: ["concepts"]) else { return }
            if let variants = r.mapping(top["variants"], what: "'variants'", allowed: []) {
                for (word, node) in variants.sorted(by: { $0.key < $1.key }) {
                    guard let replacement = r.string(node, what: "the variant of '\(word)'") else { continue }
                    let to = Self.words(replacement, variants: [:])
                    for from in Self.words(word, variants: [:]) { lexicon.variants[from] = to }
                }
            }
            lexicon.stopwords = Set(r.strings(top["stopwords"], what: "'stopwords'").flatMap { Self.words($0.0, variants: [:]) })
            knownWords = Set(r.strings(top["known_words"], what: "'known_words'").flatMap { Self.words($0.0, variants: [:]) })
            negators = Set(r.strings(top["negators"], what: "'negators'").flatMap { Self.words($0.0, variants: lexicon.variants) })
            pastMarkers = r.strings(top["past_markers"], what: "'past_markers'").map { Self.words($0.0, variants: lexicon.variants) }
            lexicon.needsBody = Set(r.strings(top["needs_body"], what: "'needs_body'").flatMap { Self.words($0.0, variants: [:]) })
            lexicon.needsNoun = Set(r.strings(top["needs_noun"], what: "'needs_noun'").flatMap { Self.words($0.0, variants: [:]) })
            for (key, path) in [("noun_markers", \Lexicon.nounMarkers), ("adverb_markers", \Lexicon.adverbMarkers),
                                ("adverb_followers", \Lexicon.adverbFollowers)] {
                lexicon[keyPath: path] = Set(r.strings(top[key], what: "'\(key)'").flatMap { Self.words($0.0, variants: lexicon.variants) })
            }
            var seenTerms: [[String]: String] = [:]
            for item in r.sequence(top["concepts"], what: "'concepts'") {
                guard let fields = r.mapping(item, what: "a concept", allowed: ["id", "slot", "display", "domain", "scope", "weight", "terms"],
                                             required: ["id", "terms"]),
                      let id = r.text(fields["id"], what: "'id'") else { continue }
                if lexicon.concepts.contains(where: { $0.id == id }) {
                    r.error("concept '\(id)' is defined twice", at: fields["id"], hint: "merge the two definitions")
                    continue
                }
                let slot = r.text(fields["slot"], what: "'slot'")
                var scope = Concept.Scope.normal
                if r.bool(fields["domain"], what: "'domain'") == true { scope = .domain }
                if let s = r.text(fields["scope"], what: "'scope'") {
                    if s == "out" { scope = .out } else if s == "question" { scope = .question } else {
                        r.error("unknown scope '\(s)'", at: fields["scope"],
                                hint: "the scopes are 'out' (a neighbouring subject) and 'question' (a kind of question)")
                    }
                }
                var terms: [[String]] = []
                var raw: [[String]] = []
                for (term, node) in r.strings(fields["terms"], what: "'terms'") {
                    let words = Self.words(term, variants: lexicon.variants)
                    guard !words.isEmpty else {
                        r.error("term '\(term)' has no words", at: node)
                        continue
                    }
                    let stems = words.map(Stemmer.stem)
                    if let other = seenTerms[stems], other != id, slot != nil, lexicon.concepts.first(where: { $0.id == other })?.slot == slot {
                        r.error("term '\(term)' is already a term of '\(other)' in the same slot", at: node,
                                hint: "a word can fill a slot with one value only")
                    }
                    seenTerms[stems] = id
                    terms.append(stems)
                    raw.append(words)
                }
                let display = r.text(fields["display"], what: "'display'") ?? id.replacing(scalar: "_", with: " ")
                var weight = 1.0
                if let text = r.text(fields["weight"], what: "'weight'") {
                    if let w = Double(text), w > 0, w <= 10 { weight = w } else {
                        r.error("'weight' must be a number above 0 and at most 10", at: fields["weight"])
                    }
                }
                lexicon.concepts.append(Concept(id: id, slot: slot, display: display, scope: scope, weight: weight, terms: terms,
                                                rawTerms: raw, location: r.location(fields["id"])))
            }
        }
        diagnostics += found
        if let known = file(ContentLoader.knownWordsPath) {
            for line in known.lines where !line.hasPrefix("#") {
                let word = line.trimming(.whitespaces).lowercased()
                if !word.isEmpty { knownWords.insert(word) }
            }
        }
        lexicon.knownWords = KnownWords(knownWords)
        if let english = file(ContentLoader.englishWordsPath) {
            lexicon.englishWords = KnownWords(english.lines.lazy.filter { !$0.hasPrefix("#") }
                .map { $0.trimming(.whitespaces).lowercased() }.filter { !$0.isEmpty })
        }
        return lexicon
    }

    /// A `requires` or red-flag term: a concept id, or a word (stemmed).
    static func terms(_ r: inout YAMLReader, _ node: Node?, lexicon: Lexicon, what: String) -> [Term] {
        r.strings(node, what: what).flatMap { (text, node) -> [Term] in
            if text.hasPrefix("<") {
                let id = String(text.dropFirst().dropLast())
                if lexicon.concept(id) == nil || !text.hasSuffix(">") {
                    r.error("unknown concept '\(text)'", at: node, hint: "define it in \(ContentLoader.lexiconPath) or write a plain word")
                }
                return [.concept(id)]
            }
            if lexicon.concept(text) != nil { return [.concept(text)] }
            let words = Self.words(text, variants: lexicon.variants)
            if words.isEmpty {
                r.error("'\(text)' has no words", at: node)
                return []
            }
            return [.stems(words.map(Stemmer.stem))]
        }
    }

    /// A list of groups: `[[a, b], [c]]`, where a bare string is a group of one.
    static func groups(_ r: inout YAMLReader, _ node: Node?, lexicon: Lexicon, what: String) -> [[Term]] {
        r.sequence(node, what: what).map { item in
            if case .scalar = item { return Self.terms(&r, item, lexicon: lexicon, what: what) }
            return Self.terms(&r, item, lexicon: lexicon, what: "a group of \(what)")
        }.filter { !$0.isEmpty }
    }

}
