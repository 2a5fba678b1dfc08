import TwitchwiseCore
import TwitchwiseLoader
import Yams

/// A conversation file: canned conversations with what each answer must be
/// (Conversations/README.md). Parsed with every node's location, so a failure
/// points at its expectation and `--record` can splice a new golden text.
public struct ConversationFile: Sendable {
    /// The path as the user sees it.
    public var path: String
    public var text: String
    public var conversations: [Conversation]
}

public struct Conversation: Sendable {
    public var name: String
    public var location: SourceLocation
    /// Set when the conversation records a known gap of the engine: it may
    /// fail without failing the run (and says so when it starts to pass).
    public var knownGap: String?
    public var turns: [ConversationTurn]
}

public struct ConversationTurn: Sendable {
    public var user: String
    public var location: SourceLocation
    public var expectations: [Expectation]
}

/// One thing a reply must show, at the place in the file that asks for it.
public struct Expectation: Sendable {
    public enum Check: Sendable {
        /// One of these intents; empty: no intent at all (fallback, clarify).
        case intent([String])
        case kind(Reply.Kind)
        /// slot -> value; nil: the slot must not be set.
        case slots([String: String?])
        case urgent(Bool)
        /// Case-insensitive substrings that must all be in the answer.
        case contains([String])
        case notContains([String])
        /// A regular expression (Swift `Regex` syntax) that must match somewhere in the answer.
        case matches(String)
        /// The exact answer (a trailing newline of a YAML block is ignored).
        case answer(String, GoldenSpan)
    }

    public var check: Check
    /// Where the expectation's key is.
    public var location: SourceLocation

    /// The key as written in the file.
    public var key: String {
        switch check {
        case .intent: return "intent"
        case .kind: return "kind"
        case .slots: return "slots"
        case .urgent: return "urgent"
        case .contains: return "contains"
        case .notContains: return "not_contains"
        case .matches: return "matches"
        case .answer: return "answer"
        }
    }
}

/// Where a golden `answer:` value sits in its file, for `--record`.
public struct GoldenSpan: Sendable, Hashable {
    /// 1-based line and column of the answer key.
    public var keyLine: Int
    public var keyColumn: Int
    /// 1-based line and column (in Unicode scalars) where the value starts.
    public var valueLine: Int
    public var valueColumn: Int
    public var style: Style

    public enum Style: Sendable, Hashable { case plain, singleQuoted, doubleQuoted, block }
}

public enum ConversationParser {
    static let turnKeys = ["user", "intent", "kind", "slots", "urgent", "contains", "not_contains", "matches", "answer"]

    /// Parses one file; the diagnostics hold every problem (any error makes the file unusable).
    public static func parse(path: String, text: String) -> (ConversationFile?, [Diagnostic]) {
        var r = YAMLReader(file: ContentFile(path: path, text: text))
        guard let root = r.root(emptyHint: "a conversation file holds 'conversations:', a list (see Conversations/README.md)") else {
            return (nil, r.diagnostics)
        }
        var conversations: [Conversation] = []
        if let top = r.mappingWithKeys(root, what: "a conversation file", allowed: ["conversations"], required: ["conversations"]) {
            for item in r.sequence(top["conversations"]?.1, what: "'conversations'") {
                guard let fields = r.mappingWithKeys(item, what: "a conversation", allowed: ["name", "known_gap", "turns"],
                                             required: ["name", "turns"]),
                      let name = r.text(fields["name"]?.1, what: "'name'") else { continue }
                if let other = conversations.first(where: { $0.name == name }) {
                    r.error("a conversation named '\(name)' is already at line \(other.location.line)", at: fields["name"]?.1,
                            hint: "give each conversation of a file its own name")
                }
                let knownGap = r.text(fields["known_gap"]?.1, what: "'known_gap'")
                var turns: [ConversationTurn] = []
                let turnNodes = r.sequence(fields["turns"]?.1, what: "'turns'")
                if turnNodes.isEmpty, fields["turns"] != nil {
                    r.error("conversation '\(name)' has no turns", at: fields["turns"]?.1, hint: "add '- user: \"...\"' lines")
                }
                for turnNode in turnNodes {
                    if let turn = parseTurn(turnNode, &r) { turns.append(turn) }
                }
                conversations.append(Conversation(name: name, location: r.location(fields["name"]?.0), knownGap: knownGap,
                                                  turns: turns))
            }
        }
        if r.diagnostics.contains(where: { $0.severity == .error }) { return (nil, r.diagnostics) }
        return (ConversationFile(path: path, text: text, conversations: conversations), r.diagnostics)
    }

    static func parseTurn(_ node: Node, _ r: inout YAMLReader) -> ConversationTurn? {
        guard let fields = r.mappingWithKeys(node, what: "a turn", allowed: turnKeys, required: ["user"]),
              let user = r.text(fields["user"]?.1, what: "'user'") else { return nil }
        var expectations: [Expectation] = []
        for key in turnKeys where key != "user" {
            guard let (keyNode, value) = fields[key] else { continue }
            let at = r.location(keyNode)
            func add(_ check: Expectation.Check) { expectations.append(Expectation(check: check, location: at)) }
            switch key {
            case "intent":
                if r.isNull(value) { add(.intent([])) } else {
                    let ids = r.strings(value, what: "'intent'").map(\.0)
                    if !ids.isEmpty { add(.intent(ids)) }
                }
            case "kind":
                guard let text = r.text(value, what: "'kind'") else { continue }
                if let kind = Reply.Kind(rawValue: text) { add(.kind(kind)) } else {
                    r.error("unknown kind '\(text)'", at: value, hint: "kinds: answer, clarify, fallback")
                }
            case "slots":
                guard let pairs = r.mappingWithKeys(value, what: "'slots'", allowed: []) else { continue }
                var slots: [String: String?] = [:]
                for (slot, (_, valueNode)) in pairs {
                    slots[slot] = r.isNull(valueNode) ? .some(nil) : r.text(valueNode, what: "the value of slot '\(slot)'")
                }
                add(.slots(slots))
            case "urgent":
                if let flag = r.bool(value, what: "'urgent'") { add(.urgent(flag)) }
            case "contains":
                add(.contains(r.strings(value, what: "'contains'").map(\.0)))
            case "not_contains":
                add(.notContains(r.strings(value, what: "'not_contains'").map(\.0)))
            case "matches":
                guard let pattern = r.text(value, what: "'matches'") else { continue }
                do { _ = try Regex(pattern) } catch {
                    r.error("'\(pattern)' is not a valid regular expression", at: value,
                            hint: "Swift Regex syntax (as in Perl, ICU and PCRE); quote the pattern in single quotes")
                    continue
                }
                // Run without backtracking (issue 22): a pattern this engine cannot run is refused here.
                do { _ = try AnswerPattern(pattern) } catch {
                    r.error("'\(pattern)' cannot be used: \(error.description)", at: value,
                            hint: "'matches' patterns run without backtracking: no back-references or look-around")
                    continue
                }
                add(.matches(pattern))
            case "answer":
                guard let text = r.string(value, what: "'answer'"), case .scalar(let scalar) = value,
                      let valueMark = value.mark, let keyMark = keyNode.mark else { continue }
                let style: GoldenSpan.Style
                switch scalar.style {
                case .literal, .folded: style = .block
                case .singleQuoted: style = .singleQuoted
                case .doubleQuoted: style = .doubleQuoted
                case .plain, .any: style = .plain
                }
                let span = GoldenSpan(keyLine: keyMark.line, keyColumn: keyMark.column, valueLine: valueMark.line,
                                      valueColumn: valueMark.column, style: style)
                add(.answer(text, span))
            default:
                break
            }
        }
        expectations.sort { $0.location < $1.location }
        return ConversationTurn(user: user, location: r.location(fields["user"]?.0), expectations: expectations)
    }
}

