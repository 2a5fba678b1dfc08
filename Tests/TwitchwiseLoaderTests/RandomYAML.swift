import TwitchwiseTestSupport

/// YAML-like texts from fragments of what the content files hold and of what goes wrong in
/// them: nested blocks at odd indentations, flow collections, quoted strings with escapes,
/// block scalars, comments, stray indicators, tabs, unclosed quotes and brackets. Half the
/// documents are wild (every fragment, then damaged), half tame (fragments that are mostly
/// valid), so that both trees and errors come out often.
struct RandomYAML {
    private var random: SeededGenerator
    private var wild = true

    init(seed: UInt64) { random = SeededGenerator(state: seed) }

    mutating func pick<T>(_ items: [T]) -> T { random.pick(items) }
    mutating func int(_ bound: Int) -> Int { bound > 0 ? random.next(bound) : 0 }

    /// A tame fragment, or when wild, sometimes a wild one.
    private mutating func pick(_ tame: [String], _ wild: [String]) -> String {
        self.wild && int(3) == 0 ? pick(wild) : pick(tame)
    }

    static let words = ["a", "key", "id", "name", "b c", "x:y", "-x", "?q", "a#b", "é", "10", "~", "null", "true", "It's", "a,b",
                        "1.5", "a b c", "😀", "x]", "y}", "z,", "http://x", "x\\y"]
    static let wildWords = ["-", "?", ":", "x:", "b\tc", "%p", "@q", "'q", "\"d", "|", ">", "[x]", "{y}", "`b", "a :b", "a: b"]
    static let keys = ["a", "id", "key", "name", "examples", "b c", "é", "1", "'q'", "\"d\"", "-k", "x", "k y"]
    static let wildKeys = ["[k]", "{k: v}", "? k", "k:", "", " ", "\t"]
    static let damage = [
        ":", ": ", "- ", "'", "\"", "[", "]", "{", "}", ",", "#", " #", "\t", "\n", " ", "  ", "|", ">", "? ", "\\", "x: y",
        "\n- ", "\n  ", "---\n", "...\n", "%", "@", "\r\n", "\u{FEFF}", "é", "&a ", "*a", "!t ", "\u{85}",
    ]

    /// A document of nested blocks.
    mutating func document() -> String {
        wild = int(2) == 0
        var lines: [String] = []
        if int(10) == 0 { lines.append(pick(["---", "--- # start", "# comment", "", "\u{FEFF}# bom"])) }
        block(indent: int(6) == 0 ? int(3) : 0, depth: 0, into: &lines)
        if int(10) == 0 { lines.append(pick(["...", "# end", "", "  ", "\t"])) }
        var text = lines.joined(separator: int(8) == 0 ? "\r\n" : "\n") + (int(2) == 0 ? "\n" : "")
        if wild {
            for _ in 0..<int(3) { text = damaged(text) }
        }
        return text
    }

    /// Indicators, words and breaks in any order.
    mutating func noise() -> String {
        random.text(from: ["[", "]", "{", "}", ": ", ":", " ", "- ", "-", "\n", "a", "b c", "'", "\"", "#", ",", "? ", "|", ">",
                           "\t", "\\", "\n  ", "  ", "...", "---", "\\n", "x: ", "\r\n"], length: 40)
    }

    /// A few lines of a real text, damaged.
    mutating func mutation(of text: String) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let start = int(lines.count)
        var result = lines[start..<min(lines.count, start + 3 + int(30))].joined(separator: "\n")
        for _ in 0..<int(4) { result = damaged(result) }
        return result
    }

    /// Inserts a fragment, deletes a stretch, or repeats or indents a line.
    private mutating func damaged(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        let at = int(scalars.count + 1)
        switch int(5) {
        case 0, 1:
            scalars.insert(contentsOf: pick(Self.damage).unicodeScalars, at: at)
        case 2:
            scalars.removeSubrange(at..<min(scalars.count, at + 1 + int(4)))
        default:
            var lines = String(String.UnicodeScalarView(scalars)).split(separator: "\n", omittingEmptySubsequences: false)
            let line = int(lines.count)
            if int(2) == 0 { lines.insert(lines[line], at: line) } else { lines[line] = pick([" ", "  ", "\t", ""]) + lines[line].dropFirst(int(2)) }
            return lines.joined(separator: "\n")
        }
        return String(String.UnicodeScalarView(scalars))
    }

    private mutating func block(indent: Int, depth: Int, into lines: inout [String]) {
        let sequence = int(3) == 0
        var keys: Set<String> = []
        for _ in 0..<(1 + int(4)) {
            var pad = String(repeating: " ", count: indent)
            if wild && int(10) == 0 { pad = pick([pad + " ", String(pad.dropLast()), pad + "\t", "\t" + pad]) }
            var key = pick(Self.keys, Self.wildKeys)
            // Tame keys differ (a repeated key is an error).
            if !wild && !keys.insert(key).inserted { key += "\(keys.count)" }
            let head = sequence ? pad + "-" + (int(3) == 0 ? " " + key + ":" : "") : pad + key + ":"
            value(after: head, indent: indent + (sequence ? 2 : 0), depth: depth, into: &lines)
            if int(8) == 0 { lines.append(pick(["", "# note", pad + "# note", "  ", pad + "  # note"])) }
        }
    }

    private mutating func value(after head: String, indent: Int, depth: Int, into lines: inout [String]) {
        let comment = int(8) == 0 ? pick([" # c", "  # c: d", " #"], ["# c", "\t# c"]) : ""
        switch int(depth >= 4 ? 7 : 10) {
        case 0: lines.append(head + comment)
        case 1, 2: lines.append(head + " " + plain(indent: indent) + comment)
        case 3: lines.append(head + " " + quoted(single: true) + comment)
        case 4: lines.append(head + " " + quoted(single: false) + comment)
        case 5: blockScalar(after: head, indent: indent, into: &lines)
        case 6: lines.append(head + " " + flow(depth: 0) + comment)
        default:
            lines.append(head + comment)
            block(indent: indent + pick(["2", "2", "4", "1", "3"], ["0"]).count, depth: depth + 1, into: &lines)
        }
    }

    private mutating func plain(indent: Int) -> String {
        var text = pick(Self.words, Self.wildWords)
        for _ in 0..<int(3) {
            text += int(4) == 0 ? "\n" + String(repeating: " ", count: indent + 1 + int(3) - (wild ? 1 : 0)) : " "
            text += pick(Self.words, Self.wildWords)
        }
        return text
    }

    private mutating func quoted(single: Bool) -> String {
        let tame = single
            ? ["a", " ", "''", "\n", "\n  ", "\n\n ", "\\", "é", "\t", "#", ": ", "b c", " \n", "\"", "[{"]
            : ["a", " ", "\\n", "\\t", "\\\\", "\\\"", "\\/", "\\0", "\\a", "\\b", "\\e", "\\f", "\\r", "\\v", "\\N", "\\_",
               "\\L", "\\P", "\\x41", "\\xe9", "\\u00e9", "\\U0001F600", "\\\n", "\\\n  ", "\n", "\n  ", "\n\n", "é", "\t",
               "\\ ", "\\\t", "'", ": ", " \n\t", "\\uFEFF"]
        let wild = single ? ["\n---", "\n...", "'"] : ["\\q", "\\x4", "\\uD800", "\n...", "\\é", "\"", "\\U00110000"]
        let quote = single ? "'" : "\""
        var text = quote
        for _ in 0..<int(8) { text += pick(tame, wild) }
        let close = self.wild && int(6) == 0 ? "" : quote
        return text + close + (self.wild && int(6) == 0 ? pick([" x", "x", ":", " : y", "\"", "'"]) : "")
    }

    private mutating func blockScalar(after head: String, indent: Int, into lines: inout [String]) {
        lines.append(head + " " + pick(["|", ">"]) + pick(["", "", "", "-", "+", "2", "1-", "+3", "-1", " # c", "  "], ["0", "x", "\t", "-0"]))
        let base = indent + pick(["  ", "  ", " ", "    "], [""]).count
        for _ in 0..<int(6) {
            let pad = String(repeating: " ", count: base)
            switch int(wild ? 8 : 4) {
            case 0: lines.append("")
            case 1: lines.append(pad + String(repeating: " ", count: int(3)))
            case 2: lines.append(pad + String(repeating: " ", count: 1 + int(3)) + pick(Self.words))
            case 3: lines.append(pad + pick(Self.words) + (int(3) == 0 ? " " + pick(Self.words) : ""))
            case 4: lines.append(String(pad.dropLast()) + pick(Self.words))
            case 5: lines.append(pad + pick(["\t", " \t", "#"]) + pick(Self.words))
            default: lines.append(pad + pick(Self.words))
            }
        }
    }

    private mutating func flow(depth: Int) -> String {
        let isSequence = int(2) == 0
        var items: [String] = []
        for _ in 0..<int(4) {
            switch int(depth > 2 ? 3 : 5) {
            case 0: items.append(flowWord() + ": " + flowWord())
            case 1: items.append(quoted(single: int(2) == 0))
            case 2: items.append(flowWord())
            default: items.append(flow(depth: depth + 1))
            }
        }
        let body = items.joined(separator: pick([", ", ", ", ",", ",\n  ", " ,", ",\n"], [", ,", "\n", " "]))
        let close = wild && int(5) == 0 ? "" : isSequence ? "]" : "}"
        return (isSequence ? "[" : "{") + body + (int(8) == 0 ? "," : "") + close
    }

    private mutating func flowWord() -> String {
        pick(["a", "b c", "é", "10", "~", "x-y", "a.b", "it's", "😀", "-x", "x:y"], Self.words + Self.wildWords)
    }
}
