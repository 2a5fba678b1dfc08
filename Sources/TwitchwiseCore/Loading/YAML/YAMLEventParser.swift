/// An event of the YAML stream, as libyaml's parser makes them.
struct YAMLEvent {
    enum Kind {
        case streamStart, streamEnd, documentStart, documentEnd
        case scalar(YAMLScalar)
        case sequenceStart, sequenceEnd, mappingStart, mappingEnd
    }

    var kind: Kind
    var mark: YAMLMark

    init(_ kind: Kind, at position: YAMLPosition) {
        self.kind = kind
        self.mark = position.mark
    }
}

/// Turns tokens into events, a port of libyaml's parser (parser.c): a state machine with a
/// stack of states to return to, so nesting costs no recursion.
struct YAMLEventParser {
    private enum State {
        case streamStart, implicitDocumentStart, documentStart, documentContent, documentEnd
        case blockNode, blockNodeOrIndentlessSequence, flowNode
        case blockSequenceFirstEntry, blockSequenceEntry, indentlessSequenceEntry
        case blockMappingFirstKey, blockMappingKey, blockMappingValue
        case flowSequenceFirstEntry, flowSequenceEntry
        case flowSequenceEntryMappingKey, flowSequenceEntryMappingValue, flowSequenceEntryMappingEnd
        case flowMappingFirstKey, flowMappingKey, flowMappingValue, flowMappingEmptyValue
        case end
    }

    private var scanner: YAMLScanner
    private var state = State.streamStart
    private var states: [State] = []

    init(_ text: String) throws(YAMLError) {
        scanner = try YAMLScanner(text)
    }

    mutating func next() throws(YAMLError) -> YAMLEvent {
        switch state {
        case .streamStart:
            let token = try scanner.peek()
            scanner.skipToken()
            state = .implicitDocumentStart
            return YAMLEvent(.streamStart, at: token.start)
        case .implicitDocumentStart: return try documentStart(implicit: true)
        case .documentStart: return try documentStart(implicit: false)
        case .documentContent: return try documentContent()
        case .documentEnd: return try documentEnd()
        case .blockNode: return try node(block: true, indentlessSequence: false)
        case .blockNodeOrIndentlessSequence: return try node(block: true, indentlessSequence: true)
        case .flowNode: return try node(block: false, indentlessSequence: false)
        case .blockSequenceFirstEntry: return try blockSequenceEntry(first: true)
        case .blockSequenceEntry: return try blockSequenceEntry(first: false)
        case .indentlessSequenceEntry: return try indentlessSequenceEntry()
        case .blockMappingFirstKey: return try blockMappingKey(first: true)
        case .blockMappingKey: return try blockMappingKey(first: false)
        case .blockMappingValue: return try blockMappingValue()
        case .flowSequenceFirstEntry: return try flowSequenceEntry(first: true)
        case .flowSequenceEntry: return try flowSequenceEntry(first: false)
        case .flowSequenceEntryMappingKey: return try flowSequenceEntryMappingKey()
        case .flowSequenceEntryMappingValue: return try flowSequenceEntryMappingValue()
        case .flowSequenceEntryMappingEnd:
            let token = try scanner.peek()
            state = .flowSequenceEntry
            return YAMLEvent(.mappingEnd, at: token.start)
        case .flowMappingFirstKey: return try flowMappingKey(first: true)
        case .flowMappingKey: return try flowMappingKey(first: false)
        case .flowMappingValue: return try flowMappingValue(empty: false)
        case .flowMappingEmptyValue: return try flowMappingValue(empty: true)
        case .end: return YAMLEvent(.streamEnd, at: scanner.cursor.mark)
        }
    }

    // MARK: Documents

    private mutating func documentStart(implicit: Bool) throws(YAMLError) -> YAMLEvent {
        var token = try scanner.peek()
        if !implicit {
            while token.kind == .documentEnd {
                scanner.skipToken()
                token = try scanner.peek()
            }
        }
        if token.kind == .streamEnd {
            state = .end
            scanner.skipToken()
            return YAMLEvent(.streamEnd, at: token.start)
        }
        states.append(.documentEnd)
        if implicit && token.kind != .documentStart {
            state = .blockNode
            return YAMLEvent(.documentStart, at: token.start)
        }
        guard token.kind == .documentStart else {
            throw YAMLError("did not find expected <document start>", at: token.start.mark)
        }
        state = .documentContent
        scanner.skipToken()
        return YAMLEvent(.documentStart, at: token.start)
    }

    private mutating func documentContent() throws(YAMLError) -> YAMLEvent {
        let token = try scanner.peek()
        switch token.kind {
        case .documentStart, .documentEnd, .streamEnd:
            popState()
            return emptyScalar(at: token.start)
        default:
            return try node(block: true, indentlessSequence: false)
        }
    }

    private mutating func documentEnd() throws(YAMLError) -> YAMLEvent {
        let token = try scanner.peek()
        if token.kind == .documentEnd { scanner.skipToken() }
        state = .documentStart
        return YAMLEvent(.documentEnd, at: token.start)
    }

    // MARK: Nodes

    private mutating func node(block: Bool, indentlessSequence: Bool) throws(YAMLError) -> YAMLEvent {
        let token = try scanner.peek()
        switch token.kind {
        case .blockEntry where indentlessSequence:
            state = .indentlessSequenceEntry
            return YAMLEvent(.sequenceStart, at: token.start)
        case .scalar:
            popState()
            scanner.skipToken()
            return YAMLEvent(.scalar(YAMLScalar(scanner.value(of: token), style: token.style, mark: token.start.mark)), at: token.start)
        case .flowSequenceStart:
            state = .flowSequenceFirstEntry
            return YAMLEvent(.sequenceStart, at: token.start)
        case .flowMappingStart:
            state = .flowMappingFirstKey
            return YAMLEvent(.mappingStart, at: token.start)
        case .blockSequenceStart where block:
            state = .blockSequenceFirstEntry
            return YAMLEvent(.sequenceStart, at: token.start)
        case .blockMappingStart where block:
            state = .blockMappingFirstKey
            return YAMLEvent(.mappingStart, at: token.start)
        default:
            throw parserError("did not find expected node content", while: block ? "parsing a block node" : "parsing a flow node",
                              at: token)
        }
    }

    // MARK: Block collections

    private mutating func blockSequenceEntry(first: Bool) throws(YAMLError) -> YAMLEvent {
        if first { try openCollection() }
        let token = try scanner.peek()
        switch token.kind {
        case .blockEntry:
            scanner.skipToken()
            let next = try scanner.peek()
            if next.kind != .blockEntry && next.kind != .blockEnd {
                states.append(.blockSequenceEntry)
                return try node(block: true, indentlessSequence: false)
            }
            state = .blockSequenceEntry
            return emptyScalar(at: token.end)
        case .blockEnd:
            closeCollection()
            return YAMLEvent(.sequenceEnd, at: token.start)
        default:
            throw parserError("did not find expected '-' indicator", while: "parsing a block collection", at: token)
        }
    }

    /// A sequence at the indentation of its mapping key (`key:` then `- item` lines under it).
    private mutating func indentlessSequenceEntry() throws(YAMLError) -> YAMLEvent {
        let token = try scanner.peek()
        guard token.kind == .blockEntry else {
            popState()
            return YAMLEvent(.sequenceEnd, at: token.start)
        }
        scanner.skipToken()
        let next = try scanner.peek()
        switch next.kind {
        case .blockEntry, .key, .value, .blockEnd:
            state = .indentlessSequenceEntry
            return emptyScalar(at: token.end)
        default:
            states.append(.indentlessSequenceEntry)
            return try node(block: true, indentlessSequence: false)
        }
    }

    private mutating func blockMappingKey(first: Bool) throws(YAMLError) -> YAMLEvent {
        if first { try openCollection() }
        let token = try scanner.peek()
        switch token.kind {
        case .key:
            scanner.skipToken()
            let next = try scanner.peek()
            switch next.kind {
            case .key, .value, .blockEnd:
                state = .blockMappingValue
                return emptyScalar(at: token.end)
            default:
                states.append(.blockMappingValue)
                return try node(block: true, indentlessSequence: true)
            }
        case .blockEnd:
            closeCollection()
            return YAMLEvent(.mappingEnd, at: token.start)
        default:
            throw parserError("did not find expected key", while: "parsing a block mapping", at: token)
        }
    }

    private mutating func blockMappingValue() throws(YAMLError) -> YAMLEvent {
        let token = try scanner.peek()
        guard token.kind == .value else {
            state = .blockMappingKey
            return emptyScalar(at: token.start)
        }
        scanner.skipToken()
        let next = try scanner.peek()
        switch next.kind {
        case .key, .value, .blockEnd:
            state = .blockMappingKey
            return emptyScalar(at: token.end)
        default:
            states.append(.blockMappingKey)
            return try node(block: true, indentlessSequence: true)
        }
    }

    // MARK: Flow collections

    private mutating func flowSequenceEntry(first: Bool) throws(YAMLError) -> YAMLEvent {
        if first { try openCollection() }
        var token = try scanner.peek()
        if token.kind != .flowSequenceEnd {
            if !first {
                guard token.kind == .flowEntry else {
                    throw parserError("did not find expected ',' or ']'", while: "parsing a flow sequence", at: token)
                }
                scanner.skipToken()
                token = try scanner.peek()
            }
            if token.kind == .key {
                // `[a: b]`: a mapping of one pair.
                state = .flowSequenceEntryMappingKey
                scanner.skipToken()
                return YAMLEvent(.mappingStart, at: token.start)
            }
            if token.kind != .flowSequenceEnd {
                states.append(.flowSequenceEntry)
                return try node(block: false, indentlessSequence: false)
            }
        }
        closeCollection()
        return YAMLEvent(.sequenceEnd, at: token.start)
    }

    private mutating func flowSequenceEntryMappingKey() throws(YAMLError) -> YAMLEvent {
        let token = try scanner.peek()
        switch token.kind {
        case .value, .flowEntry:
            scanner.skipToken()
            state = .flowSequenceEntryMappingValue
            return emptyScalar(at: token.end)
        case .flowSequenceEnd:
            state = .flowSequenceEntryMappingValue
            return emptyScalar(at: token.start)
        default:
            states.append(.flowSequenceEntryMappingValue)
            return try node(block: false, indentlessSequence: false)
        }
    }

    private mutating func flowSequenceEntryMappingValue() throws(YAMLError) -> YAMLEvent {
        var token = try scanner.peek()
        if token.kind == .value {
            scanner.skipToken()
            token = try scanner.peek()
            if token.kind != .flowEntry && token.kind != .flowSequenceEnd {
                states.append(.flowSequenceEntryMappingEnd)
                return try node(block: false, indentlessSequence: false)
            }
        }
        state = .flowSequenceEntryMappingEnd
        return emptyScalar(at: token.start)
    }

    private mutating func flowMappingKey(first: Bool) throws(YAMLError) -> YAMLEvent {
        if first { try openCollection() }
        var token = try scanner.peek()
        if token.kind != .flowMappingEnd {
            if !first {
                guard token.kind == .flowEntry else {
                    throw parserError("did not find expected ',' or '}'", while: "parsing a flow mapping", at: token)
                }
                scanner.skipToken()
                token = try scanner.peek()
            }
            if token.kind == .key {
                scanner.skipToken()
                token = try scanner.peek()
                switch token.kind {
                case .value, .flowEntry, .flowMappingEnd:
                    state = .flowMappingValue
                    return emptyScalar(at: token.start)
                default:
                    states.append(.flowMappingValue)
                    return try node(block: false, indentlessSequence: false)
                }
            }
            if token.kind != .flowMappingEnd {
                // `{a, b: c}`: a key without a value.
                states.append(.flowMappingEmptyValue)
                return try node(block: false, indentlessSequence: false)
            }
        }
        closeCollection()
        return YAMLEvent(.mappingEnd, at: token.start)
    }

    private mutating func flowMappingValue(empty: Bool) throws(YAMLError) -> YAMLEvent {
        var token = try scanner.peek()
        if !empty && token.kind == .value {
            scanner.skipToken()
            token = try scanner.peek()
            if token.kind != .flowEntry && token.kind != .flowMappingEnd {
                states.append(.flowMappingKey)
                return try node(block: false, indentlessSequence: false)
            }
        }
        state = .flowMappingKey
        return emptyScalar(at: token.start)
    }

    // MARK: Helpers

    /// Drops a collection's start token.
    private mutating func openCollection() throws(YAMLError) {
        _ = try scanner.peek()
        scanner.skipToken()
    }

    /// Drops a collection's end token and returns to the state before the collection.
    private mutating func closeCollection() {
        popState()
        scanner.skipToken()
    }

    private mutating func popState() {
        state = states.popLast() ?? .end
    }

    /// The value of `key:` with nothing after it, or of a `-` with nothing.
    private func emptyScalar(at position: YAMLPosition) -> YAMLEvent {
        YAMLEvent(.scalar(YAMLScalar("", style: .plain, mark: position.mark)), at: position)
    }

    private func parserError(_ problem: String, while context: String, at token: YAMLToken) -> YAMLError {
        YAMLError("\(problem) while \(context)", at: token.start.mark)
    }
}
