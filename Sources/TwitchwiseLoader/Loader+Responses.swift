import TwitchwiseCore
import Yams

extension Loader {
    // MARK: Responses

    mutating func loadSystem(scope: Template.Scope, lexicon: Lexicon) -> SystemMessages? {
        guard let systemFile = file(ContentLoader.systemPath) else {
            missing(ContentLoader.systemPath, "the engine's own messages (disclaimer, fallback, clarify)")
            return nil
        }
        var system: SystemMessages?
        let found = Self.read(systemFile) { r, root in
            guard let top = r.mapping(root, what: "the system messages", allowed: ["disclaimer", "fallback", "clarify", "slot_notes",
                                                                                          "safety_net"],
                                      required: ["disclaimer", "fallback", "clarify"]) else { return }
            let disclaimer = r.text(top["disclaimer"], what: "'disclaimer'") ?? ""
            var fallback: [Template] = []
            if let f = r.mapping(top["fallback"], what: "'fallback'", allowed: ["answers"], required: ["answers"]) {
                for (text, node) in r.strings(f["answers"], what: "'answers'") {
                    let (t, problems) = Template.parse(text, origin: r.origin(of: node), scope: scope)
                    r.diagnostics += problems
                    fallback.append(t)
                }
            }
            var clarify = Template(nodes: [], source: "")
            if let node = top["clarify"], let text = r.text(node, what: "'clarify'") {
                let (t, problems) = Template.parse(text, origin: r.origin(of: node), scope: scope)
                r.diagnostics += problems
                clarify = t
            }
            var notes: [String: [String: String]] = [:]
            if let slots = r.mapping(top["slot_notes"], what: "'slot_notes'", allowed: []) {
                for (slot, node) in slots {
                    guard let values = r.mapping(node, what: "the notes of '\(slot)'", allowed: []) else { continue }
                    for (value, noteNode) in values {
                        let known = lexicon.concepts.contains { $0.slot == slot && $0.id == value }
                        if !known {
                            r.error("'\(slot)=\(value)' is no slot value of the lexicon", at: noteNode,
                                    hint: "slot values are concept ids with 'slot: \(slot)'")
                        }
                        notes[slot, default: [:]][value] = r.text(noteNode, what: "a slot note")
                    }
                }
            }
            if fallback.isEmpty { r.error("'fallback' needs at least one answer", at: top["fallback"]) }
            system = SystemMessages(disclaimer: disclaimer, fallback: fallback, clarify: clarify, slotNotes: notes)
            system?.safetyNet = top["safety_net"].flatMap { r.text($0, what: "'safety_net'") }?
                .trimming(.whitespacesAndNewlines) ?? ""
        }
        diagnostics += found
        return system
    }

    mutating func loadResponses(scope: Template.Scope, slots: Set<String>, slotValues: [String: Set<String>], documents: [Document],
                                intents: [Intent]) -> [String: Response] {
        var responses: [String: Response] = [:]
        let intentIDs = Set(intents.map(\.id))
        let intentNames = NameSuggester(intentIDs)
        let asciiBodies = Set(documents.filter { ContentLoader.isASCII($0.foldedBody) }.map(\.id))
        for f in files where f.path.hasPrefix("Responses/") && f.path.hasSuffix(".yaml") && f.path != ContentLoader.systemPath {
            let found = Self.read(f) { r, root in
                guard let top = r.mapping(root, what: "a responses file", allowed: ["responses"], required: ["responses"]) else { return }
                for item in r.sequence(top["responses"], what: "'responses'") {
                    guard let fields = r.mapping(item, what: "a response", allowed: ["intent", "answer", "answers", "guidance", "guidance_first",
                                                                                             "suggestions", "sources"],
                                                 required: ["intent"]),
                          let intent = r.text(fields["intent"], what: "'intent'") else { continue }
                    if !intentIDs.contains(intent) {
                        let guess = intentNames.nearest(to: intent)
                        r.error("response for unknown intent '\(intent)'", at: fields["intent"],
                                hint: guess.map { "did you mean '\($0)'? Intents are defined in Intents/" } ?? "define the intent in Intents/")
                        continue
                    }
                    if let other = responses[intent] {
                        r.error("intent '\(intent)' already has a response at \(other.location)", at: fields["intent"],
                                hint: "put the texts in one response as 'answers:' variants")
                        continue
                    }
                    var variants: [Template] = []
                    let answerNodes = (fields["answer"].map { [$0] } ?? []) + r.sequence(fields["answers"], what: "'answers'")
                    if answerNodes.isEmpty {
                        r.error("response for '\(intent)' has no answer", at: fields["intent"], hint: "add 'answer: |' with the text")
                    }
                    for node in answerNodes {
                        guard let text = r.text(node, what: "an answer") else { continue }
                        let (t, problems) = Template.parse(text, origin: r.origin(of: node), scope: scope)
                        r.diagnostics += problems
                        variants.append(t)
                    }
                    var guidance: Template?
                    if let node = fields["guidance"], let text = r.text(node, what: "'guidance'") {
                        let (t, problems) = Template.parse(text, origin: r.origin(of: node), scope: scope)
                        r.diagnostics += problems
                        guidance = t
                    }
                    let guidanceFirst = r.bool(fields["guidance_first"], what: "'guidance_first'") ?? false
                    if let node = fields["guidance_first"], guidance == nil {
                        r.error("'guidance_first' without 'guidance'", at: node)
                    }
                    var suggestions: [String] = []
                    for (id, node) in r.strings(fields["suggestions"], what: "'suggestions'") {
                        if !intentIDs.contains(id) {
                            r.error("suggestion '\(id)' is not an intent id", at: node,
                                    hint: "suggestions name intents; their 'question' is shown")
                        } else if id == intent {
                            r.error("'\(intent)' suggests itself", at: node)
                        } else {
                            suggestions.append(id)
                        }
                    }
                    var sources: [Source] = []
                    for node in r.sequence(fields["sources"], what: "'sources'") {
                        guard let s = r.mapping(node, what: "a source", allowed: ["doc", "quote", "when"], required: ["doc", "quote"]),
                              let doc = r.text(s["doc"], what: "'doc'"), let quote = r.text(s["quote"], what: "'quote'") else { continue }
                        var condition: SlotCondition?
                        if let when = r.text(s["when"], what: "'when'") {
                            condition = Self.condition(when)
                            if let c = condition, !slots.contains(c.slot) {
                                r.error("unknown slot '\(c.slot)' in 'when'", at: s["when"],
                                        hint: "slots: \(slots.sorted().joined(separator: ", "))")
                            } else if let c = condition, let known = slotValues[c.slot] {
                                for value in c.values.sorted() where !known.contains(value) {
                                    r.error("'\(value)' is no value of slot '\(c.slot)' in 'when'", at: s["when"],
                                            hint: "values: \(known.sorted().joined(separator: ", "))")
                                }
                            }
                        }
                        if let document = documents.first(where: { $0.id == doc }) {
                            if !ContentLoader.contains(document.foldedBody, ContentLoader.fold(quote),
                                                       haystackIsASCII: asciiBodies.contains(document.id)) {
                                let inFurniture = ContentLoader.fold(document.text).contains(ContentLoader.fold(quote))
                                r.error(inFurniture ? "quote is page furniture of document '\(doc)', not its article"
                                                    : "quote not found in document '\(doc)' (\(document.file))",
                                        at: s["quote"], hint: inFurniture ? "quote the article's own text"
                                            : "copy the passage exactly as the article has it")
                            }
                        } else {
                            r.error("unknown document '\(doc)'", at: s["doc"],
                                    hint: "documents: \(documents.map(\.id).joined(separator: ", "))")
                        }
                        sources.append(Source(doc: doc, quote: quote.trimming(.whitespacesAndNewlines),
                                              condition: condition, location: r.location(node)))
                    }
                    responses[intent] = Response(intent: intent, variants: variants, guidance: guidance, guidanceFirst: guidanceFirst,
                                                 suggestions: suggestions, sources: sources,
                                                 location: r.location(fields["intent"]))
                }
            }
            diagnostics += found
        }
        return responses
    }

    static func condition(_ text: String) -> SlotCondition {
        var spec = text.trimming(.whitespaces)
        let negated = spec.hasPrefix("!")
        if negated { spec.removeFirst() }
        let parts = spec.split(separator: "=", maxSplits: 1).map { String($0).trimming(.whitespaces) }
        let values = parts.count > 1 ? Set(parts[1].split(separator: "|").map { String($0).trimming(.whitespaces) }) : []
        return SlotCondition(slot: parts.first ?? "", values: values, negated: negated)
    }

}
