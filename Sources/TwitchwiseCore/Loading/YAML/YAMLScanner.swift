/// A token of the YAML text, as libyaml's scanner makes them.
struct YAMLToken {
    enum Kind {
        case streamStart, streamEnd, documentStart, documentEnd
        case blockSequenceStart, blockMappingStart, blockEnd
        case flowSequenceStart, flowSequenceEnd, flowMappingStart, flowMappingEnd
        case blockEntry, flowEntry, key, value, scalar
    }

    var kind: Kind
    var start: YAMLPosition
    var end: YAMLPosition
    /// A scalar's style, and where its value is in the scanner's `values` (so that a token is
    /// plain data, copied without reference counting).
    var style = YAMLScalar.Style.plain
    var value = 0
}

/// Turns the text into tokens, a port of libyaml's scanner (scanner.c) so that what is
/// accepted, the marks and the errors are libyaml's. Block structure comes from the
/// indentation (BLOCK-MAPPING-START, BLOCK-END tokens); a simple key (`key:`) is found
/// only at its `:`, so the KEY token is inserted back into the queue then.
///
/// Anchors, aliases, tags and directives are refused where their token would start.
struct YAMLScanner {
    /// A place where a simple key may start, one per flow level.
    private struct SimpleKey {
        var possible = false
        var required = false
        var tokenNumber = 0
        var mark = YAMLPosition()
    }

    var cursor: YAMLCursor
    private var tokens: [YAMLToken] = []
    /// The index in `tokens` of the next token for the parser.
    private var head = 0
    private var tokensParsed = 0
    private var tokenAvailable = false
    private var streamStartProduced = false
    private var streamEndProduced = false
    /// The current block indentation column (-1 before any), and the enclosing ones.
    var indent = -1
    private var indents: [Int] = []
    var simpleKeyAllowed = false
    private var simpleKeys = [SimpleKey()]
    var flowLevel = 0
    /// The values of the scalar tokens.
    private var values: [String] = []
    /// A buffer for a scalar's bytes, kept from one scalar to the next.
    var scratch: [UInt8] = []

    init(_ text: String) throws(YAMLError) {
        cursor = try YAMLCursor(text)
    }

    // MARK: The parser's side

    /// The next token, scanning as far as needed to know it.
    mutating func peek() throws(YAMLError) -> YAMLToken {
        if streamEndProduced { return YAMLToken(kind: .streamEnd, start: cursor.mark, end: cursor.mark) }
        if !tokenAvailable { try fetchMoreTokens() }
        return tokens[head]
    }

    /// The value of a scalar token.
    func value(of token: YAMLToken) -> String { values[token.value] }

    /// A scalar token, its value made of `bytes`. One byte order mark at its start is dropped, as
    /// in Yams' strings (Foundation's UTF-8 decoding drops it), so that the values are the same.
    mutating func scalarToken(_ bytes: [UInt8], _ style: YAMLScalar.Style, from start: YAMLPosition, to end: YAMLPosition)
        -> YAMLToken
    {
        let value = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        values.append(String(decoding: value, as: UTF8.self))
        return YAMLToken(kind: .scalar, start: start, end: end, style: style, value: values.count - 1)
    }

    /// Drops the token `peek` returned.
    mutating func skipToken() {
        guard head < tokens.count else { return }
        tokenAvailable = false
        tokensParsed += 1
        streamEndProduced = tokens[head].kind == .streamEnd
        head += 1
        if head == tokens.count {
            tokens.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024 {
            tokens.removeFirst(head)
            head = 0
        }
    }

    /// Scans until the head of the queue cannot become a KEY or BLOCK-MAPPING-START.
    private mutating func fetchMoreTokens() throws(YAMLError) {
        while true {
            var needMore = head == tokens.count
            if !needMore {
                try staleSimpleKeys()
                needMore = simpleKeys.contains { $0.possible && $0.tokenNumber == tokensParsed }
            }
            if !needMore { break }
            try fetchNextToken()
        }
        tokenAvailable = true
    }

    // MARK: Tokens

    private mutating func fetchNextToken() throws(YAMLError) {
        guard streamStartProduced else {
            streamStartProduced = true
            simpleKeyAllowed = true
            append(.streamStart, from: cursor.mark)
            return
        }
        try scanToNextToken()
        try staleSimpleKeys()
        unrollIndent(to: cursor.mark.column)

        if cursor.isZ() { return try fetchStreamEnd() }
        if cursor.mark.column == 0 && cursor.check("%") {
            throw YAMLError("directives are not supported", at: cursor.mark.mark)
        }
        if cursor.isDocumentIndicator("-") { return try fetchDocumentIndicator(.documentStart) }
        if cursor.isDocumentIndicator(".") { return try fetchDocumentIndicator(.documentEnd) }

        let blankZAfter = cursor.isBlankZ(1)
        switch cursor.at() {
        case UInt8(ascii: "["): return try fetchFlowCollectionStart(.flowSequenceStart)
        case UInt8(ascii: "{"): return try fetchFlowCollectionStart(.flowMappingStart)
        case UInt8(ascii: "]"): return try fetchFlowCollectionEnd(.flowSequenceEnd)
        case UInt8(ascii: "}"): return try fetchFlowCollectionEnd(.flowMappingEnd)
        case UInt8(ascii: ","): return try fetchFlowEntry()
        case UInt8(ascii: "-") where blankZAfter: return try fetchBlockEntry()
        case UInt8(ascii: "?") where flowLevel > 0 || blankZAfter: return try fetchKey()
        case UInt8(ascii: ":") where flowLevel > 0 || blankZAfter: return try fetchValue()
        case UInt8(ascii: "*"), UInt8(ascii: "&"):
            throw YAMLError("anchors and aliases are not supported", at: cursor.mark.mark)
        case UInt8(ascii: "!"):
            throw YAMLError("tags are not supported", at: cursor.mark.mark)
        case UInt8(ascii: "|") where flowLevel == 0: return try fetchBlockScalar(literal: true)
        case UInt8(ascii: ">") where flowLevel == 0: return try fetchBlockScalar(literal: false)
        case UInt8(ascii: "'"): return try fetchFlowScalar(single: true)
        case UInt8(ascii: "\""): return try fetchFlowScalar(single: false)
        default:
            guard startsPlainScalar else {
                throw scannerError("found character that cannot start any token", while: "scanning for the next token")
            }
            try saveSimpleKey()
            simpleKeyAllowed = false
            tokens.append(try scanPlainScalar())
        }
    }

    /// Whether a plain scalar starts here: not an indicator, except `-` before a non-blank,
    /// and (in the block context) `?` or `:` before a non-blank.
    private var startsPlainScalar: Bool {
        if cursor.isBlankZ() { return false }
        switch Unicode.Scalar(cursor.at()) {
        case "-": return !cursor.isBlank(1)
        case "?", ":": return flowLevel == 0 && !cursor.isBlankZ(1)
        case ",", "[", "]", "{", "}", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`": return false
        default: return true
        }
    }

    private mutating func fetchStreamEnd() throws(YAMLError) {
        cursor.forceNewLine()
        unrollIndent(to: -1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        append(.streamEnd, from: cursor.mark)
    }

    private mutating func fetchDocumentIndicator(_ kind: YAMLToken.Kind) throws(YAMLError) {
        unrollIndent(to: -1)
        try removeSimpleKey()
        simpleKeyAllowed = false
        let start = cursor.mark
        cursor.skip()
        cursor.skip()
        cursor.skip()
        append(kind, from: start)
    }

    private mutating func fetchFlowCollectionStart(_ kind: YAMLToken.Kind) throws(YAMLError) {
        try saveSimpleKey()
        simpleKeys.append(SimpleKey())
        flowLevel += 1
        simpleKeyAllowed = true
        fetchIndicator(kind)
    }

    private mutating func fetchFlowCollectionEnd(_ kind: YAMLToken.Kind) throws(YAMLError) {
        try removeSimpleKey()
        if flowLevel > 0 {
            flowLevel -= 1
            simpleKeys.removeLast()
        }
        simpleKeyAllowed = false
        fetchIndicator(kind)
    }

    private mutating func fetchFlowEntry() throws(YAMLError) {
        try removeSimpleKey()
        simpleKeyAllowed = true
        fetchIndicator(.flowEntry)
    }

    /// `-`; in the flow context the parser reports it, as it can point to the context.
    private mutating func fetchBlockEntry() throws(YAMLError) {
        if flowLevel == 0 {
            guard simpleKeyAllowed else {
                throw scannerError("block sequence entries are not allowed in this context")
            }
            rollIndent(to: cursor.mark.column, at: nil, .blockSequenceStart, cursor.mark)
        }
        try removeSimpleKey()
        simpleKeyAllowed = true
        fetchIndicator(.blockEntry)
    }

    /// `?`, a complex key.
    private mutating func fetchKey() throws(YAMLError) {
        if flowLevel == 0 {
            guard simpleKeyAllowed else { throw scannerError("mapping keys are not allowed in this context") }
            rollIndent(to: cursor.mark.column, at: nil, .blockMappingStart, cursor.mark)
        }
        try removeSimpleKey()
        simpleKeyAllowed = flowLevel == 0
        fetchIndicator(.key)
    }

    /// `:`: the end of a simple key (its KEY, and BLOCK-MAPPING-START if it opens a
    /// mapping, go back into the queue where it started), or the value of a complex key.
    private mutating func fetchValue() throws(YAMLError) {
        let top = simpleKeys.count - 1
        let key = simpleKeys[top]
        if key.possible {
            insert(YAMLToken(kind: .key, start: key.mark, end: key.mark), number: key.tokenNumber)
            rollIndent(to: key.mark.column, at: key.tokenNumber, .blockMappingStart, key.mark)
            simpleKeys[top].possible = false
            simpleKeyAllowed = false
        } else {
            if flowLevel == 0 {
                guard simpleKeyAllowed else { throw scannerError("mapping values are not allowed in this context") }
                rollIndent(to: cursor.mark.column, at: nil, .blockMappingStart, cursor.mark)
            }
            simpleKeyAllowed = flowLevel == 0
        }
        fetchIndicator(.value)
    }

    private mutating func fetchBlockScalar(literal: Bool) throws(YAMLError) {
        try removeSimpleKey()
        simpleKeyAllowed = true
        tokens.append(try scanBlockScalar(literal: literal))
    }

    private mutating func fetchFlowScalar(single: Bool) throws(YAMLError) {
        try saveSimpleKey()
        simpleKeyAllowed = false
        tokens.append(try scanFlowScalar(single: single))
    }

    /// A one-character indicator token.
    private mutating func fetchIndicator(_ kind: YAMLToken.Kind) {
        let start = cursor.mark
        cursor.skip()
        append(kind, from: start)
    }

    private mutating func append(_ kind: YAMLToken.Kind, from start: YAMLPosition) {
        tokens.append(YAMLToken(kind: kind, start: start, end: cursor.mark))
    }

    /// Puts a token at the place of the token numbered `number` (counted from the stream's start).
    private mutating func insert(_ token: YAMLToken, number: Int) {
        let index = min(max(head + number - tokensParsed, head), tokens.count)
        tokens.insert(token, at: index)
    }

    /// Skips blanks, comments and line breaks; a tab is no blank at the start of a block line
    /// or after an indicator that allows a simple key.
    private mutating func scanToNextToken() throws(YAMLError) {
        while true {
            if cursor.mark.column == 0 && cursor.isBOM() { cursor.skip() }
            while cursor.check(" ") || ((flowLevel > 0 || !simpleKeyAllowed) && cursor.check("\t")) {
                cursor.skip()
            }
            if cursor.check("#") {
                while !cursor.isBreakZ() { cursor.skip() }
            }
            guard cursor.isBreak() else { break }
            cursor.skipLine()
            if flowLevel == 0 { simpleKeyAllowed = true }
        }
    }

    // MARK: Simple keys and indentation

    /// A simple key is one line and under 1024 characters: forgets those that cannot be any
    /// more, failing on a required one (a block key at the indentation).
    private mutating func staleSimpleKeys() throws(YAMLError) {
        let mark = cursor.mark
        for i in simpleKeys.indices {
            let key = simpleKeys[i]
            if key.possible && (key.mark.line < mark.line || key.mark.index + 1024 < mark.index) {
                if key.required { throw scannerError("could not find expected ':'", while: "scanning a simple key") }
                simpleKeys[i].possible = false
            }
        }
    }

    private mutating func saveSimpleKey() throws(YAMLError) {
        guard simpleKeyAllowed else { return }
        let required = flowLevel == 0 && indent == cursor.mark.column
        let key = SimpleKey(possible: true, required: required, tokenNumber: tokensParsed + tokens.count - head,
                            mark: cursor.mark)
        try removeSimpleKey()
        simpleKeys[simpleKeys.count - 1] = key
    }

    private mutating func removeSimpleKey() throws(YAMLError) {
        let top = simpleKeys.count - 1
        if simpleKeys[top].possible && simpleKeys[top].required {
            throw scannerError("could not find expected ':'", while: "scanning a simple key")
        }
        simpleKeys[top].possible = false
    }

    /// In the block context, a collection starting at a deeper column opens a level: its start
    /// token goes at the end of the queue, or where the token numbered `number` is.
    private mutating func rollIndent(to column: Int, at number: Int?, _ kind: YAMLToken.Kind, _ mark: YAMLPosition) {
        guard flowLevel == 0, indent < column else { return }
        indents.append(indent)
        indent = column
        let token = YAMLToken(kind: kind, start: mark, end: mark)
        if let number { insert(token, number: number) } else { tokens.append(token) }
    }

    /// In the block context, closes (BLOCK-END) every level deeper than `column`.
    private mutating func unrollIndent(to column: Int) {
        guard flowLevel == 0 else { return }
        while indent > column {
            append(.blockEnd, from: cursor.mark)
            indent = indents.popLast() ?? -1
        }
    }

    /// A scanner error at the current place: `problem`, then what was being scanned.
    func scannerError(_ problem: String, while context: String? = nil) -> YAMLError {
        YAMLError(context.map { "\(problem) while \($0)" } ?? problem, at: cursor.mark.mark)
    }
}
