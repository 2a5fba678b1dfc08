import TwitchwiseCore
import Yams

extension Loader {
    // MARK: Intents

    mutating func loadIntents(lexicon: Lexicon) -> [Intent] {
        var intents: [Intent] = []
        var defined: [String: SourceLocation] = [:]
        let special: Set<String> = [ContentLoader.lexiconPath, ContentLoader.triagePath]
        let slotNames = lexicon.slotNames
        for f in files where f.path.hasPrefix("Intents/") && f.path.hasSuffix(".yaml") && !special.contains(f.path) {
            let found = Self.read(f) { r, root in
                guard let top = r.mapping(root, what: "an intents file", allowed: ["intents"], required: ["intents"]) else { return }
                for item in r.sequence(top["intents"], what: "'intents'") {
                    guard let fields = r.mapping(item, what: "an intent",
                                                 allowed: ["id", "question", "description", "domain", "requires", "examples", "patterns"],
                                                 required: ["id", "question", "description"]),
                          let id = r.text(fields["id"], what: "'id'") else { continue }
                    if let other = defined[id] {
                        r.error("intent '\(id)' is already defined at \(other)", at: fields["id"], hint: "merge the two")
                        continue
                    }
                    defined[id] = r.location(fields["id"])
                    let question = r.text(fields["question"], what: "'question'") ?? ""
                    let description = r.text(fields["description"], what: "'description'") ?? ""
                    let domain = r.bool(fields["domain"], what: "'domain'") ?? true
                    let requires = Self.groups(&r, fields["requires"], lexicon: lexicon, what: "'requires'")
                    let examples = r.strings(fields["examples"], what: "'examples'").map {
                        Example(text: $0.0, location: r.location($0.1))
                    }
                    var patterns: [Pattern] = []
                    for (text, node) in r.strings(fields["patterns"], what: "'patterns'") {
                        let (pattern, problems) = Pattern.parse(text, location: r.origin(of: node).location(lineOffset: 0, column: 0)) {
                            Self.words($0, variants: lexicon.variants).map(Stemmer.stem)
                        }
                        r.diagnostics += problems
                        guard let pattern else { continue }
                        for element in pattern.elements {
                            if case .slot(let slot) = element, !slotNames.contains(slot) {
                                r.error("unknown slot '{\(slot)}' in pattern", at: node,
                                        hint: "slots: \(slotNames.sorted().joined(separator: ", "))")
                            }
                            if case .concept(let id) = element, lexicon.concept(id) == nil {
                                r.error("unknown concept '<\(id)>' in pattern", at: node,
                                        hint: "define it in \(ContentLoader.lexiconPath)")
                            }
                        }
                        patterns.append(pattern)
                    }
                    intents.append(Intent(id: id, question: question, description: description, domain: domain,
                                          requires: requires, examples: examples, patterns: patterns,
                                          location: r.location(fields["id"])))
                }
            }
            diagnostics += found
        }
        return intents
    }

}
