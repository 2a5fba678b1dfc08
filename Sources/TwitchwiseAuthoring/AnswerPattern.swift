/// A `matches:` pattern of a conversation file, run without backtracking (issue 22): compiled
/// to a small program and run as a Pike VM, every position of the answer once against every
/// instruction at most once, so time is at most (answer length × program size) whatever the
/// pattern: `^(\w+\s?)*$` cannot hang `test`.
///
/// The syntax is the common part of Swift Regex, PCRE and ICU: literals and `\` escapes, `.`,
/// `[...]` classes with ranges and `\d \w \s` (and their negations), `^ $ \b \B`, groups
/// `(...)`, `(?:...)`, `(?<name>...)`, alternation, `* + ? {n} {n,} {n,m}` (lazy and
/// possessive forms match the same here: only whether the answer matches matters) and the
/// flags `(?i)`, `(?s)`, `(?m)`. Back-references and look-around need backtracking and are
/// refused with the reason. Matching is by Unicode scalar.
struct AnswerPattern {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// A predicate on one scalar.
    enum Atom {
        case scalar(Unicode.Scalar, caseless: Bool)
        case any(newlines: Bool)
        case set(ScalarSet)
    }

    enum Assertion { case start, end, lineStart, lineEnd, wordBoundary, notWordBoundary }

    enum Instruction {
        case atom(Atom)
        case split(Int, Int)
        case jump(Int)
        case assert(Assertion)
        case match
    }

    /// The longest program accepted (instructions), so `{1000}` of `{1000}` is an error, not memory.
    static let maxProgram = 20_000

    let program: [Instruction]

    init(_ pattern: String) throws(Failure) {
        var parser = Parser(Array(pattern.unicodeScalars))
        let node = try parser.parseAll()
        var compiler = Compiler()
        try compiler.emit(node)
        compiler.program.append(.match)
        program = compiler.program
    }

    /// Whether the pattern matches somewhere in `text`.
    func matches(_ text: String) -> Bool {
        let input = Array(text.unicodeScalars)
        var current = ThreadList(count: program.count), next = ThreadList(count: program.count)
        var position = 0
        while true {
            // A new thread starts at every position (the search is unanchored).
            if add(0, at: position, input, into: &current) { return true }
            if position == input.count { return false }
            let c = input[position]
            next.clear()
            for pc in current.items {
                guard case .atom(let atom) = program[pc], Self.test(atom, c) else { continue }
                if add(pc + 1, at: position + 1, input, into: &next) { return true }
            }
            swap(&current, &next)
            position += 1
        }
    }

    /// Follows jumps, splits and assertions from `pc` at `position`, adding the atoms reached;
    /// true when `match` is reached. Iterative, each instruction once per position.
    private func add(_ start: Int, at position: Int, _ input: [Unicode.Scalar], into list: inout ThreadList) -> Bool {
        var stack = [start]
        while let pc = stack.popLast() {
            guard list.insert(pc) else { continue }
            switch program[pc] {
            case .match: return true
            case .jump(let to): stack.append(to)
            case .split(let a, let b): stack.append(b); stack.append(a)
            case .assert(let kind): if Self.holds(kind, at: position, input) { stack.append(pc + 1) }
            case .atom: break
            }
        }
        return false
    }

    static func holds(_ kind: Assertion, at i: Int, _ input: [Unicode.Scalar]) -> Bool {
        switch kind {
        case .start: return i == 0
        case .end: return i == input.count || (i == input.count - 1 && input[i] == "\n")
        case .lineStart: return i == 0 || input[i - 1] == "\n"
        case .lineEnd: return i == input.count || input[i] == "\n"
        case .wordBoundary, .notWordBoundary:
            let before = i > 0 && ScalarSet.isWord(input[i - 1])
            let after = i < input.count && ScalarSet.isWord(input[i])
            return (before != after) == (kind == .wordBoundary)
        }
    }

    static func test(_ atom: Atom, _ c: Unicode.Scalar) -> Bool {
        switch atom {
        case .scalar(let s, let caseless): return s == c || caseless && ScalarSet.fold(c) == ScalarSet.fold(s)
        case .any(let newlines): return newlines || c != "\n"
        case .set(let set): return set.contains(c)
        }
    }

    /// The instructions alive at one position, in order, each once (a sparse set).
    struct ThreadList {
        var items: [Int] = []
        var seen: [Bool]
        init(count: Int) { seen = Array(repeating: false, count: count) }
        mutating func insert(_ pc: Int) -> Bool {
            if seen[pc] { return false }
            seen[pc] = true
            items.append(pc)
            return true
        }
        mutating func clear() {
            for pc in items { seen[pc] = false }
            items.removeAll(keepingCapacity: true)
        }
    }
}

/// A set of scalars: ranges, classes (`\d \w \s`), negated or not, compared caselessly or not.
struct ScalarSet {
    enum Member { case range(Unicode.Scalar, Unicode.Scalar), digit(Bool), word(Bool), space(Bool) }
    var members: [Member] = []
    var negated = false
    var caseless = false

    func contains(_ c: Unicode.Scalar) -> Bool {
        func has(_ c: Unicode.Scalar) -> Bool {
            members.contains { member in
                switch member {
                case .range(let a, let b): return a <= c && c <= b
                case .digit(let yes): return Self.isDigit(c) == yes
                case .word(let yes): return Self.isWord(c) == yes
                case .space(let yes): return c.properties.isWhitespace == yes
                }
            }
        }
        var found = has(c)
        if !found && caseless {
            let lower = Self.fold(c), upper = Unicode.Scalar(lower.properties.uppercaseMapping) ?? lower
            found = has(lower) || has(upper)
        }
        return found != negated
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.properties.numericType == .decimal }
    static func isWord(_ c: Unicode.Scalar) -> Bool {
        c == "_" || c.properties.isAlphabetic || c.properties.numericType == .decimal
            || c.properties.generalCategory == .nonspacingMark
    }
    /// The scalar's lowercase form when that is one scalar.
    static func fold(_ c: Unicode.Scalar) -> Unicode.Scalar { Unicode.Scalar(c.properties.lowercaseMapping) ?? c }
}

extension Unicode.Scalar {
    /// The scalar a one-scalar string holds.
    init?(_ text: String) {
        let scalars = text.unicodeScalars
        guard scalars.count == 1, let first = scalars.first else { return nil }
        self = first
    }
}
