import TwitchwiseCore
import Yams

/// Reads YAML nodes, collecting every problem with its location: the content
/// loader and the conversation files of `twitchwise test` both read through it.
public struct YAMLReader {
    public let file: ContentFile
    public var diagnostics: [Diagnostic] = []
    private let lines: [Substring]

    public init(file: ContentFile) {
        self.file = file
        self.lines = file.lines
    }

    public func location(_ node: Node?) -> SourceLocation {
        guard let mark = node?.mark else { return SourceLocation(file: file.path) }
        return SourceLocation(file: file.path, line: mark.line, column: mark.column)
    }

    public mutating func error(_ message: String, at node: Node?, hint: String? = nil) {
        diagnostics.append(Diagnostic(.error, message, at: location(node), hint: hint))
    }

    public mutating func error(_ message: String, at location: SourceLocation, hint: String? = nil) {
        diagnostics.append(Diagnostic(.error, message, at: location, hint: hint))
    }

    /// Parses the file; nil (with a located error) when it is not YAML.
    /// - Parameter emptyHint: what such a file holds, for the error about an empty file.
    public mutating func root(emptyHint: String = "see docs/content-format.md for what it holds") -> Node? {
        do {
            guard let node = try YAMLDocument.compose(file.text) else {
                error("the file is empty", at: SourceLocation(file: file.path), hint: emptyHint)
                return nil
            }
            return node
        } catch {
            let at = SourceLocation(file: file.path, line: error.line, column: error.column)
            self.error("not valid YAML: \(error.problem)", at: at, hint: "check the indentation and quoting near this place")
            return nil
        }
    }

    /// The pairs of a mapping, checking that every key is one of `allowed` (empty: any key).
    public mutating func mapping(_ node: Node?, what: String, allowed: [String], required: [String] = []) -> [String: Node]? {
        mappingWithKeys(node, what: what, allowed: allowed, required: required)?.mapValues(\.value)
    }

    /// Like `mapping`, keeping each key's node too (for its location).
    public mutating func mappingWithKeys(_ node: Node?, what: String, allowed: [String], required: [String] = [])
        -> [String: (key: Node, value: Node)]?
    {
        guard let node else { return nil }
        guard case .mapping(let mapping) = node else {
            error("\(what) must be a mapping (key: value lines)", at: node)
            return nil
        }
        var result: [String: (key: Node, value: Node)] = [:]
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar?.string else {
                error("a key in \(what) must be plain text", at: keyNode)
                continue
            }
            if !allowed.isEmpty && !allowed.contains(key) {
                let hint = DidYouMean.closest(to: key, among: allowed).map { "did you mean '\($0)'?" }
                error("unknown key '\(key)' in \(what)", at: keyNode,
                      hint: hint ?? "allowed keys: \(allowed.joined(separator: ", "))")
                continue
            }
            result[key] = (keyNode, value)
        }
        for key in required where result[key] == nil {
            error("\(what) has no '\(key)'", at: node, hint: "add '\(key):'")
        }
        return result
    }

    /// Whether a node is YAML's null (`~`, `null`, nothing).
    public func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["~", "null", "Null", "NULL", ""].contains(scalar.string)
    }

    public mutating func sequence(_ node: Node?, what: String) -> [Node] {
        guard let node else { return [] }
        guard case .sequence(let sequence) = node else {
            error("\(what) must be a list (lines starting with '- ')", at: node)
            return []
        }
        return Array(sequence)
    }

    public mutating func string(_ node: Node?, what: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let scalar) = node else {
            error("\(what) must be text", at: node)
            return nil
        }
        return scalar.string
    }

    /// A non-empty string.
    public mutating func text(_ node: Node?, what: String) -> String? {
        guard let value = string(node, what: what) else { return nil }
        if value.isOnly(.whitespacesAndNewlines) {
            error("\(what) is empty", at: node)
            return nil
        }
        return value
    }

    public mutating func bool(_ node: Node?, what: String) -> Bool? {
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
    public mutating func strings(_ node: Node?, what: String) -> [(String, Node)] {
        guard let node else { return [] }
        if case .scalar = node, let s = string(node, what: what) { return [(s, node)] }
        return sequence(node, what: what).compactMap { item in string(item, what: "an item of \(what)").map { ($0, item) } }
    }

    /// Where a scalar's text starts, so positions inside it can be reported.
    public func origin(of node: Node) -> TextOrigin {
        let at = location(node)
        guard case .scalar(let scalar) = node else { return TextOrigin(file: file.path, line: at.line, column: at.column) }
        switch scalar.style {
        case .literal, .folded:
            // The text starts on the next line, at that line's indentation.
            let next = at.line  // 0-based index of the line after the indicator
            let indent = next < lines.count ? lines[next].prefix { $0 == " " }.count : 0
            return TextOrigin(file: file.path, line: at.line + 1, column: indent + 1, continuationColumn: indent + 1)
        case .singleQuoted, .doubleQuoted:
            return TextOrigin(file: file.path, line: at.line, column: at.column + 1, continuationColumn: nil)
        default:
            return TextOrigin(file: file.path, line: at.line, column: at.column, continuationColumn: nil)
        }
    }
}

