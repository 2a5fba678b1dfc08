import Foundation
import TwitchwiseContent
import TwitchwiseCore
import TwitchwiseLoader

/// The project's own content, loaded once for all tests.
public enum Fixture {
    public static let content: Content = {
        let files = EmbeddedContent.files.map { ContentFile(path: $0.path, text: $0.text) }
        do { return try ContentLoader.load(files).0 } catch { fatalError("the project content does not load:\n\(error)") }
    }()

    public static let engine = Engine(content: content)

    /// Asks messages in one session; returns every reply.
    public static func conversation(_ messages: [String], engine: Engine = engine) -> [Reply] {
        var state = SessionState()
        return messages.map { message in
            let (reply, next) = engine.respond(to: message, in: state)
            state = next
            return reply
        }
    }

    public static func ask(_ message: String) -> Reply { conversation([message])[0] }

    public static let packageRoot = Driver.packageRoot

    /// The topic catalog (a copy of shared/spec/topics.yaml): id -> the questions it lists.
    public static let catalog: [(id: String, asks: [String])] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/topics.yaml")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        var entries: [(String, [String])] = []
        var id: String?
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("- id: ") { id = String(trimmed.dropFirst(6)) }
            if trimmed.hasPrefix("asks: "), let current = id {
                // A note in brackets says what the question is ("(a question, not an emergency happening now)"): not asked.
                var line = String(trimmed.dropFirst(6))
                if let open = line.firstIndex(of: "("), line.hasSuffix(")") { line = String(line[..<open]) }
                let asks = line.components(separatedBy: " / ").map { $0.trimmingCharacters(in: .whitespaces) }
                entries.append((current, asks))
            }
        }
        return entries
    }()

    /// Page furniture of the articles, which must never reach an answer.
    public static let furniture = ["recommend\n", "[ad_1]", "[ad_2]", "<<:", ">>:", "bulksupplementsdirect", "subscribe to our",
                            "your trusted source", "what you will read next"]
}
