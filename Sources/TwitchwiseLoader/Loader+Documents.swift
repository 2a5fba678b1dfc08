import TwitchwiseCore
import Yams

extension Loader {
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
                for line in textFile.lines {
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

}
