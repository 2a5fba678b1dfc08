/// The YAML reader of the content files: a port of libyaml's scanner and parser (what Yams
/// runs), so a text gives the tree and the errors Yams gives, without Foundation.
///
/// Every scalar is a string with its style (no type resolution); anchors, aliases, tags,
/// directives and a second document are refused.
public enum YAML {
    /// How many collections may nest: deeper is an error, not a deep recursion.
    static let maximumDepth = 200

    /// Parses one document. nil when the text holds no document (empty, or only comments
    /// and blank lines).
    public static func compose(_ text: String) throws(YAMLError) -> YAMLNode? {
        var composer = try Composer(text)
        return try composer.document()
    }

    /// Builds the tree from the parser's events, as Yams' composer does, checking that the keys
    /// of each mapping differ when the mapping ends.
    private struct Composer {
        private var parser: YAMLEventParser

        init(_ text: String) throws(YAMLError) {
            parser = try YAMLEventParser(text)
        }

        mutating func document() throws(YAMLError) -> YAMLNode? {
            _ = try parser.next()  // STREAM-START
            guard case .documentStart = try parser.next().kind else { return nil }
            let root = try node(from: try parser.next(), depth: 0)
            _ = try parser.next()  // DOCUMENT-END
            let next = try parser.next()
            if case .documentStart = next.kind { throw YAMLError("only one document is supported", at: next.mark) }
            return root
        }

        private mutating func node(from event: YAMLEvent, depth: Int) throws(YAMLError) -> YAMLNode {
            switch event.kind {
            case .scalar(let scalar):
                return .scalar(scalar)
            case .sequenceStart:
                guard depth < YAML.maximumDepth else { throw YAMLError("nesting is too deep", at: event.mark) }
                var items: [YAMLNode] = []
                while true {
                    let next = try parser.next()
                    if case .sequenceEnd = next.kind { break }
                    items.append(try node(from: next, depth: depth + 1))
                }
                return .sequence(YAMLSequence(items, mark: event.mark))
            case .mappingStart:
                guard depth < YAML.maximumDepth else { throw YAMLError("nesting is too deep", at: event.mark) }
                var pairs: [YAMLMapping.Pair] = []
                while true {
                    let next = try parser.next()
                    if case .mappingEnd = next.kind { break }
                    let key = try node(from: next, depth: depth + 1)
                    let value = try node(from: try parser.next(), depth: depth + 1)
                    pairs.append(YAMLMapping.Pair(key: key, value: value))
                }
                if let duplicate = YAMLMapping.firstDuplicateKey(in: pairs) {
                    throw YAMLError("duplicate key '\(duplicate.flowText)' in a mapping", at: duplicate.mark)
                }
                return .mapping(YAMLMapping(pairs, mark: event.mark))
            case .streamStart, .streamEnd, .documentStart, .documentEnd, .sequenceEnd, .mappingEnd:
                // The parser gives a node's event here; this keeps a wrong turn an error.
                throw YAMLError("did not find expected node content", at: event.mark)
            }
        }
    }
}

extension YAMLMapping {
    /// The first key that repeats an earlier one (same text, whatever the style; collections
    /// by content), at its second place.
    static func firstDuplicateKey(in pairs: [Pair]) -> YAMLNode? {
        if pairs.count <= 12 {
            for i in pairs.indices.dropFirst() {
                for j in 0..<i where pairs[j].key.sameContent(as: pairs[i].key) { return pairs[i].key }
            }
            return nil
        }
        var seen = Set<YAMLNode.Content>(minimumCapacity: pairs.count)
        return pairs.first { !seen.insert(YAMLNode.Content(node: $0.key)).inserted }?.key
    }
}

extension YAMLNode {
    /// A node compared and hashed by its content alone, not its marks or styles.
    struct Content: Hashable {
        var node: YAMLNode

        static func == (a: Content, b: Content) -> Bool { a.node.sameContent(as: b.node) }

        func hash(into hasher: inout Hasher) { node.hashContent(into: &hasher) }
    }

    func sameContent(as other: YAMLNode) -> Bool {
        switch (self, other) {
        case (.scalar(let a), .scalar(let b)):
            return a.string == b.string
        case (.sequence(let a), .sequence(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.sameContent(as: $1) }
        case (.mapping(let a), .mapping(let b)):
            return a.count == b.count
                && zip(a.pairs, b.pairs).allSatisfy { $0.key.sameContent(as: $1.key) && $0.value.sameContent(as: $1.value) }
        default:
            return false
        }
    }

    func hashContent(into hasher: inout Hasher) {
        switch self {
        case .scalar(let scalar):
            hasher.combine(0)
            hasher.combine(scalar.string)
        case .sequence(let sequence):
            hasher.combine(1)
            for item in sequence { item.hashContent(into: &hasher) }
        case .mapping(let mapping):
            hasher.combine(2)
            for pair in mapping.pairs {
                pair.key.hashContent(into: &hasher)
                pair.value.hashContent(into: &hasher)
            }
        }
    }

    /// The node in one line, for a message: a scalar's text, a collection in flow style.
    var flowText: String {
        switch self {
        case .scalar(let scalar): scalar.string
        case .sequence(let sequence): "[" + sequence.map(\.flowText).joined(separator: ", ") + "]"
        case .mapping(let mapping): "{" + mapping.pairs.map { "\($0.key.flowText): \($0.value.flowText)" }.joined(separator: ", ") + "}"
        }
    }
}
