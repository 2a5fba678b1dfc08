import Foundation
import TwitchwiseCore
import TwitchwiseLoader
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

        public var text: String { text(errorsOnly: false, baseline: nil) }

        /// The report: every diagnostic (only the errors with `errorsOnly`; with a `baseline`, only
        /// the warnings not in it, the known ones counted once), then a summary line.
        public func text(errorsOnly: Bool, baseline: CheckBaseline?) -> String {
            var lines: [String] = []
            var known = 0, shownWarnings = 0
            var seen: Set<String> = []
            for d in diagnostics {
                if d.severity == .warning {
                    if let baseline, baseline.known.contains(CheckBaseline.key(d)) {
                        known += 1
                        seen.insert(CheckBaseline.key(d))
                        continue
                    }
                    if errorsOnly { continue }
                    shownWarnings += 1
                }
                lines.append(d.description)
            }
            var summary = counted(errors, "error") + ", " + counted(warnings, "warning")
            if let baseline {
                summary += ", \(newWarnings(baseline).count) new and \(known) known"
                let fixed = baseline.known.subtracting(seen).count
                if fixed > 0 { summary += ", " + counted(fixed, "baseline entry", plural: "baseline entries") + " no longer found" }
            } else if errorsOnly, warnings > 0 {
                summary += " not shown"
            }
            if intents > 0 { summary += " (" + counted(intents, "intent") + ", " + counted(examples, "example") + " classified)" } else {
                summary += " (the content did not load, so the matcher checks did not run)"
            }
            lines.append(summary)
            return lines.joined(separator: "\n") + "\n"
        }

        /// The warnings a baseline does not know.
        public func newWarnings(_ baseline: CheckBaseline) -> [Diagnostic] {
            diagnostics.filter { $0.severity == .warning && !baseline.known.contains(CheckBaseline.key($0)) }
        }
    }

    /// The fewest examples an intent may have (docs/content-format.md). An intent with no example
    /// and no pattern is reached only through triage (`urgent`) and needs none.
    public static let minimumExamples = 5

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
        found += exampleFrames(engine)
        found += copiedTerms(engine)
        found += classifyQuestions(engine, files: files)
        found += fewExamples(content)
        found += deadPatterns(content)
        found += styleWarnings(content, files: files)
        diagnostics += found.map(source.relocate)
        diagnostics.sort { ($0.location, $0.severity == .error ? 0 : 1) < ($1.location, $1.severity == .error ? 0 : 1) }
        return Report(diagnostics: diagnostics, intents: content.intents.count,
                      examples: content.intents.map(\.examples.count).reduce(0, +))
    }

    /// Runs `twitchwise check`. Exit status 1 on an error, or on a warning the baseline does not
    /// know; 2 when the baseline cannot be read; 0 otherwise.
    public static func main(source: ContentSource, seed: UInt64 = 0, errorsOnly: Bool = false, baseline path: String? = nil,
                            printBaseline: Bool = false) -> CommandOutput {
        var baseline: CheckBaseline?
        if let path {
            let (read, problem) = CheckBaseline.read(path)
            if let problem { return CommandOutput(status: 2, stderr: problem + "\n") }
            baseline = read
        }
        let report = run(source: source, seed: seed)
        if printBaseline {
            return CommandOutput(status: report.errors > 0 ? 1 : 0,
                                 stdout: CheckBaseline.text(for: report.diagnostics.filter { $0.severity == .warning }))
        }
        let failed = report.errors > 0 || baseline.map { !report.newWarnings($0).isEmpty } ?? false
        return CommandOutput(status: failed ? 1 : 0, stdout: report.text(errorsOnly: errorsOnly, baseline: baseline))
    }

    /// Intents with fewer examples than `minimumExamples`: the matcher has too little to go on.
    static func fewExamples(_ content: Content) -> [Diagnostic] {
        content.intents.compactMap { intent in
            let count = intent.examples.count
            if count >= minimumExamples || (count == 0 && intent.patterns.isEmpty) { return nil }
            return Diagnostic(.error, "intent '\(intent.id)' has " + counted(count, "example") + "; an intent needs at least \(minimumExamples)",
                              at: intent.location,
                              hint: "add ways people would ask it under 'examples:' (docs/content-format.md)")
        }
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

    /// Each example's question frame (issue 19): the kind of question it asks is one its intent
    /// answers ("what tests would a doctor run?" is no example of relief.overview), unless it names
    /// the intent's own subject.
    static func exampleFrames(_ engine: Engine) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for intent in engine.content.intents where intent.domain {
            for example in intent.examples {
                let kinds = engine.kindsNotAnswered(in: example.text, by: intent.id)
                guard !kinds.isEmpty else { continue }
                found.append(Diagnostic(
                    .warning, "example '\(example.text)' of '\(intent.id)' asks a question of kind \(kinds.map { "'\($0)'" }.joined(separator: ", ")), which '\(intent.id)' does not answer",
                    at: example.location,
                    hint: "move it to a topic of that kind, or reword it to ask what '\(intent.id)' answers"))
            }
        }
        return found
    }

    /// Lexicon terms copied word for word from an example (issue 19): a phrase of four words or more
    /// that only repeats how one example was put is tuning to that example, not a synonym; the
    /// examples already teach the matcher their words. (Kinds of question are frames, and their
    /// terms are said in examples by design.)
    static let copiedTermWords = 4

    static func copiedTerms(_ engine: Engine) -> [Diagnostic] {
        var phrases: [String: Example] = [:]
        for intent in engine.content.intents {
            for example in intent.examples {
                let words = engine.matcher.analyzer.analyze(example.text).tokens.map(\.word)
                guard words.count >= copiedTermWords else { continue }
                for n in copiedTermWords...min(words.count, 8) {
                    for start in 0...(words.count - n) {
                        let phrase = words[start..<(start + n)].joined(separator: " ")
                        if phrases[phrase] == nil { phrases[phrase] = example }
                    }
                }
            }
        }
        var found: [Diagnostic] = []
        for concept in engine.content.lexicon.concepts where concept.scope != .question {
            for term in concept.rawTerms where term.count >= copiedTermWords {
                guard let example = phrases[term.joined(separator: " ")] else { continue }
                found.append(Diagnostic(
                    .warning, "term '\(term.joined(separator: " "))' of concept '\(concept.id)' is copied from the example '\(example.text)'",
                    at: concept.location,
                    hint: "keep a synonym people use, not an example's phrase (the example teaches its words already)"))
            }
        }
        return found
    }

    /// Suggestions and clarifying questions show each intent's `question`: asked verbatim, it must come back.
    static func classifyQuestions(_ engine: Engine, files: [ContentFile]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        // Each file split once, however many of its questions fail (issue 22).
        var lines: [String: [Substring]] = [:]
        for file in files { lines[file.path] = file.lines }
        for intent in engine.content.intents {
            // `urgent`-like intents with no examples are reached only through the red-flag layer.
            if intent.examples.isEmpty && intent.patterns.isEmpty { continue }
            let (reply, _) = engine.respond(to: intent.question, in: SessionState())
            guard reply.intent != intent.id || reply.kind != .answer || reply.urgent else { continue }
            found.append(Diagnostic(
                .error, "the question '\(intent.question)' of '\(intent.id)' classifies to \(outcome(reply))",
                at: questionLocation(of: intent, lines: lines[intent.location.file]),
                hint: "suggestions and clarifying questions show this question, so asking it must give this intent; \(reply.explain.decision)"))
        }
        return found
    }

    /// The `question:` key of an intent: the intent model keeps only where its id is.
    static func questionLocation(of intent: Intent, lines: [Substring]?) -> SourceLocation {
        guard let lines else { return intent.location }
        var i = intent.location.line - 1
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.drop { $0 == " " || $0 == "-" }
            if i > intent.location.line - 1, trimmed.hasPrefix("id:") { break }
            if let range = line.firstRange(of: "question:"), trimmed.hasPrefix("question:") {
                return SourceLocation(file: intent.location.file, line: i + 1, column: line.distance(from: line.startIndex, to: range.lowerBound) + 1)
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

// MARK: The style rules of docs/style-guide.md that a program can check

extension ContentCheck {
    /// The most words an answer may have, in any of its renderings.
    static let maxAnswerWords = 120
    /// The most words a sentence (or list line) may have.
    static let maxSentenceWords = 25
    /// The most sources one reply may list.
    static let maxSources = 5
    /// The marker, on its own line under `- intent:`, that the catalog gives the topic a doctor line.
    static let doctorLineMarker = "# check: doctor-line"
    /// How every doctor line starts.
    static let doctorLineStart = "See a doctor if"
    /// First words of a yes/no question.
    static let yesNoWords: Set<String> = ["can", "could", "is", "are", "am", "does", "do", "did", "should", "will", "would",
                                          "has", "have", "may", "was", "were"]

    /// Warnings for what docs/style-guide.md asks of every answer (its safety guidance included): at most 120 words, sentences of
    /// at most 25 words, no yes/no opener to a question that is not yes/no, at most five sources,
    /// and a "See a doctor if" line where the topic is marked `# check: doctor-line`. Each answer
    /// is rendered with no slots and once for each section condition it has, so that every
    /// branch is measured.
    static func styleWarnings(_ content: Content, files: [ContentFile]) -> [Diagnostic] {
        var found: [Diagnostic] = []
        let marked = doctorLineTopics(files)
        for intent in content.intents {
            guard intent.domain, let response = content.responses[intent.id] else { continue }
            let yesNo = isYesNo(intent.question)
            var messages: [(String, String?)] = []
            func add(_ message: String, _ hint: String?) {
                if !messages.contains(where: { $0.0 == message }) { messages.append((message, hint)) }
            }
            for (variant, template) in response.variants.enumerated() {
                let which = response.variants.count > 1 ? "variant \(variant + 1) of " : ""
                for slots in renderings(template, response: response, lexicon: content.lexicon) {
                    // (The safety guidance shown with it counts: the reader sees both.)
                    let guidance = response.guidance.map { $0.render(Template.Values(slots: slots)) } ?? ""
                    let text = template.render(Template.Values(slots: slots)) + (guidance.isEmpty ? "" : "\n\n" + guidance)
                    let when = slots.isEmpty ? "" : " (with " + slots.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                        .joined(separator: ", ") + ")"
                    let words = wordCount(text)
                    if words > maxAnswerWords {
                        add("the answer of \(which)'\(intent.id)' has \(words) words\(when), over \(maxAnswerWords)",
                            "keep an answer to the point: a direct answer, a short list, a doctor line (docs/style-guide.md)")
                    }
                    for sentence in sentences(text) where wordCount(sentence) > maxSentenceWords {
                        add("a sentence of \(which)'\(intent.id)' has \(wordCount(sentence)) words, over \(maxSentenceWords): '\(Self.excerpt(sentence, 60))'",
                            "split it, or make it a list")
                    }
                    if !yesNo, let opener = yesNoOpener(text) {
                        add("the answer of \(which)'\(intent.id)' opens with '\(opener)', but its question '\(intent.question)' is not a yes/no question",
                            "open with the direct answer to the question asked")
                    }
                    let listed = response.sources.filter { $0.condition?.holds(in: slots) ?? true }.count
                    if listed > maxSources {
                        add("'\(intent.id)' lists \(listed) sources\(when), over \(maxSources)",
                            "keep the few quotes that back the answer's sentences, each once")
                    }
                    if marked.contains(intent.id), !hasDoctorLine(text) {
                        add("'\(intent.id)' has a doctor line in the catalog, but its answer\(when) has no '\(doctorLineStart) …' line",
                            "add a paragraph or line starting '\(doctorLineStart)', or remove '\(doctorLineMarker)'")
                    }
                }
            }
            found += messages.map { Diagnostic(.warning, $0.0, at: response.location, hint: $0.1) }
        }
        return found
    }

    /// The intents whose response is marked `# check: doctor-line` (on a line of its own, in the
    /// lines after its `- intent:` and before the next one).
    static func doctorLineTopics(_ files: [ContentFile]) -> Set<String> {
        var topics: Set<String> = []
        for file in files where file.path.hasPrefix("Responses/") || file.path.contains("/Responses/") {
            var current: String?
            for line in file.lines {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.hasPrefix("- intent:") {
                    current = trimmed.dropFirst("- intent:".count).trimmingCharacters(in: .whitespaces)
                } else if trimmed == doctorLineMarker, let current {
                    topics.insert(current)
                }
            }
        }
        return topics
    }

    static func isYesNo(_ question: String) -> Bool {
        let first = question.prefix { $0.isLetter }.lowercased()
        return yesNoWords.contains(first)
    }

    /// "Yes", "No" or "It can" at the start of an answer, if it has one.
    static func yesNoOpener(_ text: String) -> String? {
        let start = text.drop { $0.isWhitespace }
        for opener in ["Yes", "No", "It can"] where start.hasPrefix(opener) {
            let next = start.dropFirst(opener.count).first
            if next == nil || !(next!.isLetter || next!.isNumber) { return opener }
        }
        return nil
    }

    static func hasDoctorLine(_ text: String) -> Bool {
        text.split(separator: "\n").contains { $0.drop { $0 == " " || $0 == "-" }.hasPrefix(doctorLineStart) }
    }

    /// Words: runs of characters between white space that hold a letter or a digit (a list's "-" is not one).
    static func wordCount<S: StringProtocol>(_ text: S) -> Int {
        text.split(whereSeparator: \.isWhitespace).filter { $0.contains { $0.isLetter || $0.isNumber } }.count
    }

    /// The sentences of a text: each line on its own (a list line is one), split after ".", "!" or "?"
    /// followed by a space.
    static func sentences(_ text: String) -> [String] {
        var found: [String] = []
        for line in text.split(separator: "\n") {
            var current = ""
            var previous: Character = " "
            for c in line {
                if c == " ", previous == "." || previous == "!" || previous == "?" {
                    found.append(current)
                    current = ""
                } else {
                    current.append(c)
                }
                previous = c
            }
            if !current.trimmingCharacters(in: .whitespaces).isEmpty { found.append(current) }
        }
        return found
    }

    /// The slot sets an answer is measured with: none, then one per section or source condition
    /// that some value can meet (flags such as `again` included).
    static func renderings(_ template: Template, response: Response, lexicon: Lexicon) -> [[String: String]] {
        var sets: [[String: String]] = [[:]]
        let conditions = template.conditions + response.sources.compactMap(\.condition)
        for condition in conditions where !condition.negated {
            let value: String?
            if let first = condition.values.sorted().first {
                value = first
            } else if let flag = ContentLoader.templateFlags[condition.slot] {
                value = flag.sorted().first
            } else {
                value = lexicon.concepts.first { $0.slot == condition.slot }?.id
            }
            guard let value else { continue }
            let slots = [condition.slot: value]
            if !sets.contains(slots) { sets.append(slots) }
        }
        return sets
    }

    /// The first `length` characters of a sentence, with "…" when it was cut (for a warning).
    static func excerpt(_ text: String, _ length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
