import Testing
import TwitchwiseTestSupport
@testable import TwitchwiseLoader
import Yams

/// The YAML of content files: Yams' tree, libyaml's errors at their line and column, and the
/// loader's refusals (anchors and aliases, tags, directives, a second document, deep nesting,
/// a repeated key) where they start, before Yams composes anything.
@Suite struct YAMLDocumentTests {
    static func outcome(_ text: String) -> Result<Node?, YAMLError> { Result { () throws(YAMLError) in try YAMLDocument.compose(text) } }

    static func error(_ text: String) -> YAMLError? {
        if case .failure(let error) = outcome(text) { return error }
        return nil
    }

    @Test func errorsSayWhatIsWrongWhereItIs() {
        let cases: [(String, String, Int, Int)] = [
            ("key: a: b", "mapping values are not allowed in this context", 1, 7),
            ("a: 'x", "found unexpected end of stream while scanning a quoted scalar", 1, 6),
            ("a:\n  b: c\n d: e", "did not find expected key while parsing a block mapping", 3, 2),
            ("\ta: b", "found character that cannot start any token while scanning for the next token", 1, 1),
            ("a: [b", "did not find expected ',' or ']' while parsing a flow sequence", 2, 1),
            ("a: b\u{1}", "control characters are not allowed", 1, 5),
            ("é: ü\nb: \u{1}", "control characters are not allowed", 2, 4),
            ("a: 1\nb: 2\na: 3", "duplicate key 'a' in a mapping", 3, 1),
            ("x:\n  'a': 1\n  a: 2", "duplicate key 'a' in a mapping", 3, 3),
            // The same text is the same key, whatever its quoting or type.
            ("1: a\n'1': b", "duplicate key '1' in a mapping", 2, 1),
            ("tests:\n  - intent: urgent: twice\n", "mapping values are not allowed in this context", 2, 19),
            ("conversations:\n  - name: [unclosed\n", "did not find expected ',' or ']' while parsing a flow sequence", 3, 1),
        ]
        for (text, problem, line, column) in cases {
            #expect(Self.error(text) == YAMLError(problem, line: line, column: column), "\(text.debugDescription)")
        }
        #expect(YAMLError("x", line: 1, column: 7).description == "line 1, column 7: x")
    }

    @Test func refusedFeaturesAreErrorsWhereTheyStart() {
        let cases: [(String, String, Int, Int)] = [
            ("a: &x b", "anchors and aliases are not supported", 1, 4),
            ("a: b\nc: *x", "anchors and aliases are not supported", 2, 4),
            ("- [&x a]", "anchors and aliases are not supported", 1, 4),
            ("a: !!str b", "tags are not supported", 1, 4),
            ("!foo\na: b", "tags are not supported", 1, 1),
            ("%YAML 1.1\n---\na: b", "directives are not supported", 1, 1),
            ("a: b\n---\nc: d", "only one document is supported", 2, 1),
            ("---\n---\n", "only one document is supported", 2, 1),
        ]
        for (text, problem, line, column) in cases {
            #expect(Self.error(text) == YAMLError(problem, line: line, column: column), "\(text.debugDescription)")
        }
        // Inside a scalar these characters are just characters.
        #expect(Self.error("a: b&c *d !e\nf: '&x'\ng: 100%") == nil)
    }

    /// A billion laughs: ten lines that stand for 10⁹ nodes are refused at the first anchor.
    @Test func aYAMLBombIsRefusedAtItsFirstAnchor() {
        var lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        for i in 1...9 { lines.append("a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 10).joined(separator: ", ") + "]") }
        lines.append("? *a9\n: boom")
        #expect(Self.error(lines.joined(separator: "\n")) == YAMLError("anchors and aliases are not supported", line: 1, column: 5))
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let depth = YAMLDocument.maximumDepth
        let flow = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(Self.error(flow) == nil)
        let tooDeep = String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1)
        #expect(Self.error(tooDeep) == YAMLError("nesting is too deep", line: 1, column: depth + 1))
        // Block mappings, one level a line: the 201st mapping starts at line 201.
        let block = (0...depth).map { String(repeating: " ", count: $0) + "k:" }.joined(separator: "\n") + " v"
        #expect(Self.error(block) == YAMLError("nesting is too deep", line: depth + 1, column: depth + 1))
        for huge in [String(repeating: "[", count: 100_000), String(repeating: "{a: ", count: 50_000),
                     String(repeating: "- ", count: 50_000) + "a", String(repeating: "[a, ", count: 30_000)] {
            #expect(Self.error(huge)?.problem == "nesting is too deep", "\(huge.prefix(10))…")
        }
    }

    @Test func treeHasEveryNodesPlaceAndStyle() throws {
        let text = "intents:\n  - id: a\n    examples: [x, 'y']\n  - id: b\n    note: |\n      n\n"
        let root = try #require(try YAMLDocument.compose(text)?.mapping)
        #expect(root.mark?.line == 1 && root.mark?.column == 1)
        let items = try #require(root["intents"]?.sequence)
        #expect(items.count == 2)
        #expect(items[0].mark?.line == 2 && items[0].mark?.column == 5)
        #expect(items[0]["examples"]?.sequence?.map { $0.scalar?.style } == [.plain, .singleQuoted])
        let note = try #require(items[1]["note"]?.scalar)
        #expect(note.string == "n\n" && note.style == .literal && note.mark?.line == 5 && note.mark?.column == 11)
        #expect(try YAMLDocument.compose("# nothing\n") == nil)
        // Every scalar is its text: no type is resolved.
        #expect(try YAMLDocument.compose("a: 012")?["a"]?.string == "012")
    }

    /// A file saved with Windows line ends reads as the same document, at the same places.
    @Test func crlfReadsAsLF() throws {
        let text = "a: b\nc:\n  - d\n  - 'e\n    f'\ng: |\n  x\n  y\nh: >\n  p\n  q\n"
        let lf = try YAMLDocument.compose(text)
        let crlf = try YAMLDocument.compose(text.replacing("\n", with: "\r\n"))
        #expect(lf != nil && lf == crlf)
        #expect(lf?["h"]?.mark?.line == crlf?["h"]?.mark?.line && crlf?["h"]?.mark?.line == 9)
        #expect(lf?["g"]?.string == "x\ny\n" && crlf?["g"]?.string == "x\ny\n")
        #expect(Self.error("a: 1\r\nb: [\r\n") == Self.error("a: 1\nb: [\n"))
        #expect(ContentFile.lines(of: "a\r\nb\n\r\nc\r") == ["a", "b", "", "c"])
    }

    /// The refusals are the only difference from Yams: whatever passes them composes as Yams
    /// composes it, and what Yams refuses is refused at the same place.
    @Test func generatedTextsComposeAsYamsDoes() {
        var generator = RandomYAML(seed: 20_240_611)
        var texts: [String] = []
        for _ in 0..<3_000 { texts.append(generator.document()) }
        for _ in 0..<1_000 { texts.append(generator.noise()) }
        var (trees, errors, refusals) = (0, 0, 0)
        for text in texts {
            let ours = Self.outcome(text)
            let yams = Result { try Yams.compose(yaml: text, .basic) }
            switch (ours, yams) {
            case (.success(let a), .success(let b)):
                #expect(a == b, "\(text.debugDescription)")
                trees += 1
            case (.failure(let error), .success):
                #expect(YAMLEventCheck.refusals.contains { error.problem.hasPrefix($0) }, "\(text.debugDescription): \(error)")
                refusals += 1
            case (.failure(let error), .failure(let theirs as YamlError)):
                let expected = YAMLError(theirs, in: text)
                #expect(error == expected || YAMLEventCheck.refusals.contains { error.problem.hasPrefix($0) },
                        "\(text.debugDescription): \(error), Yams \(expected)")
                errors += 1
            case (.success, .failure(let theirs)):
                Issue.record("\(text.debugDescription): Yams refuses (\(theirs)), we accept")
            case (.failure, .failure(let other)):
                Issue.record("\(text.debugDescription): \(other)")
            }
        }
        // Both kinds come out often, so both paths are exercised.
        #expect(trees > 500 && errors > 500, "\(trees) trees, \(errors) errors, \(refusals) refusals")
    }
}
