/// An exact message shape, RiveScript-style: `* why does my {body_part} <twitch> *`.
/// Elements: a word, `[a|b]` one of some words, `{slot}` any value of a slot,
/// `<concept>` a concept, `*` any number of words. The whole message must match.
public struct Pattern: Sendable, Hashable, CustomStringConvertible {
    public enum Element: Sendable, Hashable {
        case word(Set<String>)  // stems
        case slot(String)
        case concept(String)
        case wildcard
    }

    public var source: String
    public var elements: [Element]
    public var location: SourceLocation

    /// How many elements are not wildcards: the more, the more specific.
    public var specificity: Int { elements.filter { $0 != .wildcard }.count }
    public var description: String { source }

    /// Parses a pattern; `normalize` turns a written word into its stem.
    public static func parse(_ source: String, location: SourceLocation, normalize: (String) -> [String])
        -> (Pattern?, [Diagnostic])
    {
        var elements: [Element] = []
        var diagnostics: [Diagnostic] = []
        var column = 0
        for part in source.split(separator: " ", omittingEmptySubsequences: false) {
            defer { column += part.count + 1 }
            let here = SourceLocation(file: location.file, line: location.line, column: location.column + column)
            let text = String(part)
            if text.isEmpty { continue }
            if text == "*" {
                if elements.last != .wildcard { elements.append(.wildcard) }
            } else if text.hasPrefix("{") {
                guard text.hasSuffix("}"), text.count > 2 else {
                    diagnostics.append(Diagnostic(.error, "malformed slot '\(text)' in pattern", at: here, hint: "write '{slot}'"))
                    continue
                }
                elements.append(.slot(String(text.dropFirst().dropLast())))
            } else if text.hasPrefix("<") {
                guard text.hasSuffix(">"), text.count > 2 else {
                    diagnostics.append(Diagnostic(.error, "malformed concept '\(text)' in pattern", at: here, hint: "write '<concept>'"))
                    continue
                }
                elements.append(.concept(String(text.dropFirst().dropLast())))
            } else if text.hasPrefix("[") {
                guard text.hasSuffix("]"), text.count > 2 else {
                    diagnostics.append(Diagnostic(.error, "malformed alternatives '\(text)' in pattern", at: here, hint: "write '[a|b]'"))
                    continue
                }
                let options = text.dropFirst().dropLast().split(separator: "|").flatMap { normalize(String($0)) }
                elements.append(.word(Set(options)))
            } else {
                for stem in normalize(text) { elements.append(.word([stem])) }
            }
        }
        if elements.isEmpty || elements == [.wildcard] {
            diagnostics.append(Diagnostic(.error, "pattern matches every message", at: location,
                                          hint: "add at least one word, slot or concept"))
            return (nil, diagnostics)
        }
        return (Pattern(source: source, elements: elements, location: location), diagnostics)
    }

    /// Whether the whole analysed message has this shape.
    public func matches(_ analysis: Analysis, slotOf: (String) -> String?) -> Bool {
        // Concept matches by start token.
        var starts: [Int: [ConceptMatch]] = [:]
        for match in analysis.concepts { starts[match.range.lowerBound, default: []].append(match) }
        let tokens = analysis.tokens
        var memo = Set<Int>()  // failed (element, token) states

        func go(_ e: Int, _ t: Int) -> Bool {
            if e == elements.count { return t == tokens.count }
            let key = e * (tokens.count + 1) + t
            if memo.contains(key) { return false }
            var ok = false
            switch elements[e] {
            case .wildcard:
                var k = t
                while k <= tokens.count, !ok { ok = go(e + 1, k); k += 1 }
            case .word(let stems):
                ok = t < tokens.count && stems.contains(tokens[t].stem) && go(e + 1, t + 1)
            case .concept(let id):
                for m in starts[t] ?? [] where m.concept == id && !ok { ok = go(e + 1, m.range.upperBound) }
            case .slot(let slot):
                for m in starts[t] ?? [] where slotOf(m.concept) == slot && !ok { ok = go(e + 1, m.range.upperBound) }
            }
            if !ok { memo.insert(key) }
            return ok
        }
        return go(0, 0)
    }
}
