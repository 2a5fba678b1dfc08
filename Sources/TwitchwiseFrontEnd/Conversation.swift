import Foundation
import TwitchwiseCore
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
        /// A regular expression (NSRegularExpression syntax) that must match somewhere in the answer.
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
        var r = NodeReader(path: path)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let e as YamlError {
            var at = SourceLocation(file: path)
            var message = "not valid YAML"
            switch e {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                at = SourceLocation(file: path, line: mark.line, column: mark.column)
                message = "not valid YAML: \(problem)"
            case .duplicatedKeysInMapping(let duplicates, let context):
                at = SourceLocation(file: path, line: context.mark.line, column: context.mark.column)
                message = "duplicate key \(duplicates.joined(separator: ", ")) in a mapping"
            default:
                message = "not valid YAML: \(e)"
            }
            return (nil, [Diagnostic(.error, message, at: at, hint: "check the indentation and quoting near this place")])
        } catch {
            return (nil, [Diagnostic(.error, "not valid YAML: \(error)", at: SourceLocation(file: path))])
        }
        guard let root else {
            return (nil, [Diagnostic(.error, "the file is empty", at: SourceLocation(file: path),
                                     hint: "a conversation file holds 'conversations:', a list (see Conversations/README.md)")])
        }
        var conversations: [Conversation] = []
        if let top = r.mapping(root, what: "a conversation file", allowed: ["conversations"], required: ["conversations"]) {
            for item in r.sequence(top["conversations"]?.1, what: "'conversations'") {
                guard let fields = r.mapping(item, what: "a conversation", allowed: ["name", "known_gap", "turns"],
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

    static func parseTurn(_ node: Node, _ r: inout NodeReader) -> ConversationTurn? {
        guard let fields = r.mapping(node, what: "a turn", allowed: turnKeys, required: ["user"]),
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
                guard let pairs = r.mapping(value, what: "'slots'", allowed: []) else { continue }
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
                do { _ = try NSRegularExpression(pattern: pattern) } catch {
                    r.error("'\(pattern)' is not a valid regular expression", at: value,
                            hint: "NSRegularExpression (ICU) syntax; quote the pattern in single quotes")
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
                default: style = .plain
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

/// Reads YAML nodes with their locations, collecting every problem.
struct NodeReader {
    let path: String
    var diagnostics: [Diagnostic] = []

    init(path: String) { self.path = path }

    func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: path) }
        return SourceLocation(file: path, line: mark.line, column: mark.column)
    }

    mutating func error(_ message: String, at node: Node?, hint: String? = nil) {
        diagnostics.append(Diagnostic(.error, message, at: location(node), hint: hint))
    }

    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["~", "null", "Null", "NULL", ""].contains(scalar.string)
    }

    /// The pairs of a mapping (key node, value node), checking every key is `allowed` (empty: any).
    mutating func mapping(_ node: Node?, what: String, allowed: [String], required: [String] = []) -> [String: (Node, Node)]? {
        guard let node else { return nil }
        guard case .mapping(let mapping) = node else {
            error("\(what) must be a mapping (key: value lines)", at: node)
            return nil
        }
        var result: [String: (Node, Node)] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                error("a key in \(what) must be plain text", at: keyNode)
                continue
            }
            if !allowed.isEmpty && !allowed.contains(key) {
                let guess = allowed.min { editDistance($0, key) < editDistance($1, key) }
                let hint = guess.flatMap { editDistance($0, key) <= 3 ? "did you mean '\($0)'?" : nil }
                error("unknown key '\(key)' in \(what)", at: keyNode, hint: hint ?? "allowed keys: \(allowed.joined(separator: ", "))")
                continue
            }
            result[key] = (keyNode, value)
        }
        for key in required where result[key] == nil {
            error("\(what) has no '\(key)'", at: node, hint: "add '\(key):'")
        }
        return result
    }

    mutating func sequence(_ node: Node?, what: String) -> [Node] {
        guard let node else { return [] }
        guard case .sequence(let sequence) = node else {
            error("\(what) must be a list (lines starting with '- ')", at: node)
            return []
        }
        return Array(sequence)
    }

    mutating func string(_ node: Node?, what: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node else {
            error("\(what) must be text", at: node)
            return nil
        }
        return scalar.string
    }

    mutating func text(_ node: Node?, what: String) -> String? {
        guard let value = string(node, what: what) else { return nil }
        if value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            error("\(what) is empty", at: node)
            return nil
        }
        return value
    }

    mutating func bool(_ node: Node?, what: String) -> Bool? {
        guard let node else { return nil }
        switch node.scalar?.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            error("\(what) must be true or false", at: node)
            return nil
        }
    }

    /// A list of strings, or a single string.
    mutating func strings(_ node: Node?, what: String) -> [(String, Node)] {
        guard let node else { return [] }
        if case .scalar = node, let s = text(node, what: what) { return [(s, node)] }
        return sequence(node, what: what).compactMap { item in text(item, what: "an item of \(what)").map { ($0, item) } }
    }
}

func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    for i in 1...a.count {
        var cur = [i] + [Int](repeating: 0, count: b.count)
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        prev = cur
    }
    return prev[b.count]
}
