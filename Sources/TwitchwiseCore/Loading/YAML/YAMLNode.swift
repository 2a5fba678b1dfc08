/// A position in the YAML text: 1-based line and 1-based column, the column counted in
/// Unicode scalars (a tab counts as one), as Yams' `Mark` reports it (libyaml's 0-based mark + 1).
public struct YAMLMark: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "line \(line), column \(column)" }
}

/// A scalar: its text and how it was written. No type is resolved: `~`, `null`,
/// `true` and `12` are plain scalars whose text is just that.
public struct YAMLScalar: Sendable, Hashable {
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// The value after YAML's line folding, escapes and chomping.
    public var string: String
    public var style: Style
    /// Where the scalar starts: its first character when plain, the opening quote when
    /// quoted, the `|` or `>` indicator of a block scalar; an empty value (`key:` with
    /// nothing) is where libyaml puts it, just after the `:`.
    public var mark: YAMLMark

    public init(_ string: String, style: Style, mark: YAMLMark) {
        self.string = string
        self.style = style
        self.mark = mark
    }
}

/// A node of a YAML document.
public enum YAMLNode: Sendable, Hashable {
    case scalar(YAMLScalar)
    case mapping(YAMLMapping)
    case sequence(YAMLSequence)

    /// Where the node starts (as Yams' `node.mark`): a block mapping at its first key, a
    /// block sequence at its first `-`, a flow collection at its `[` or `{`.
    public var mark: YAMLMark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .mapping(let mapping): mapping.mark
        case .sequence(let sequence): sequence.mark
        }
    }

    /// The scalar, if this node is one.
    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }
}

/// A mapping: its key-value pairs in the order of the text (keys are unique).
public struct YAMLMapping: Sendable, Hashable, RandomAccessCollection {
    /// One key and its value.
    public struct Pair: Sendable, Hashable {
        public var key: YAMLNode
        public var value: YAMLNode

        public init(key: YAMLNode, value: YAMLNode) {
            self.key = key
            self.value = value
        }
    }

    public var pairs: [Pair]
    public var mark: YAMLMark

    public init(_ pairs: [Pair], mark: YAMLMark) {
        self.pairs = pairs
        self.mark = mark
    }

    public var startIndex: Int { pairs.startIndex }
    public var endIndex: Int { pairs.endIndex }
    public subscript(position: Int) -> (key: YAMLNode, value: YAMLNode) {
        let pair = pairs[position]
        return (pair.key, pair.value)
    }
}

/// A sequence: its items in the order of the text.
public struct YAMLSequence: Sendable, Hashable, RandomAccessCollection {
    public var items: [YAMLNode]
    public var mark: YAMLMark

    public init(_ items: [YAMLNode], mark: YAMLMark) {
        self.items = items
        self.mark = mark
    }

    public var startIndex: Int { items.startIndex }
    public var endIndex: Int { items.endIndex }
    public subscript(position: Int) -> YAMLNode { items[position] }
}

/// Why a text is not YAML the parser accepts, and where.
public struct YAMLError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, in libyaml's words where libyaml would say it
    /// ("mapping values are not allowed in this context").
    public var problem: String
    /// Where, as libyaml would put it.
    public var mark: YAMLMark

    public init(_ problem: String, at mark: YAMLMark) {
        self.problem = problem
        self.mark = mark
    }

    public var description: String { "\(mark): \(problem)" }
}
