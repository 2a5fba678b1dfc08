import Foundation
import Testing
import Yams
@testable import TwitchwiseCore
import TwitchwiseTestSupport

/// The YAML parser against Yams (libyaml, what it replaces): the same tree (structure, key
/// order, every scalar's string and style, every mark), or an error at the same line and
/// column, on the real files, on a table of snippets and on thousands of generated and
/// mutated texts.
@Suite struct YAMLParserTests {
    // MARK: Real files

    @Test func realFilesGiveYamsTree() throws {
        let files = Differential.realFiles()
        #expect(files.count >= 40)
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let path = file.path.replacingOccurrences(of: Differential.packageRoot.path + "/", with: "")
            #expect(Differential.compare(text) == .agreed, "\(path)")
            if case .failure(let error) = Differential.ours(text), !path.hasPrefix("Fuzz/") {
                Issue.record("\(path): \(error)")
            }
        }
    }

    // MARK: Snippets

    /// Every construct the content uses, and the mistakes it is written with.
    static let snippets: [String] = [
        // Block mappings and sequences.
        "a: b", "a: b\nc: d\n", "a:\n  b: c\n  d: e\nf: g", "- a\n- b\n", "- a: b\n  c: d\n- e: f",
        "key:\n- a\n- b\nnext: c", "key:\n  - a\n  - b", "- - a\n  - b\n- c", "- \n- b", "-\n-\n", "a:\nb:\n",
        "a: ~\nb: null\nc: true\nd: 12", "a:    b   \n", "a:\n  b", "- a:\n    - b\n  c: d", "a:\n  - b: c\n    d:\n      - e",
        "? a\n: b", "? a\n", "? [a, b]\n: c", "[a, b]: c", "{a: b}: c", "a:\n  b:\n    c:\n      d: e\n  f: g\nh: i",
        // Plain scalars.
        "a: one\n  two\n\n  three\n", "- one\n  two", "a b: c d e", "a: b:c", "a: http://x.y/z", "a: b #c\nd: e # f",
        "a: b#c", "a: -b\nc: ?d\ne: :f", "a: one\n\n\n  two", "a: é é\nb: c", "é: ü\nkey: 日本語 text\n😀: x",
        "plain text only", "a: x\n\ty", "a: x\n  \ty", "a: 'x'\n  ", "- a\n-b", "a: b\n c", "a: --- b", "a: ... b",
        // Quoted scalars.
        "a: 'single'\nb: 'it''s'\nc: ''", "a: 'one\n  two\n\n  three'", "a: \"dq\"", "a: \"\"",
        "a: \"\\n\\t\\\\\\\"\\/\\0\\a\\b\\e\\f\\r\\v\\N\\_\\L\\P\\x41\\u00e9\\U0001F600\\ \"",
        "a: \"one \\\n   two\"", "a: \"one\n  two\n\n  three \"", "a: \"tab\\\tx\"", "a: 'x\ty'", "a: \"x \\\n\n  y\"",
        "'quoted key': v", "\"k\\u00e9y\": v", "a: 'x' # c", "a: \"x\" ", "- 'a'\n- \"b\"",
        // Quoted mistakes.
        "a: \"bad \\q\"", "a: \"\\x4g\"", "a: \"\\uD800\"", "a: \"\\U00110000\"", "a: 'unclosed", "a: \"unclosed\nb: c",
        "a: 'x' y", "a: \"x\"y", "a: 'x\n---\ny'", "a: \"x\n...\"",
        // Block scalars.
        "a: |\n  one\n  two\n\n", "a: |-\n  one\n  two\n\n", "a: |+\n  one\n  two\n\n\n",
        "a: >\n  one\n  two\n\n  three\n   indented\n  four\n", "a: >-\n  x\n", "a: |2\n    x\n   y\n", "a: |1-\n  x",
        "a: |0\n x", "a: |\n\n\n  x\n", "a: | # comment\n  x", "a: |x\n  y", "a: |\n  x\n\ty", "- |\n  x\n- >\n  y",
        "a: |\n  x\nb: c", "a: >\n\n  folded\n  line\n\n  next\n", "|\n  top literal", "a: |\n x\n  y", "a: >+\n  x\n\n",
        "a: |\n  \tx", "a: >\n  a\n   b\n  c\n\n   d\n", "a: |-2\n   x", "a: |\n", "a: >\nb: c", "- |-\n  x\n\n- y",
        // Flow collections.
        "a: [b, c]", "a: {b: c, d: e}", "a: [b, [c, d], {e: f}]", "a: [\n  b,\n  c\n]", "a: {b: c,\n  d: e}",
        "a: [b, c,]", "a: [a: b, c]", "a: {b, c: d}", "a: [? b : c]", "a: []", "a: {}", "a: [b,, c]", "a: [b c]",
        "a: {b: [c, {d: e}]}", "[a, b]", "{a: b}", "a: [b: c, d: e]", "a: ['x', \"y\"]", "a: [x:y]", "a: [x: [y]]",
        "a: [b\n c]", "a: {b: c}d", "a: [b]\n  c", "a: [unclosed", "a: {b: c", "a: ]", "a: }", "a: [b}", "a: {b]",
        "a: [-b]", "a: [- b]", "a: [b,\tc]", "a: {? b}", "a: [:b]", "a: [b:, c]", "a: {:b}", "a: [b #c\n]",
        // Comments, empty texts and document markers.
        "# only\n# comments\n", "", "\n\n  \n", "#", "#c\na: b\n#d", "---\na: b", "---\na: b\n...\n", "--- a", "---\n",
        "...\n", "a: b\n...\n# after", "a: b\n...\nc: d", "--- # c\n", "--- |\n  x", "---\n- a", "a: b\n...\n...\n",
        // BOM, line ends, other breaks.
        "\u{FEFF}a: b", "\u{FEFF}- a", "\u{FEFF}", "a: b\r\nc:\r\n  - d\r\n  - e\r\n", "a: |\r\n  x\r\n  y\r\n",
        "a: \"x\r\n  y\"", "a: one\r\n  two", "a: b\rc: d", "a: b\u{85}c: d", "a: b\u{2028}c: d", "a: 'x\u{2029}y'",
        // Mistakes.
        "key: a: b", "a: b\n c: d", "a:\n  b: c\n d: e", "a:\n  - b\n  c: d", "- a\nb: c", "a: b\n- c", "\ta: b",
        "a:\n\tb: c", "a: b\n  - c", "key: [a, b]c", "a: b: c", "a\nb: c", "a: @b", "a: `b", "a: %b", "  a: b\n c: d",
        "a:\n  b\n  c: d", "a: b\n\t", "a:\tb", "a: b\t# c", "- \ta", "a:\n \tb", "- a\n  - b", "a: 1\na: 2",
        "a: 1\nb:\n  c: 2\n  c: 3", "'a': 1\na: 2", "[a]: 1\n[a]: 2", "tests:\n  - intent: urgent: twice\n",
        "a: 1\nb:\n  bad: [unclosed\n  c: d\n", "conversations:\n  - name: [unclosed\n", "a: b\u{1}", "a: \u{7F}",
        "a: b\nc", "a:\n  - b\n -c", "- a\n - b", "a: [b\n---\n]", "a:\n- b\n  - c", "- a\n? b", ": a", "- : a",
        // A simple key is under 1024 characters.
        String(repeating: "k", count: 1024) + ": v", String(repeating: "k", count: 1025) + ": v",
        "[" + String(repeating: "k", count: 1023) + ": v]", "[" + String(repeating: "k", count: 1024) + ": v]",
        "a: " + String(repeating: "v", count: 2000),
        // A second document (Yams fails at the same place); byte order marks starting a scalar.
        "a: b\n---\nc: d", "a: \u{FEFF}b\n\u{FEFF}c: \"\\uFEFFd\"",
    ]

    @Test func snippetsGiveYamsTreeOrError() {
        for text in Self.snippets {
            #expect(Differential.compare(text) == .agreed, "\(text.debugDescription)")
        }
    }

    /// The cases the project's own tests rely on.
    @Test func contentMistakesAreLocated() {
        #expect(Differential.errorMark("tests:\n  - intent: urgent: twice\n")?.line == 2)
        #expect(Differential.errorMark("a: 1\nb:\n  bad: [unclosed\n  c: d\n").map { [3, 4].contains($0.line) } == true)
        #expect(Differential.errorMark("conversations:\n  - name: [unclosed\n") == YAMLMark(line: 3, column: 1))
        #expect(Differential.errorMark("a: 'unclosed\n") == YAMLMark(line: 2, column: 1))
        #expect(Differential.errorMark("key: a: b")?.column == 7)
    }

    @Test func errorsSayWhatIsWrong() throws {
        let cases: [(String, String, YAMLMark)] = [
            ("key: a: b", "mapping values are not allowed in this context", YAMLMark(line: 1, column: 7)),
            ("a: 'x", "found unexpected end of stream while scanning a quoted scalar", YAMLMark(line: 1, column: 6)),
            ("a:\n  b: c\n d: e", "did not find expected key while parsing a block mapping", YAMLMark(line: 3, column: 2)),
            ("\ta: b", "found character that cannot start any token while scanning for the next token", YAMLMark(line: 1, column: 1)),
            ("a: [b", "did not find expected ',' or ']' while parsing a flow sequence", YAMLMark(line: 2, column: 1)),
            ("a: 1\nb: 2\na: 3", "duplicate key 'a' in a mapping", YAMLMark(line: 3, column: 1)),
            ("x:\n  'a': 1\n  a: 2", "duplicate key 'a' in a mapping", YAMLMark(line: 3, column: 3)),
            ("{[a, {b: c}]: 1, [a, {b: c}]: 2}", "duplicate key '[a, {b: c}]' in a mapping", YAMLMark(line: 1, column: 18)),
            ("a: b\u{1}", "control characters are not allowed", YAMLMark(line: 1, column: 5)),
        ]
        for (text, problem, mark) in cases {
            #expect(Differential.ours(text) == .failure(YAMLError(problem, at: mark)), "\(text.debugDescription)")
        }
        let error = YAMLError("mapping values are not allowed in this context", at: YAMLMark(line: 1, column: 7))
        #expect(error.description == "line 1, column 7: mapping values are not allowed in this context")
    }

    /// On purpose: keys of the same text are the same key, whatever their style. Yams resolves
    /// types and tells `1` (an integer) from `'1'` (a string); the loader reads both as "1".
    @Test func keysOfTheSameTextAreDuplicates() {
        for text in ["1: a\n'1': b", "true: a\n\"true\": b"] {
            #expect(Differential.compare(text) == .excused("keys of the same text and different types"))
            #expect(Differential.errorMark(text) == YAMLMark(line: 2, column: 1))
        }
    }

    // MARK: Refused features

    @Test func unsupportedFeaturesAreErrorsWhereTheyStart() {
        let cases: [(String, String, YAMLMark)] = [
            ("a: &x b", "anchors and aliases are not supported", YAMLMark(line: 1, column: 4)),
            ("a: b\nc: *x", "anchors and aliases are not supported", YAMLMark(line: 2, column: 4)),
            ("- [&x a]", "anchors and aliases are not supported", YAMLMark(line: 1, column: 4)),
            ("a: !!str b", "tags are not supported", YAMLMark(line: 1, column: 4)),
            ("!foo\na: b", "tags are not supported", YAMLMark(line: 1, column: 1)),
            ("%YAML 1.1\n---\na: b", "directives are not supported", YAMLMark(line: 1, column: 1)),
            ("a: b\n---\nc: d", "only one document is supported", YAMLMark(line: 2, column: 1)),
            ("---\n---\n", "only one document is supported", YAMLMark(line: 2, column: 1)),
        ]
        for (text, problem, mark) in cases {
            #expect(Differential.ours(text) == .failure(YAMLError(problem, at: mark)), "\(text.debugDescription)")
        }
        // Kept as text, not features: inside a scalar, these characters are just characters.
        #expect(Differential.compare("a: b&c *d !e\nf: '&x'\n%g: h") == .agreed)
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let depth = YAML.maximumDepth
        let flow = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(Differential.compare(flow) == .agreed)
        let tooDeep = String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1)
        #expect(Differential.ours(tooDeep) == .failure(YAMLError("nesting is too deep", at: YAMLMark(line: 1, column: depth + 1))))

        // Block mappings, one level a line: the 201st mapping starts at line 201.
        let block = (0...depth).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + " v"
        #expect(Differential.ours(block) == .failure(YAMLError("nesting is too deep", at: YAMLMark(line: depth + 1, column: depth + 1))))

        for huge in [String(repeating: "[", count: 100_000), String(repeating: "{a: ", count: 50_000),
                     String(repeating: "- ", count: 50_000) + "a", String(repeating: "[a, ", count: 30_000)] {
            guard case .failure(let error) = Differential.ours(huge) else {
                Issue.record("\(huge.prefix(10))… parses")
                continue
            }
            #expect(error.problem == "nesting is too deep")
        }
    }

    // MARK: The API as the loader uses it

    @Test func treeReadsLikeYamsNodes() throws {
        let text = "intents:\n  - id: a\n    examples: [x, 'y']\n  - id: b\n    note: |\n      n\n"
        let root = try #require(try YAML.compose(text)?.asMapping)
        #expect(root.mark == YAMLMark(line: 1, column: 1))
        var keys: [String] = []
        for (key, value) in root {
            keys.append(key.scalar?.string ?? "")
            let items = Array(try #require(value.asSequence))
            #expect(items.count == 2)
            #expect(items[0].mark == YAMLMark(line: 2, column: 5))
            let examples = try #require(items[0].asMapping?[1].value.asSequence)
            #expect(examples.map { $0.scalar?.style } == [.plain, .singleQuoted])
            let note = try #require(items[1].asMapping?[1].value.scalar)
            #expect(note == YAMLScalar("n\n", style: .literal, mark: YAMLMark(line: 5, column: 11)))
        }
        #expect(keys == ["intents"])
        #expect(try YAML.compose("# nothing\n") == nil)
        #expect(try YAML.compose("a:")?.asMapping?.first?.value == .scalar(YAMLScalar("", style: .plain, mark: YAMLMark(line: 1, column: 3))))
    }

    // MARK: Generated and mutated texts

    @Test func generatedTextsGiveYamsTreeOrError() {
        var generator = RandomYAML(seed: 20_240_611)
        var tally = Tally()
        for _ in 0..<5_000 { tally.add(generator.document()) }
        for _ in 0..<1_500 { tally.add(generator.noise()) }
        tally.check(minimumTrees: 0.25, minimumErrors: 0.25)
    }

    @Test func mutatedRealFilesGiveYamsTreeOrError() throws {
        let texts = try Differential.realFiles().map { try String(contentsOf: $0, encoding: .utf8) }
        var generator = RandomYAML(seed: 77)
        var tally = Tally()
        for _ in 0..<3_000 { tally.add(generator.mutation(of: generator.pick(texts))) }
        // Whole files, truncated at a random place.
        for text in texts {
            for _ in 0..<5 { tally.add(String(text.unicodeScalars.prefix(generator.int(text.unicodeScalars.count)))) }
        }
        tally.check(minimumTrees: 0.2, minimumErrors: 0.2)
    }
}

/// Counts what the comparisons gave, keeping the first disagreements.
private struct Tally {
    var trees = 0, errors = 0, excused = 0, total = 0
    var disagreements: [String] = []

    mutating func add(_ text: String) {
        total += 1
        switch Differential.compare(text) {
        case .agreed:
            if case .failure = Differential.ours(text) { errors += 1 } else { trees += 1 }
        case .excused:
            excused += 1
        case .differs(let why):
            if disagreements.count < 8 { disagreements.append("\(text.debugDescription)\n  \(why)") }
        }
    }

    /// No disagreement; and enough trees and errors that both were tested.
    func check(minimumTrees: Double, minimumErrors: Double, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(disagreements.isEmpty, "\(disagreements.joined(separator: "\n"))", sourceLocation: sourceLocation)
        #expect(Double(trees) >= minimumTrees * Double(total), "\(trees) trees of \(total)", sourceLocation: sourceLocation)
        #expect(Double(errors) >= minimumErrors * Double(total), "\(errors) errors of \(total)", sourceLocation: sourceLocation)
        #expect(Double(excused) <= 0.05 * Double(total), "\(excused) excused of \(total)", sourceLocation: sourceLocation)
    }
}

extension YAMLNode {
    fileprivate var asMapping: YAMLMapping? {
        if case .mapping(let mapping) = self { return mapping }
        return nil
    }

    fileprivate var asSequence: YAMLSequence? {
        if case .sequence(let sequence) = self { return sequence }
        return nil
    }
}

/// Our parser and Yams side by side.
enum Differential {
    enum Outcome: Equatable {
        case document(YAMLNode?)
        case failure(YAMLError)
    }

    enum Verdict: Equatable {
        /// The same tree, or errors at the same place (a duplicate key: both fail).
        case agreed
        /// We refuse what libyaml accepts, on purpose: a feature we do not support, or keys
        /// with the same text that Yams tells apart by their resolved type (`1` and `'1'`).
        case excused(String)
        case differs(String)
    }

    /// Problems of what is refused on purpose.
    static let refusals: Set<String> = [
        "anchors and aliases are not supported", "tags are not supported", "directives are not supported",
        "only one document is supported", "nesting is too deep",
    ]

    static let packageRoot = Driver.packageRoot

    /// Every YAML file of the content, the conversations, the test fixtures and the fuzz corpus.
    static func realFiles() -> [URL] {
        ["Intents", "Responses", "Documents", "Conversations", "Tests/TwitchwiseTestSupport/Fixtures", "Fuzz/corpus/loader"]
            .flatMap { folder -> [URL] in
                let url = packageRoot.appendingPathComponent(folder)
                let paths = FileManager.default.enumerator(atPath: url.path)?.compactMap { $0 as? String } ?? []
                return paths.filter { $0.hasSuffix(".yaml") }.sorted().map { url.appendingPathComponent($0) }
            }
    }

    static func ours(_ text: String) -> Outcome {
        do { return .document(try YAML.compose(text)) } catch { return .failure(error) }
    }

    static func errorMark(_ text: String) -> YAMLMark? {
        if case .failure(let error) = ours(text) { return error.mark }
        return nil
    }

    static func yams(_ text: String) -> Outcome {
        do {
            return .document(try Yams.compose(yaml: text).map(converted))
        } catch let error as YamlError {
            switch error {
            case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
                return .failure(YAMLError(problem, at: YAMLMark(line: mark.line, column: mark.column)))
            case .duplicatedKeysInMapping(let keys, let context):
                return .failure(YAMLError("duplicate keys \(keys)", at: YAMLMark(line: context.mark.line, column: context.mark.column)))
            case .reader(let problem, let offset, _, _):
                return .failure(YAMLError(problem, at: mark(ofCharacter: offset ?? 0, in: text)))
            default:
                return .failure(YAMLError("\(error)", at: YAMLMark(line: 0, column: 0)))
            }
        } catch {
            return .failure(YAMLError("\(error)", at: YAMLMark(line: 0, column: 0)))
        }
    }

    static func compare(_ text: String) -> Verdict {
        switch (ours(text), yams(text)) {
        case (.document(let a), .document(let b)):
            guard a != b else { return .agreed }
            guard let a, let b else { return .differs("ours \(String(describing: a)), Yams \(String(describing: b))") }
            return .differs(difference(a, b, at: "root") ?? "")
        case (.failure(let error), .document(let tree)):
            if refusals.contains(error.problem) { return .excused(error.problem) }
            if error.problem.hasPrefix("duplicate key"), let tree, repeatedKeyMark(in: tree) == error.mark {
                return .excused("keys of the same text and different types")
            }
            return .differs("we fail (\(error)), Yams gives \(String(describing: tree))")
        case (.document, .failure(let error)):
            return .differs("we accept, Yams fails: \(error)")
        case (.failure(let a), .failure(let b)):
            // Yams puts a duplicate key at its first place, we at the second.
            if a.mark == b.mark || refusals.contains(a.problem) || a.problem.hasPrefix("duplicate key") { return .agreed }
            return .differs("errors at different places: ours \(a), Yams \(b)")
        }
    }

    /// Yams' tree in our types.
    static func converted(_ node: Yams.Node) -> YAMLNode {
        switch node {
        case .scalar(let scalar):
            let styles: [Yams.Node.Scalar.Style: YAMLScalar.Style] = [
                .plain: .plain, .singleQuoted: .singleQuoted, .doubleQuoted: .doubleQuoted, .literal: .literal, .folded: .folded,
            ]
            if styles[scalar.style] == nil { Issue.record("Yams gives a scalar of style \(scalar.style)") }
            return .scalar(YAMLScalar(scalar.string, style: styles[scalar.style] ?? .plain, mark: converted(scalar.mark)))
        case .mapping(let mapping):
            let pairs = mapping.map { YAMLMapping.Pair(key: converted($0.key), value: converted($0.value)) }
            return .mapping(YAMLMapping(pairs, mark: converted(mapping.mark)))
        case .sequence(let sequence):
            return .sequence(YAMLSequence(sequence.map(converted), mark: converted(sequence.mark)))
        case .alias:
            // Yams' composer gives the anchored node in place of an alias.
            Issue.record("Yams gives an alias node")
            return .scalar(YAMLScalar("", style: .plain, mark: YAMLMark(line: 0, column: 0)))
        }
    }

    static func converted(_ mark: Yams.Mark?) -> YAMLMark {
        YAMLMark(line: mark?.line ?? 0, column: mark?.column ?? 0)
    }

    /// The mark of a character offset (Yams' reader errors give one).
    static func mark(ofCharacter offset: Int, in text: String) -> YAMLMark {
        var mark = YAMLMark(line: 1, column: 1)
        for character in text.prefix(offset) {
            if character.isNewline {
                mark = YAMLMark(line: mark.line + 1, column: 1)
            } else {
                mark.column += character.unicodeScalars.count
            }
        }
        return mark
    }

    /// The first key repeating the text of a key of its mapping, mappings taken in the order
    /// they end (where the composer checks them).
    static func repeatedKeyMark(in node: YAMLNode) -> YAMLMark? {
        switch node {
        case .scalar:
            return nil
        case .sequence(let sequence):
            return sequence.lazy.compactMap(repeatedKeyMark).first
        case .mapping(let mapping):
            for (key, value) in mapping {
                if let mark = repeatedKeyMark(in: key) ?? repeatedKeyMark(in: value) { return mark }
            }
            var seen: Set<String> = []
            return mapping.first { $0.key.scalar.map { !seen.insert($0.string).inserted } ?? false }?.key.mark
        }
    }

    /// Where two trees first differ, to read a failure.
    static func difference(_ a: YAMLNode, _ b: YAMLNode, at path: String) -> String? {
        switch (a, b) {
        case (.scalar(let x), .scalar(let y)):
            return x == y ? nil : "\(path): ours \(x), Yams \(y)"
        case (.sequence(let x), .sequence(let y)):
            if x.mark != y.mark { return "\(path): a sequence at \(x.mark), Yams' at \(y.mark)" }
            for (i, (p, q)) in zip(x, y).enumerated() {
                if let found = difference(p, q, at: "\(path)[\(i)]") { return found }
            }
            return x.count == y.count ? nil : "\(path): \(x.count) items, Yams \(y.count)"
        case (.mapping(let x), .mapping(let y)):
            if x.mark != y.mark { return "\(path): a mapping at \(x.mark), Yams' at \(y.mark)" }
            for (i, (p, q)) in zip(x.pairs, y.pairs).enumerated() {
                if let found = difference(p.key, q.key, at: "\(path).key\(i)") ?? difference(p.value, q.value, at: "\(path).\(i)") {
                    return found
                }
            }
            return x.count == y.count ? nil : "\(path): \(x.count) pairs, Yams \(y.count)"
        default:
            return "\(path): ours \(a), Yams \(b)"
        }
    }
}

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
