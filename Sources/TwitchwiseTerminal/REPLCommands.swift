import TwitchwiseCore
import TwitchwiseProtocol

/// The text of `:help`, `:topics`, `:sources` and `:why`.
extension REPL {
    /// What `:help` shows: the content's own answer to "help" (what typing `help` gives, so the
    /// two say the same), or, for content without one, how to ask and the commands; on a
    /// terminal, then the keys.
    func helpLines() -> [String] {
        var lines: [String]
        if let help = helpAnswer() {
            lines = TextWrapper.wrap(PlainText.sanitize(help), width: columns)
        } else {
            lines = TextWrapper.wrap(
                "Ask about muscle twitching, cramps or spasms in your own words, for example \"Why does my neck twitch?\". "
                    + "A follow-up such as \"what helps with that?\" refers to the last topic.", width: columns)
            lines += ["", style.apply(.heading, "Commands")]
            let nameWidth = Self.commands.map(\.name.count).max() ?? 0
            for command in Self.commands {
                let name = TextFormat.left(command.name, nameWidth + 2)
                lines += TextWrapper.wrapWords(command.summary.split(separator: " ").map(String.init), width: columns,
                                               first: "  " + name, rest: String(repeating: " ", count: nameWidth + 4))
            }
        }
        guard onTerminal else { return lines }
        lines += ["", style.apply(.heading, "Keys")]
        let keyWidth = Self.keys.map(\.key.count).max() ?? 0
        for (key, summary) in Self.keys {
            lines += TextWrapper.wrapWords(summary.split(separator: " ").map(String.init), width: columns,
                                           first: "  " + TextFormat.left(key, keyWidth + 2),
                                           rest: String(repeating: " ", count: keyWidth + 4))
        }
        return lines
    }

    /// The keys of the line editor (GNU readline), for `:help`.
    static let keys: [(key: String, summary: String)] = [
        ("Tab", "complete a command or a topic word"),
        ("Up, Down", "go through earlier questions"),
        ("Ctrl-R", "search earlier questions (type part of one; Ctrl-R again for the one before)"),
        ("Ctrl-A, Ctrl-E", "go to the start or end of the line"),
        ("Ctrl-C", "clear the line"),
        ("Ctrl-D", "leave (on an empty line)"),
    ]

    /// The content's answer to its `help` intent, rendered without slots, if it has one.
    func helpAnswer() -> String? {
        guard engine.content.intent("help") != nil, let response = engine.content.responses["help"],
              let template = response.variants.first else { return nil }
        let text = template.render(Template.Values(slots: [:])).trimming(.whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }

    /// The questions of the domain intents, grouped by the part of the id before the dot.
    func topicLines() -> [String] {
        var groups: [(name: String, questions: [String])] = []
        for intent in engine.content.intents where intent.domain {
            let name = intent.id.contains(".") ? String(intent.id.prefix { $0 != "." }) : "general"
            if let i = groups.firstIndex(where: { $0.name == name }) {
                groups[i].questions.append(intent.question)
            } else {
                groups.append((name, [intent.question]))
            }
        }
        // Intents without a prefix come last.
        groups.sort { ($0.name == "general" ? 1 : 0) < ($1.name == "general" ? 1 : 0) }
        var lines = TextWrapper.wrap("What I can answer, by topic (ask in your own words):", width: columns)
        for group in groups {
            lines += ["", style.apply(.heading, PlainText.sanitize(group.name.prefix(1).uppercased() + group.name.dropFirst()))]
            // One question per item, its wrapped lines under its text (a hanging indent).
            for question in group.questions {
                lines += TextWrapper.wrapWords(PlainText.sanitize(question).split(separator: " ").map(String.init), width: columns,
                                               first: "  ", rest: "    ")
            }
        }
        return lines
    }

    func sourceLines() -> [String] {
        let documents = engine.content.documents
        var lines = TextWrapper.wrap("Everything I say comes from these \(documents.count) articles:", width: columns)
        for document in documents {
            let id = PlainText.sanitize(document.id)
            lines += TextWrapper.wrapWords(PlainText.sanitize(document.title).split(separator: " ").map(String.init), width: columns,
                                           first: "  [\(id)] ", rest: String(repeating: " ", count: id.count + 5))
        }
        return lines
    }

    /// The last reply's explanation, field by field.
    func whyLines() -> [String] {
        guard let (message, reply) = last else {
            return TextWrapper.wrap("There is nothing to explain yet: ask a question first, then type :why.", width: columns)
        }
        let e = reply.explain
        var lines = TextWrapper.wrap("How I answered \"\(PlainText.sanitize(message))\":", width: columns)
            .map { style.apply(.heading, $0) }
        lines += field("Read as", e.normalized.isEmpty ? "(nothing)" : e.normalized)
        lines += field("Corrected", e.corrections.isEmpty ? "nothing" : e.corrections.map { "\($0.from) → \($0.to)" }.joined(separator: ", "))
        var terms: [String] = []
        for term in e.terms {
            let text = "\(term.text) = \(term.concept)" + (term.negated ? " (negated or past)" : "")
            if !terms.contains(text) { terms.append(text) }
        }
        lines += field("Words known", terms.isEmpty ? "none" : terms.joined(separator: ", "))
        if !e.patterns.isEmpty { lines += field("Pattern", e.patterns.joined(separator: "; ")) }
        lines += field("Slots", e.slotSources.isEmpty ? "none" : e.slotSources.sorted { $0.key < $1.key }.map {
            "\($0.key) = \(reply.slots[$0.key] ?? "?") (from \($0.value))"
        }.joined(separator: "; "))
        if !e.redFlags.isEmpty { lines += field("Red flags", e.redFlags.joined(separator: ", ")) }
        for line in e.triage { lines += field("Triage", line) }
        for line in e.reading { lines += field("Read as", line) }
        lines += field("Follow-up", e.followUp ? "yes, to the topic before" : "no")
        if e.top.isEmpty {
            lines += field("Top scores", "no topic matched")
        } else {
            for (i, score) in e.top.enumerated() {
                let text = "\(i + 1). \(score.intent) \(TextFormat.fixed(score.score, 2))"
                    + (score.evidence.isEmpty ? "" : " (\(score.evidence))")
                lines += field(i == 0 ? "Top scores" : "", text)
            }
        }
        lines += field("Decision", e.decision)
        return lines
    }

    /// `  Label:      value`, the value wrapped under itself.
    func field(_ label: String, _ value: String) -> [String] {
        let labelWidth = 14
        let head = label.isEmpty ? "" : label + ":"
        let first = "  " + style.apply(.label, head) + String(repeating: " ", count: max(1, labelWidth - head.count))
        let rest = String(repeating: " ", count: labelWidth + 2)
        // Wrap with the plain label (codes take no columns), then put the coloured one in.
        let plainFirst = "  " + head + String(repeating: " ", count: max(1, labelWidth - head.count))
        var lines = TextWrapper.wrapWords(PlainText.sanitize(value).split(separator: " ").map(String.init), width: columns,
                                          first: plainFirst, rest: rest)
        if let line = lines.first { lines[0] = first + line.dropFirst(plainFirst.count) }
        return lines
    }
}
