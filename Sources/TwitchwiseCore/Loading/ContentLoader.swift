
/// Loads and validates a content folder, reporting every problem at once.
public enum ContentLoader {
    public static let lexiconPath = "Intents/lexicon.yaml"
    public static let documentsPath = "Documents/documents.yaml"
    public static let systemPath = "Responses/system.yaml"
    public static let knownWordsPath = "Intents/known-words.txt"

    /// The slots every content has, whatever its lexicon says.
    public static let builtInSlots: Set<String> = ["red_flag"]
    /// Flags templates may test but that are never reported as slots: `again` is set when
    /// the same topic was already answered earlier in the session, so that a follow-up can
    /// give what was not yet said.
    public static let templateFlags: [String: Set<String>] = ["again": ["yes"]]

    /// Loads content; throws `ContentErrors` when anything is an error.
    /// Warnings come back with the content.
    public static func load(_ files: [ContentFile]) throws(ContentErrors) -> (Content, [Diagnostic]) {
        var loader = Loader(files: files)
        let content = loader.run()
        let diagnostics = loader.diagnostics.sorted { $0.location < $1.location }
        if diagnostics.contains(where: { $0.severity == .error }) || content == nil {
            throw ContentErrors(diagnostics)
        }
        return (content!, diagnostics)
    }

    /// Folds white space and curly apostrophes, for quote look-ups.
    public static func fold(_ text: String) -> String {
        // Text without curly apostrophes has nothing to replace: skip the search (start-up cost, issue 8).
        let straight = !text.unicodeScalars.contains(where: { $0 == "\u{2019}" || $0 == "\u{2018}" }) ? text
            : text.replacing(scalar: "\u{2019}", with: "'").replacing(scalar: "\u{2018}", with: "'")
        return straight.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    // MARK: Start-up speed (issue 8): the same results as the standard library, faster on ASCII text.

    static func isASCII<S: StringProtocol>(_ text: S) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }

    /// `haystack.contains(needle)`. An ASCII needle is first looked for byte by byte: an
    /// occurrence with ASCII (or no) characters on both sides is a match of whole characters, and
    /// an ASCII haystack without an occurrence has none; anything else is left to the standard
    /// library's search.
    static func contains(_ haystack: String, _ needle: String, haystackIsASCII: Bool) -> Bool {
        guard !needle.isEmpty, isASCII(needle) else { return haystack.contains(needle) }
        var h = haystack, n = needle
        let found: Bool = h.withUTF8 { hb in
            n.withUTF8 { nb in
                guard nb.count <= hb.count else { return false }
                let first = nb[0]
                var i = 0
                while i <= hb.count - nb.count {
                    if hb[i] == first {
                        var k = 1
                        while k < nb.count && hb[i + k] == nb[k] { k += 1 }
                        if k == nb.count && (i == 0 || hb[i - 1] < 0x80) && (i + k == hb.count || hb[i + k] < 0x80) {
                            return true
                        }
                    }
                    i += 1
                }
                return false
            }
        }
        if found { return true }
        return haystackIsASCII ? false : haystack.contains(needle)
    }
}

/// One load of a content folder: its files, and every problem found on the way.
struct Loader {
    let files: [ContentFile]
    var diagnostics: [Diagnostic] = []
    /// How intent matching reads negation and the past (the lexicon's `negators` and
    /// `past_markers`): narrower than triage's cues, which ask another question ("is this
    /// happening now?" rather than "is this what the message is about?").
    var negators = Set<String>()
    var pastMarkers: [[String]] = []

    init(files: [ContentFile]) {
        self.files = files.sorted { $0.path < $1.path }
    }

    func file(_ path: String) -> ContentFile? { files.first { $0.path == path } }

    mutating func missing(_ path: String, _ what: String) {
        diagnostics.append(Diagnostic(.error, "missing file: \(what) lives here", at: SourceLocation(file: path),
                                      hint: "create it (see docs/content-format.md)"))
    }

    static func read(_ file: ContentFile, _ body: (inout YAMLReader, YAMLNode) -> Void) -> [Diagnostic] {
        var reader = YAMLReader(file: file)
        if let root = reader.root() { body(&reader, root) }
        return reader.diagnostics
    }

    /// Normalised words of a written phrase (variants applied), no spelling correction.
    static func words(_ text: String, variants: [String: [String]]) -> [String] {
        Normalizer.pieces(text).flatMap { piece -> [String] in
            guard case .word(let w) = piece else { return [] }
            return variants[w] ?? [w]
        }
    }

    mutating func run() -> Content? {
        let documents = loadDocuments()
        let lexicon = loadLexicon()
        let triage = loadTriage(lexicon: lexicon)
        let intents = loadIntents(lexicon: lexicon)
        let slotNames = lexicon.slotNames.union(ContentLoader.builtInSlots).union(ContentLoader.templateFlags.keys)
        let scope = Template.Scope(slots: slotNames, lists: ["documents": ["id", "title"]])
        let system = loadSystem(scope: Template.Scope(slots: slotNames, lists: ["candidates": ["number", "question"]]),
                                lexicon: lexicon)
        var slotValues: [String: Set<String>] = [:]
        for concept in lexicon.concepts { if let slot = concept.slot { slotValues[slot, default: []].insert(concept.id) } }
        slotValues["red_flag"] = Set(triage.presentations.map(\.id))
        for (flag, values) in ContentLoader.templateFlags { slotValues[flag] = values }
        let responses = loadResponses(scope: scope, slots: slotNames, slotValues: slotValues, documents: documents, intents: intents)
        crossCheck(intents: intents, responses: responses, lexicon: lexicon)
        guard let system else { return nil }
        return Content(documents: documents, lexicon: lexicon, intents: intents, responses: responses,
                       triage: triage, system: system, negators: negators, pastMarkers: pastMarkers)
    }

    // MARK: Documents

    mutating func loadDocuments() -> [Document] {
        guard let index = file(ContentLoader.documentsPath) else {
            missing(ContentLoader.documentsPath, "the list of source documents")
            return []
        }
        var documents: [Document] = []
        let found = Self.read(index) { r, root in
            guard let top = r.mapping(root, what: "the documents file", allowed: ["documents"], required: ["documents"]) else { return }
            for item in r.sequence(top["documents"], what: "'documents'") {
                guard let fields = r.mapping(item, what: "a document", allowed: ["id", "file", "title", "furniture"],
                                             required: ["id", "file", "title"]),
                      let id = r.text(fields["id"], what: "'id'"), let name = r.text(fields["file"], what: "'file'"),
                      let title = r.text(fields["title"], what: "'title'") else { continue }
                if documents.contains(where: { $0.id == id }) {
                    r.error("document id '\(id)' is used twice", at: fields["id"], hint: "give each document its own id")
                    continue
                }
                guard let textFile = file("Documents/" + name) else {
                    r.error("document file 'Documents/\(name)' does not exist", at: fields["file"],
                            hint: "put the article in Documents/ or correct the name")
                    continue
                }
                var from: String?
                var furnitureLines: Set<String> = []
                if let furniture = r.mapping(fields["furniture"], what: "'furniture'", allowed: ["from", "lines"]) {
                    from = r.text(furniture["from"], what: "'from'")
                    furnitureLines = Set(r.strings(furniture["lines"], what: "'lines'").map { $0.0.trimming(.whitespaces) })
                }
                var body: [Substring] = []
                for line in textFile.text.split(separator: "\n", omittingEmptySubsequences: false) {
                    let trimmed = line.trimming(.whitespaces)
                    if let from, trimmed.hasPrefix(from) { break }
                    if furnitureLines.contains(trimmed) { continue }
                    body.append(line)
                }
                documents.append(Document(id: id, file: name, title: title, text: textFile.text,
                                          foldedBody: ContentLoader.fold(body.joined(separator: "\n"))))
            }
        }
        diagnostics += found
        return documents
    }

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
                                                                                 "negators", "past_markers"],
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
                    if s == "out" { scope = .out } else {
                        r.error("unknown scope '\(s)'", at: fields["scope"], hint: "the only scope is 'out' (a near-miss subject)")
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
            for line in known.text.split(separator: "\n") where !line.hasPrefix("#") {
                let word = line.trimming(.whitespaces).lowercased()
                if !word.isEmpty { knownWords.insert(word) }
            }
        }
        lexicon.knownWords = KnownWords(knownWords)
        return lexicon
    }

    /// A `requires` or red-flag term: a concept id, or a word (stemmed).
    static func terms(_ r: inout YAMLReader, _ node: YAMLNode?, lexicon: Lexicon, what: String) -> [Term] {
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
    static func groups(_ r: inout YAMLReader, _ node: YAMLNode?, lexicon: Lexicon, what: String) -> [[Term]] {
        r.sequence(node, what: what).map { item in
            if case .scalar = item { return Self.terms(&r, item, lexicon: lexicon, what: what) }
            return Self.terms(&r, item, lexicon: lexicon, what: "a group of \(what)")
        }.filter { !$0.isEmpty }
    }

    // MARK: Intents

    mutating func loadIntents(lexicon: Lexicon) -> [Intent] {
        var intents: [Intent] = []
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
                    if let other = intents.first(where: { $0.id == id }) {
                        r.error("intent '\(id)' is already defined at \(other.location)", at: fields["id"], hint: "merge the two")
                        continue
                    }
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
                        let guess = intentIDs.min { editDistance($0, intent) < editDistance($1, intent) }
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
                    var guidanceFirst = false
                    if let node = fields["guidance_first"] {
                        switch r.text(node, what: "'guidance_first'") {
                        case "true": guidanceFirst = true
                        case "false", nil: break
                        default: r.error("'guidance_first' is true or false", at: node)
                        }
                        if guidance == nil { r.error("'guidance_first' without 'guidance'", at: node) }
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

    // MARK: Cross checks

    mutating func crossCheck(intents: [Intent], responses: [String: Response], lexicon: Lexicon) {
        for intent in intents where responses[intent.id] == nil {
            diagnostics.append(Diagnostic(.error, "intent '\(intent.id)' has no response", at: intent.location,
                                          hint: "add a response with 'intent: \(intent.id)' in Responses/"))
        }
        var seen: [String: (String, SourceLocation)] = [:]
        for intent in intents {
            for example in intent.examples {
                let key = Self.words(example.text, variants: lexicon.variants).joined(separator: " ")
                if let (other, at) = seen[key], other != intent.id {
                    diagnostics.append(Diagnostic(.error, "example '\(example.text)' is also an example of '\(other)' (\(at))",
                                                  at: example.location, hint: "keep it under one intent"))
                }
                seen[key] = (intent.id, example.location)
            }
        }
    }
}
