/// Maps a position inside a piece of text back to its content file.
public struct TextOrigin: Sendable, Hashable {
    public var file: String
    /// Location of the text's first character.
    public var line: Int
    public var column: Int
    /// Column where continuation lines start (block scalars), or nil when
    /// continuation lines start at column 1 of the text's own lines.
    public var continuationColumn: Int?

    public init(file: String, line: Int, column: Int, continuationColumn: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.continuationColumn = continuationColumn
    }

    /// `lineOffset` and `column` are 0-based inside the text.
    public func location(lineOffset: Int, column: Int) -> SourceLocation {
        if lineOffset == 0 { return SourceLocation(file: file, line: line, column: self.column + column) }
        return SourceLocation(file: file, line: line + lineOffset, column: (continuationColumn ?? 1) + column)
    }
}

/// A small Mustache-like template: `{{slot}}`, `{{#slot}}..{{/slot}}`,
/// `{{^slot}}..{{/slot}}`, `{{#slot=a|b}}..{{/slot}}`, and list sections.
public struct Template: Sendable, Hashable {
    /// Public for the loader (TwitchwiseLoader), which builds the model outside the core.
    public init(nodes: [Node], source: String) {
        (self.nodes, self.source) = (nodes, source)
    }

    public indirect enum Node: Sendable, Hashable {
        case text(String)
        case variable(String, SourceLocation)
        case section(SlotCondition, [Node], SourceLocation)
    }

    public var nodes: [Node]
    public var source: String

    /// How deep sections may nest: a template is a tree walked (and destroyed) recursively, so
    /// 40,000 nested sections overflowed the stack (issue 22). Real answers nest two or three.
    public static let maximumNesting = 32

    /// What a template can refer to.
    public struct Scope: Sendable {
        public var slots: Set<String>
        /// List name -> the fields of one item.
        public var lists: [String: Set<String>]
        public init(slots: Set<String>, lists: [String: Set<String>] = [:]) {
            self.slots = slots
            self.lists = lists
        }
    }

    /// Values a template renders with.
    public struct Values: Sendable {
        /// slot -> value id
        public var slots: [String: String]
        /// slot value id -> display text
        public var display: @Sendable (String, String) -> String
        public var lists: [String: [[String: String]]]

        public init(slots: [String: String], display: @escaping @Sendable (String, String) -> String = { $1 },
                    lists: [String: [[String: String]]] = [:]) {
            self.slots = slots
            self.display = display
            self.lists = lists
        }
    }

    /// Parses `source`, reporting every problem with its location.
    public static func parse(_ source: String, origin: TextOrigin, scope: Scope) -> (Template, [Diagnostic]) {
        var parser = TemplateParser(source: source, origin: origin, scope: scope)
        let nodes = parser.parse()
        return (Template(nodes: nodes, source: source), parser.diagnostics)
    }

    public func render(_ values: Values) -> String {
        var out = ""
        out.reserveCapacity(source.utf8.count + 512)
        Self.render(nodes, values, item: nil, into: &out)
        return Self.tidy(out)
    }

    /// What `render` gives whatever the values, for a template without tags; nil for one with tags.
    public var fixedText: String? {
        var text = ""
        for node in nodes {
            guard case .text(let part) = node else { return nil }
            text += part
        }
        return Self.tidy(text)
    }

    /// Every section condition, for coverage reports.
    public var conditions: [SlotCondition] {
        var found: [SlotCondition] = []
        func walk(_ nodes: [Node]) {
            for case .section(let condition, let children, _) in nodes {
                found.append(condition)
                walk(children)
            }
        }
        walk(nodes)
        return found
    }

    private static func render(_ nodes: [Node], _ values: Values, item: [String: String]?, into out: inout String) {
        for node in nodes {
            switch node {
            case .text(let text):
                out += text
            case .variable(let name, _):
                if let item, let value = item[name] {
                    out += value
                } else if let value = values.slots[name] {
                    out += values.display(name, value)
                }
            case .section(let condition, let children, _):
                if let list = values.lists[condition.slot] {
                    if condition.negated {
                        if list.isEmpty { render(children, values, item: item, into: &out) }
                    } else {
                        for element in list { render(children, values, item: element, into: &out) }
                    }
                } else if condition.holds(in: values.slots) {
                    render(children, values, item: item, into: &out)
                }
            }
        }
    }

    /// Folds the white space that unused sections leave behind: runs of spaces
    /// become one, lines are trimmed, empty lines go, blocks separated by a
    /// blank line stay paragraphs, and no space is left before a full stop or comma.
    static func tidy(_ text: String) -> String {
        var text = text
        let folded: String? = text.withUTF8 { bytes in
            guard let source = bytes.baseAddress, !bytes.isEmpty else { return "" }
            let end = bytes.count
            // Carriage returns make "\r\n" one character: the character-based fold keeps that meaning.
            var sawReturn = false
            let result = String(unsafeUninitializedCapacity: end) { buffer -> Int in
                let out = buffer.baseAddress!
                var count = 0
                // Which separator the next line that has words needs: 0 none, 1 a newline, 2 a blank line.
                var separator = 0
                var newlines = 0
                var lineHasWords = false
                var pendingSpace = false
                var i = 0
                while i < end {
                    // Inside a line's words, most text passes unchanged: a word byte, or a single space
                    // before a word byte other than a full stop or a comma. Copy such runs whole.
                    if lineHasWords && !pendingSpace {
                        let start = i
                        while i < end {
                            let byte = source[i]
                            if byte > 0x20 { i += 1; continue }
                            guard byte == 0x20, i + 1 < end else { break }
                            let next = source[i + 1]
                            guard next > 0x20, next != 0x2E, next != 0x2C else { break }
                            i += 2
                        }
                        if i > start {
                            (out + count).update(from: source + start, count: i - start)
                            count += i - start
                            continue
                        }
                    }
                    let byte = source[i]
                    i += 1
                    switch byte {
                    case 0x0A:
                        newlines += 1
                        // "\n\n" ends a block (as splitting at each "\n\n" from the left does).
                        if newlines == 2 {
                            if count > 0 { separator = 2 }
                            newlines = 0
                        } else if lineHasWords && separator == 0 {
                            separator = 1
                        }
                        lineHasWords = false
                        pendingSpace = false
                    case 0x20:
                        newlines = 0
                        if lineHasWords { pendingSpace = true }
                    case 0x0D:
                        sawReturn = true
                        return 0
                    default:
                        newlines = 0
                        if !lineHasWords {
                            for _ in 0..<separator { out[count] = 0x0A; count += 1 }
                            separator = 0
                            lineHasWords = true
                        } else if pendingSpace && byte != 0x2E && byte != 0x2C {
                            out[count] = 0x20
                            count += 1
                        }
                        pendingSpace = false
                        out[count] = byte
                        count += 1
                    }
                }
                return count
            }
            return sawReturn ? nil : result
        }
        return folded ?? tidyCharacters(text)
    }

    /// The text cut at each pair of line feeds, scalar by scalar from the left, as Foundation's
    /// `components(separatedBy: "\n\n")` cut it (a carriage return before a line feed stays).
    static func paragraphBlocks(_ text: String) -> [Substring] {
        let scalars = text.unicodeScalars
        var blocks: [Substring] = []
        var start = scalars.startIndex, i = start
        while i < scalars.endIndex {
            let next = scalars.index(after: i)
            if scalars[i] == "\n", next < scalars.endIndex, scalars[next] == "\n" {
                blocks.append(Substring(scalars[start..<i]))
                i = scalars.index(after: next)
                start = i
            } else {
                i = next
            }
        }
        blocks.append(Substring(scalars[start...]))
        return blocks
    }

    /// The same fold on characters (for text with carriage returns).
    static func tidyCharacters(_ text: String) -> String {
        var paragraphs: [String] = []
        for block in paragraphBlocks(text) {
            let lines = block.split(separator: "\n", omittingEmptySubsequences: true).map {
                $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            }.filter { !$0.isEmpty }
            if !lines.isEmpty { paragraphs.append(lines.joined(separator: "\n")) }
        }
        // No space before a full stop or a comma (what replacing " ." and then " ," did).
        var out = String.UnicodeScalarView()
        for scalar in paragraphs.joined(separator: "\n\n").unicodeScalars {
            if scalar == "." || scalar == ",", out.last == " " { out.removeLast() }
            out.append(scalar)
        }
        return String(out)
    }
}

private struct TemplateParser {
    let chars: [Character]
    let origin: TextOrigin
    let scope: Template.Scope
    var index = 0
    var line = 0
    var column = 0
    var diagnostics: [Diagnostic] = []
    /// Open sections: condition, location, collected children, enclosing list name.
    var stack: [(SlotCondition, SourceLocation, [Template.Node])] = []
    /// Sections opened past `Template.maximumNesting` (reported once, then skipped with their closing tags).
    var tooDeep = 0

    init(source: String, origin: TextOrigin, scope: Template.Scope) {
        self.chars = Array(source)
        self.origin = origin
        self.scope = scope
    }

    var here: SourceLocation { origin.location(lineOffset: line, column: column) }

    mutating func advance(_ n: Int = 1) {
        for _ in 0..<n where index < chars.count {
            if chars[index] == "\n" { line += 1; column = 0 } else { column += 1 }
            index += 1
        }
    }

    func starts(with s: String, at i: Int) -> Bool {
        var j = i
        for c in s {
            guard j < chars.count, chars[j] == c else { return false }
            j += 1
        }
        return true
    }

    var listInScope: String? {
        for (condition, _, _) in stack.reversed() where scope.lists[condition.slot] != nil && !condition.negated {
            return condition.slot
        }
        return nil
    }

    mutating func parse() -> [Template.Node] {
        var nodes: [Template.Node] = []
        var text = ""
        func flush(_ nodes: inout [Template.Node], _ text: inout String) {
            if !text.isEmpty { nodes.append(.text(text)); text = "" }
        }
        while index < chars.count {
            if starts(with: "{{", at: index) {
                let at = here
                guard let close = findClose() else {
                    diagnostics.append(Diagnostic(.error, "unclosed tag '{{'", at: at, hint: "end the tag with '}}'"))
                    text += String(chars[index...])
                    advance(chars.count - index)
                    break
                }
                let body = String(chars[(index + 2)..<close]).trimming(.whitespaces)
                advance(close + 2 - index)
                flush(&nodes, &text)
                handle(tag: body, at: at, nodes: &nodes)
            } else if starts(with: "}}", at: index) {
                diagnostics.append(Diagnostic(.error, "'}}' without an opening '{{'", at: here,
                                              hint: "remove it or open the tag with '{{'"))
                text += "}}"
                advance(2)
            } else {
                text.append(chars[index])
                advance()
            }
        }
        flush(&nodes, &text)
        while let (condition, location, children) = stack.popLast() {
            diagnostics.append(Diagnostic(.error, "section '\(condition.slot)' is never closed", at: location,
                                          hint: "add '{{/\(condition.slot)}}' where the section ends"))
            nodes = children + nodes
        }
        return nodes
    }

    func findClose() -> Int? {
        var j = index + 2
        while j + 1 < chars.count {
            if chars[j] == "}" && chars[j + 1] == "}" { return j }
            if chars[j] == "{" && chars[j + 1] == "{" { return nil }
            j += 1
        }
        return nil
    }

    mutating func handle(tag: String, at location: SourceLocation, nodes: inout [Template.Node]) {
        guard let first = tag.first else {
            diagnostics.append(Diagnostic(.error, "empty tag '{{}}'", at: location, hint: "name a slot, e.g. '{{body_part}}'"))
            return
        }
        switch first {
        case "#", "^":
            let spec = String(tag.dropFirst()).trimming(.whitespaces)
            let parts = spec.split(separator: "=", maxSplits: 1).map { String($0).trimming(.whitespaces) }
            let name = parts.first ?? ""
            let values = parts.count > 1 ? Set(parts[1].split(separator: "|").map { String($0).trimming(.whitespaces) }) : []
            check(name: name, at: location, asSection: true)
            if parts.count > 1 && values.contains("") {
                diagnostics.append(Diagnostic(.error, "empty value in section '\(spec)'", at: location,
                                              hint: "write values as 'slot=a|b'"))
            }
            guard stack.count < Template.maximumNesting else {
                if tooDeep == 0 {
                    diagnostics.append(Diagnostic(.error, "sections nest deeper than \(Template.maximumNesting) levels", at: location,
                                                  hint: "close a section before opening another"))
                }
                tooDeep += 1
                return
            }
            stack.append((SlotCondition(slot: name, values: values, negated: first == "^"), location, nodes))
            nodes = []
        case "/":
            let name = String(tag.dropFirst()).trimming(.whitespaces)
            if tooDeep > 0 {
                tooDeep -= 1
                return
            }
            guard let (condition, openedAt, outer) = stack.last else {
                diagnostics.append(Diagnostic(.error, "'{{/\(name)}}' closes no section", at: location,
                                              hint: "remove it, or open the section with '{{#\(name)}}'"))
                return
            }
            if condition.slot != name {
                diagnostics.append(Diagnostic(
                    .error, "'{{/\(name)}}' closes section '\(condition.slot)' opened at \(openedAt.line):\(openedAt.column)",
                    at: location, hint: "close '\(condition.slot)' first with '{{/\(condition.slot)}}'"))
            }
            stack.removeLast()
            let section = Template.Node.section(condition, nodes, openedAt)
            nodes = outer + [section]
        case "!":
            return  // a comment
        default:
            check(name: tag, at: location, asSection: false)
            nodes.append(.variable(tag, location))
        }
    }

    mutating func check(name: String, at location: SourceLocation, asSection: Bool) {
        if name.isEmpty {
            diagnostics.append(Diagnostic(.error, "a tag needs a slot name", at: location, hint: "e.g. '{{#body_part}}'"))
            return
        }
        if scope.slots.contains(name) { return }
        if asSection, scope.lists[name] != nil { return }
        if !asSection, let list = listInScope, scope.lists[list]?.contains(name) == true { return }
        let known = (scope.slots.sorted() + scope.lists.keys.sorted()).joined(separator: ", ")
        diagnostics.append(Diagnostic(.error, "unknown slot '\(name)' in template", at: location,
                                      hint: "use one of: \(known)"))
    }
}
