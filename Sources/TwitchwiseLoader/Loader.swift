import TwitchwiseCore
import Yams

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

    static func read(_ file: ContentFile, _ body: (inout YAMLReader, Node) -> Void) -> [Diagnostic] {
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
}
