/// Reading an answer pattern into a tree, and writing the tree out as a program.
extension AnswerPattern {
    indirect enum Node {
        case empty
        case atom(Atom)
        case assert(Assertion)
        case concat([Node])
        case alternation([Node])
        case repetition(Node, min: Int, max: Int?)
    }

    struct Flags { var caseless = false, dotAll = false, multiline = false }

    /// The most a counted repetition may ask for (`{1000}`).
    static let maxCount = 1_000

    struct Parser {
        let s: [Unicode.Scalar]
        var i = 0
        var flags = Flags()

        init(_ scalars: [Unicode.Scalar]) { s = scalars }

        func fail(_ message: String) -> Failure { Failure(description: "\(message) (at character \(i + 1))") }

        var peek: Unicode.Scalar? { i < s.count ? s[i] : nil }

        mutating func eat(_ c: Unicode.Scalar) -> Bool {
            if peek == c { i += 1; return true }
            return false
        }

        mutating func parseAll() throws(Failure) -> Node {
            let node = try parseAlternation()
            if i < s.count { throw fail("unbalanced ')'") }
            return node
        }

        mutating func parseAlternation() throws(Failure) -> Node {
            let saved = flags
            var branches = [try parseConcat()]
            while eat("|") { branches.append(try parseConcat()) }
            flags = saved  // an inline (?i) lasts to the end of its group
            return branches.count == 1 ? branches[0] : .alternation(branches)
        }

        mutating func parseConcat() throws(Failure) -> Node {
            var items: [Node] = []
            while let c = peek, c != "|", c != ")" {
                items.append(try parseQuantified())
            }
            return items.isEmpty ? .empty : items.count == 1 ? items[0] : .concat(items)
        }

        mutating func parseQuantified() throws(Failure) -> Node {
            var node = try parseAtom()
            while let c = peek {
                var range: (Int, Int?)
                switch c {
                case "*": i += 1; range = (0, nil)
                case "+": i += 1; range = (1, nil)
                case "?": i += 1; range = (0, 1)
                case "{":
                    guard let counted = try parseCount() else { return node }
                    range = counted
                default: return node
                }
                if case .assert = node { throw fail("an anchor cannot be repeated") }
                if case .empty = node { throw fail("nothing to repeat") }
                _ = eat("?") || eat("+")  // lazy and possessive: the same answer to "does it match"
                node = .repetition(node, min: range.0, max: range.1)
            }
            return node
        }

        /// `{n}`, `{n,}`, `{n,m}`; nil (and nothing read) when `{` starts no count: a literal.
        mutating func parseCount() throws(Failure) -> (Int, Int?)? {
            let start = i
            i += 1
            func number(_ p: inout Parser) -> Int? {
                var value: Int?
                while let c = p.peek, let d = Int(String(c)), c.isASCII {
                    value = min((value ?? 0) * 10 + d, AnswerPattern.maxCount + 1)
                    p.i += 1
                }
                return value
            }
            let low = number(&self)
            var high = low
            if eat(",") { high = number(&self).map { $0 } ?? -1 }
            guard let low, eat("}") else { i = start; return nil }
            let upper: Int? = high == -1 ? nil : high
            if low > AnswerPattern.maxCount || (upper ?? 0) > AnswerPattern.maxCount {
                throw fail("a repetition count over \(AnswerPattern.maxCount)")
            }
            if let upper, upper < low { throw fail("a repetition {\(low),\(upper)} with its bounds reversed") }
            return (low, upper)
        }

        mutating func parseAtom() throws(Failure) -> Node {
            let c = s[i]
            i += 1
            switch c {
            case "(": return try parseGroup()
            case "[": return .atom(.set(try parseClass()))
            case ".": return .atom(.any(newlines: flags.dotAll))
            case "^": return .assert(flags.multiline ? .lineStart : .start)
            case "$": return .assert(flags.multiline ? .lineEnd : .end)
            case "\\": return try parseEscape(inClass: false)
            case "*", "+", "?": i -= 1; throw fail("nothing to repeat before '\(c)'")
            default: return literal(c)
            }
        }

        func literal(_ c: Unicode.Scalar) -> Node { .atom(.scalar(c, caseless: flags.caseless)) }

        mutating func parseGroup() throws(Failure) -> Node {
            if eat("?") {
                if eat(":") { return try groupBody() }
                if eat("=") || eat("!") { throw fail("look-ahead '(?=' '(?!' is not supported: patterns run without backtracking") }
                if eat(">") { throw fail("atomic groups '(?>' are not supported: patterns run without backtracking") }
                if eat("#") {
                    while let c = peek, c != ")" { i += 1 }
                    guard eat(")") else { throw fail("unterminated comment") }
                    return .empty
                }
                if eat("<") || (eat("P") && eat("<")) {
                    if eat("=") || eat("!") { throw fail("look-behind '(?<=' '(?<!' is not supported: patterns run without backtracking") }
                    while let c = peek, c != ">" { i += 1 }
                    guard eat(">") else { throw fail("unterminated group name") }
                    return try groupBody()
                }
                if eat("'") {
                    while let c = peek, c != "'" { i += 1 }
                    guard eat("'") else { throw fail("unterminated group name") }
                    return try groupBody()
                }
                // Flags: (?i) for the rest of the group, (?i:...) for a group; '-' turns them off.
                var on = true
                var next = flags
                while let c = peek, c != ")", c != ":" {
                    switch c {
                    case "-": on = false
                    case "i": next.caseless = on
                    case "s": next.dotAll = on
                    case "m": next.multiline = on
                    default: throw fail("the flag '\(c)' is not supported (i, s and m are)")
                    }
                    i += 1
                }
                if eat(")") { flags = next; return .empty }
                guard eat(":") else { throw fail("unterminated group") }
                let saved = flags
                flags = next
                defer { flags = saved }
                return try groupBody()
            }
            return try groupBody()
        }

        mutating func groupBody() throws(Failure) -> Node {
            let node = try parseAlternation()
            guard eat(")") else { throw fail("missing ')'") }
            return node
        }

        mutating func parseEscape(inClass: Bool) throws(Failure) -> Node {
            guard let c = peek else { throw fail("a pattern cannot end with '\\'") }
            i += 1
            switch c {
            case "d", "D": return .atom(.set(ScalarSet(members: [.digit(c == "d")])))
            case "w", "W": return .atom(.set(ScalarSet(members: [.word(c == "w")])))
            case "s", "S": return .atom(.set(ScalarSet(members: [.space(c == "s")])))
            case "b" where !inClass: return .assert(.wordBoundary)
            case "B" where !inClass: return .assert(.notWordBoundary)
            case "A" where !inClass: return .assert(.start)
            case "z", "Z": if !inClass { return .assert(.end) }
            case "n": return literal("\n")
            case "t": return literal("\t")
            case "r": return literal("\r")
            case "f": return literal("\u{0C}")
            case "v": return literal("\u{0B}")
            case "e": return literal("\u{1B}")
            case "0": return literal("\u{00}")
            case "x", "u": return literal(try parseHex())
            case "1"..."9", "k", "g": throw fail("back-references are not supported: patterns run without backtracking")
            default: break
            }
            if c.properties.isAlphabetic || ("0"..."9").contains(c) { throw fail("unknown escape '\\\(c)'") }
            return literal(c)
        }

        /// After `\x` or `\u`: `{hex...}`, or 2 (x) or 4 (u) hex digits.
        mutating func parseHex() throws(Failure) -> Unicode.Scalar {
            let kind = s[i - 1]
            var digits = ""
            if eat("{") {
                while let c = peek, c != "}" { digits.unicodeScalars.append(c); i += 1 }
                guard eat("}") else { throw fail("unterminated '\\\(kind){'") }
            } else {
                for _ in 0..<(kind == "x" ? 2 : 4) {
                    guard let c = peek else { break }
                    digits.unicodeScalars.append(c)
                    i += 1
                }
            }
            guard let value = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(value) else {
                throw fail("'\\\(kind)\(digits)' is not a character")
            }
            return scalar
        }

        mutating func parseClass() throws(Failure) -> ScalarSet {
            var set = ScalarSet(negated: eat("^"), caseless: flags.caseless)
            var first = true
            while true {
                guard let c = peek else { throw fail("missing ']'") }
                if c == "]" && !first { i += 1; return set }
                first = false
                if c == "[" && i + 1 < s.count && (s[i + 1] == ":" || s[i + 1] == "=" || s[i + 1] == ".") {
                    throw fail("POSIX classes like '[:alpha:]' are not supported; use \\w, \\d or \\s")
                }
                if c == "[" { throw fail("nested classes are not supported") }
                i += 1
                var low = c
                if c == "\\" {
                    switch try parseEscape(inClass: true) {
                    case .atom(.set(let inner)): set.members += inner.members; continue
                    case .atom(.scalar(let scalar, _)): low = scalar
                    default: throw fail("this escape has no place in a class")
                    }
                }
                if peek == "-", i + 1 < s.count, s[i + 1] != "]" {
                    i += 1
                    var high = s[i]
                    i += 1
                    if high == "\\" {
                        guard case .atom(.scalar(let scalar, _)) = try parseEscape(inClass: true) else {
                            throw fail("a range must end at a character")
                        }
                        high = scalar
                    }
                    if high < low { throw fail("the range \(low)-\(high) is reversed") }
                    set.members.append(.range(low, high))
                } else {
                    set.members.append(.range(low, low))
                }
            }
        }
    }

    /// Writes a tree out as instructions (Thompson's construction).
    struct Compiler {
        var program: [Instruction] = []

        mutating func check() throws(Failure) {
            if program.count > AnswerPattern.maxProgram {
                throw Failure(description: "the pattern is too large (over \(AnswerPattern.maxProgram) steps when its repetitions are written out)")
            }
        }

        mutating func emit(_ node: Node) throws(Failure) {
            try check()
            switch node {
            case .empty: break
            case .atom(let atom): program.append(.atom(atom))
            case .assert(let kind): program.append(.assert(kind))
            case .concat(let items): for item in items { try emit(item) }
            case .alternation(let branches):
                var jumps: [Int] = []
                for (k, branch) in branches.enumerated() {
                    if k < branches.count - 1 {
                        let split = program.count
                        program.append(.split(split + 1, 0))
                        try emit(branch)
                        jumps.append(program.count)
                        program.append(.jump(0))
                        program[split] = .split(split + 1, program.count)
                    } else {
                        try emit(branch)
                    }
                }
                for j in jumps { program[j] = .jump(program.count) }
            case .repetition(let inner, let low, let high):
                for _ in 0..<low { try emit(inner) }
                if let high {
                    var exits: [Int] = []
                    for _ in low..<high {
                        exits.append(program.count)
                        program.append(.split(program.count + 1, 0))
                        try emit(inner)
                    }
                    for e in exits { program[e] = .split(e + 1, program.count) }
                } else {
                    let loop = program.count
                    program.append(.split(loop + 1, 0))
                    try emit(inner)
                    program.append(.jump(loop))
                    program[loop] = .split(loop + 1, program.count)
                }
            }
            try check()
        }
    }
}
