import TwitchwiseCore
import TwitchwiseContentLoading
import TwitchwiseProtocol

/// `twitchwise check`: validates content without running a conversation.
/// Everything the loader reports, plus what only the matcher can tell:
/// examples that classify to another intent, canonical questions that do not
/// come back to their intent, and patterns that can never win.
public enum ContentCheck {
    public struct Report: Sendable {
        public var diagnostics: [Diagnostic]
        /// Intents and examples the matcher checks ran on (zero when the content did not load).
        public var intents = 0
        public var examples = 0
        public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
        public var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }

        public var text: String {
            var lines = diagnostics.map(\.description)
            var summary = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
            if intents > 0 { summary += " (\(intents) intents, \(examples) examples classified)" } else {
                summary += " (the content did not load, so the matcher checks did not run)"
            }
            lines.append(summary)
            return lines.joined(separator: "\n") + "\n"
        }
    }

    public static func run(source: ContentSource, seed: UInt64 = 0) -> Report {
        let content: Content
        var diagnostics: [Diagnostic]
        do {
            (content, diagnostics) = try source.load()
        } catch {
            return Report(diagnostics: error.diagnostics)
        }
        let files = (try? source.files()) ?? []
        let engine = Engine(content: content, options: EngineOptions(seed: seed))
        var found: [Diagnostic] = []
        found += classifyExamples(engine)
        found += classifyQuestions(engine, files: files)
        found += deadPatterns(content)
        diagnostics += found.map(source.relocate)
        diagnostics.sort { ($0.location, $0.severity == .error ? 0 : 1) < ($1.location, $1.severity == .error ? 0 : 1) }
        return Report(diagnostics: diagnostics, intents: content.intents.count,
                      examples: content.intents.map(\.examples.count).reduce(0, +))
    }

    public static func main(source: ContentSource, seed: UInt64 = 0) -> CommandOutput {
        let report = run(source: source, seed: seed)
        return CommandOutput(status: report.errors > 0 ? 1 : 0, stdout: report.text)
    }

    static func outcome(_ reply: Reply) -> String {
        if reply.urgent { return "the urgent answer (red flag \(reply.explain.redFlags.joined(separator: ", ")))" }
        switch reply.kind {
        case .answer: return "'\(reply.intent ?? "?")'"
        case .clarify: return "a clarifying question between \(reply.candidates.map { "'\($0)'" }.joined(separator: " and "))"
        case .fallback: return "the fallback"
        }
    }

    /// Each intent's own examples, asked alone in a fresh session, must come back to it.
    static func classifyExamples(_ engine: Engine) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for intent in engine.content.intents {
            for example in intent.examples {
                let (reply, _) = engine.respond(to: example.text, in: SessionState())
                guard reply.intent != intent.id || reply.kind != .answer else { continue }
                let score = reply.explain.top.first { $0.intent == intent.id }.map { TextFormat.fixed($0.score, 2) } ?? "0"
                found.append(Diagnostic(
                    .warning, "example '\(example.text)' of '\(intent.id)' classifies to \(outcome(reply))",
                    at: example.location,
                    hint: "\(reply.explain.decision); '\(intent.id)' scores \(score). Reword the example, or move it to the intent it belongs to"))
            }
        }
        return found
    }

    /// Suggestions and clarifying questions show each intent's `question`: asked verbatim, it must come back.
    static func classifyQuestions(_ engine: Engine, files: [ContentFile]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for intent in engine.content.intents {
            // `urgent`-like intents with no examples are reached only through the red-flag layer.
            if intent.examples.isEmpty && intent.patterns.isEmpty { continue }
            let (reply, _) = engine.respond(to: intent.question, in: SessionState())
            guard reply.intent != intent.id || reply.kind != .answer || reply.urgent else { continue }
            found.append(Diagnostic(
                .error, "the question '\(intent.question)' of '\(intent.id)' classifies to \(outcome(reply))",
                at: questionLocation(of: intent, in: files),
                hint: "suggestions and clarifying questions show this question, so asking it must give this intent; \(reply.explain.decision)"))
        }
        return found
    }

    /// The `question:` key of an intent: the intent model keeps only where its id is.
    static func questionLocation(of intent: Intent, in files: [ContentFile]) -> SourceLocation {
        guard let file = files.first(where: { $0.path == intent.location.file }) else { return intent.location }
        let lines = file.text.split(separator: "\n", omittingEmptySubsequences: false)
        var i = intent.location.line - 1
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.drop { $0 == " " || $0 == "-" }
            if i > intent.location.line - 1, trimmed.hasPrefix("id:") { break }
            if let range = line.firstRange(of: "question:"), trimmed.hasPrefix("question:") {
                return SourceLocation(file: file.path, line: i + 1, column: line.distance(from: line.startIndex, to: range.lowerBound) + 1)
            }
            i += 1
        }
        return intent.location
    }

    /// Patterns that can never win: the same shape as a pattern before it (the
    /// first intent in id order takes a tie), or one that needs a near-miss
    /// concept, which always sends the message to the fallback.
    static func deadPatterns(_ content: Content) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var seen: [[Pattern.Element]: (String, Pattern)] = [:]
        let all = content.intents.flatMap { intent in intent.patterns.map { (intent, $0) } }
        // Equal patterns score the same; the engine breaks the tie by intent id.
        for (intent, pattern) in all.sorted(by: { ($0.0.id, $0.1.location) < ($1.0.id, $1.1.location) }) {
            if let (other, first) = seen[pattern.elements] {
                let same = other == intent.id
                found.append(Diagnostic(
                    .warning, same ? "pattern '\(pattern.source)' repeats a pattern of the same intent (\(first.location))"
                        : "pattern '\(pattern.source)' of '\(intent.id)' can never win: '\(other)' has the same pattern (\(first.location)) and wins the tie",
                    at: pattern.location, hint: same ? "remove one of them" : "make one of the two patterns more specific, or remove it"))
            } else {
                seen[pattern.elements] = (intent.id, pattern)
            }
            for element in pattern.elements {
                var concept: Concept?
                switch element {
                case .concept(let id):
                    concept = content.lexicon.concept(id)
                    if concept == nil {
                        found.append(Diagnostic(.warning, "pattern '\(pattern.source)' can never match: concept '<\(id)>' is not defined",
                                                at: pattern.location, hint: "define it in \(ContentLoader.lexiconPath)"))
                    }
                case .slot(let slot):
                    if !content.lexicon.concepts.contains(where: { $0.slot == slot }) {
                        found.append(Diagnostic(.warning, "pattern '\(pattern.source)' can never match: no concept fills slot '{\(slot)}'",
                                                at: pattern.location, hint: "give a concept 'slot: \(slot)' in \(ContentLoader.lexiconPath)"))
                    }
                default: break
                }
                if let concept, concept.scope == .out, intent.domain {
                    found.append(Diagnostic(.warning, "pattern '\(pattern.source)' can never win: '<\(concept.id)>' is a near-miss subject, which always gets the fallback",
                                            at: pattern.location, hint: "near-miss concepts (scope: out) push a message out of scope"))
                }
                if let concept, concept.terms.isEmpty {
                    found.append(Diagnostic(.warning, "pattern '\(pattern.source)' can never match: concept '<\(concept.id)>' has no terms",
                                            at: pattern.location))
                }
            }
        }
        return found
    }
}
