import TwitchwiseCore
import Yams

extension ContentLoader {
    public static let triagePath = "Intents/triage.yaml"
}

/// Loads Intents/triage.yaml: the triage layer's features, presentations and context cues.
extension Loader {
    mutating func loadTriage(lexicon: Lexicon) -> Triage {
        guard let triageFile = file(ContentLoader.triagePath) else {
            missing(ContentLoader.triagePath, "the emergencies the triage layer recognises")
            return Triage()
        }
        var triage = Triage()
        let found = Self.read(triageFile) { r, root in
            guard let top = r.mapping(root, what: "the triage file", allowed: ["variants", "cues", "features", "presentations"],
                                      required: ["cues", "features", "presentations"]) else { return }
            if let variants = r.mapping(top["variants"], what: "'variants'", allowed: []) {
                for (word, node) in variants.sorted(by: { $0.key < $1.key }) {
                    guard let replacement = r.text(node, what: "a variant") else { continue }
                    // One word (`cant`), or a phrase read as other words wherever it appears (`can barely`).
                    triage.variants[Self.words(word, variants: [:]).joined(separator: " ")] = Self.words(replacement, variants: [:])
                }
            }
            let variants = lexicon.variants.merging(triage.variants) { _, own in own }
            let phrases = TriagePhrases(triage.variants)

            // Cues, by kind.
            let kinds = ContextCue.Kind.allCases.map(\.rawValue)
            if let cues = r.mapping(top["cues"], what: "'cues'", allowed: kinds) {
                for kind in ContextCue.Kind.allCases {
                    let written = r.strings(cues[kind.rawValue], what: "'\(kind.rawValue)' cues")
                    // A cue of one word is that form only ("no" is no "nos"); a phrase is read by its
                    // stems, so "back to himself" is "came back to himself" and "went down" is "gone down".
                    let terms = written.compactMap {
                        Self.triageTerm(&r, $0.0, at: $0.1, variants: variants, phrases: phrases, exact: !$0.0.contains(" "))
                    }
                    if !terms.isEmpty { triage.cues.append(ContextCue(kind: kind, terms: terms)) }
                }
            }

            // Features.
            var ids = Set<String>()
            var needed: [(String, Node)] = []
            for item in r.sequence(top["features"], what: "'features'") {
                guard let fields = r.mapping(item, what: "a feature", allowed: ["id", "terms", "unless", "needs", "needs_subject"],
                                             required: ["id", "terms"]),
                      let id = r.text(fields["id"], what: "'id'") else { continue }
                guard ids.insert(id).inserted else {
                    r.error("feature '\(id)' is defined twice", at: fields["id"])
                    continue
                }
                let terms = r.strings(fields["terms"], what: "'terms'").compactMap { Self.triageTerm(&r, $0.0, at: $0.1, variants: variants, phrases: phrases) }
                if terms.isEmpty { r.error("feature '\(id)' has no terms", at: fields["terms"]) }
                var unless: [[TriageWord]] = []
                for (text, node) in r.strings(fields["unless"], what: "'unless'") {
                    guard let term = Self.triageTerm(&r, text, at: node, variants: variants, phrases: phrases) else { continue }
                    if terms.contains(term) {
                        r.error("'\(text)' is a term of '\(id)' too: as another sense it would cancel every mention", at: node,
                                hint: "write the other sense with more words")
                        continue
                    }
                    unless.append(term)
                }
                let needs = r.strings(fields["needs"], what: "'needs'")
                needed += needs
                let needsSubject = r.bool(fields["needs_subject"], what: "'needs_subject'") ?? false
                triage.features.append(TriageFeature(id: id, terms: terms, unless: unless, needs: needs.map(\.0),
                                                     needsSubject: needsSubject, location: r.location(fields["id"])))
            }

            // Presentations.
            var used = Set<String>()
            let featureNames = NameSuggester(ids)
            func featureList(_ text: String, at node: Node) -> [String] {
                let list = text.split(separator: "|").map { String($0).trimming(.whitespaces) }
                for id in list where !ids.contains(id) {
                    let guess = featureNames.nearest(to: id)
                    r.error("unknown feature '\(id)'", at: node, hint: guess.map { "did you mean '\($0)'?" } ?? "define it under 'features'")
                }
                used.formUnion(list)
                return list.filter(ids.contains)
            }
            var presentationIDs = Set<String>()
            for item in r.sequence(top["presentations"], what: "'presentations'") {
                guard let fields = r.mapping(item, what: "a presentation", allowed: ["id", "level", "sign", "patterns", "exposure"],
                                             required: ["id", "level", "sign", "patterns"]),
                      let id = r.text(fields["id"], what: "'id'"), let sign = r.text(fields["sign"], what: "'sign'"),
                      let levelName = r.text(fields["level"], what: "'level'") else { continue }
                guard presentationIDs.insert(id).inserted else {
                    r.error("presentation '\(id)' is defined twice", at: fields["id"])
                    continue
                }
                guard let level = Presentation.Level(rawValue: levelName) else {
                    r.error("unknown level '\(levelName)'", at: fields["level"],
                            hint: "levels: \(Presentation.Level.allCases.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                let patterns = r.sequence(fields["patterns"], what: "'patterns'").map { pattern in
                    r.strings(pattern, what: "a pattern (a list of features, alternatives joined by '|')").map { featureList($0.0, at: $0.1) }
                        .filter { !$0.isEmpty }
                }.filter { !$0.isEmpty }
                if patterns.isEmpty { r.error("presentation '\(id)' has no patterns", at: fields["patterns"]) }
                let exposure = r.strings(fields["exposure"], what: "'exposure'").flatMap { featureList($0.0, at: $0.1) }
                triage.presentations.append(Presentation(id: id, level: level, sign: sign, patterns: patterns, exposure: exposure,
                                                         location: r.location(fields["id"])))
            }
            for (id, node) in needed where !ids.contains(id) {
                r.error("unknown feature '\(id)' in 'needs'", at: node, hint: "define it under 'features'")
            }
            used.formUnion(needed.map(\.0))
            for feature in triage.features where !used.contains(feature.id) {
                r.diagnostics.append(Diagnostic(.warning, "feature '\(feature.id)' is in no presentation", at: feature.location))
            }
        }
        diagnostics += found
        return triage
    }

    /// A lexicon term as triage words: words normalised as messages are (contractions expanded,
    /// variants applied), then stemmed (`=word`: this form only); `*` (a gap of up to three words) and `<num>` or
    /// `<num:LOW-HIGH>` (a number) kept as they are.
    static func triageTerm(_ r: inout YAMLReader, _ text: String, at node: Node, variants: [String: [String]],
                           phrases: TriagePhrases, exact: Bool = false) -> [TriageWord]? {
        // The term's words after variants (read twice, as messages are: `couldnt` → `could not` →
        // `can not`), each marked exact or not, then its phrases read as the
        // messages' are ("can barely breathe" is "can not breathe").
        var written: [(word: String, exact: Bool)] = []
        for part in text.split(separator: " ") {
            let part = String(part)
            if part == "*" || part.hasPrefix("<") {
                written.append((part, false))
            } else if part.hasPrefix("="), part.count > 1 {
                // This form only ("=fitting" is no "fit").
                written += Self.words(String(part.dropFirst()), variants: variants).flatMap { variants[$0] ?? [$0] }.flatMap(TriageWord.splittingUnits).map { ($0, true) }
            } else {
                // Split as messages are: "80s" is "80 s", "39c" is "39 c".
                written += Self.words(part, variants: variants).flatMap { variants[$0] ?? [$0] }.flatMap(TriageWord.splittingUnits).map { ($0, exact) }
            }
        }
        written = phrases.reading(written, word: \.word) { covered, word, _ in (word, covered.allSatisfy(\.exact)) }
        var words: [TriageWord] = []
        for (word, isExact) in written {
            guard let parsed = TriageWord.parse(word, exact: isExact) else {
                r.error("'\(word)' is no term word", at: node, hint: "write '*', '<num>', '<num:LOW-HIGH>' or '<rising:LOW-HIGH>'")
                return nil
            }
            words.append(parsed)
        }
        guard let first = words.first else {
            r.error("empty term", at: node)
            return nil
        }
        if first == .gap || words.last == .gap {
            r.error("a term can't start or end with '*'", at: node, hint: "a gap joins two words: 'can not * open'")
            return nil
        }
        return words
    }
}
