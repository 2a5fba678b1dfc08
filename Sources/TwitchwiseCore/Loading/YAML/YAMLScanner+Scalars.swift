/// The scalars: plain, quoted and block, with libyaml's folding of line breaks (one break
/// between two lines becomes a space, more breaks stay as they are), its escapes and
/// chomping. The value is built as UTF-8 bytes, as libyaml does.
extension YAMLScanner {
    /// A plain scalar: it ends at `: `, ` #`, a line less indented than the block, or (in the
    /// flow context) a flow indicator.
    mutating func scanPlainScalar() throws(YAMLError) -> YAMLToken {
        var string = takeScratch(), leadingBreak: [UInt8] = [], trailingBreaks: [UInt8] = [], whitespaces: [UInt8] = []
        var leadingBlanks = false
        let indent = self.indent + 1
        let start = cursor.mark
        var end = start
        while true {
            if cursor.isDocumentIndicator("-") || cursor.isDocumentIndicator(".") || cursor.check("#") { break }
            while !cursor.isBlankZ() {
                if flowLevel > 0 && cursor.check(":") && (YAMLCursor.isFlowIndicator(cursor.at(1)) || cursor.check("?", 1)) {
                    throw scannerError("found unexpected ':'", while: "scanning a plain scalar")
                }
                if (cursor.check(":") && cursor.isBlankZ(1)) || (flowLevel > 0 && YAMLCursor.isFlowIndicator(cursor.at())) {
                    break
                }
                if leadingBlanks {
                    fold(&leadingBreak, &trailingBreaks, into: &string)
                    leadingBlanks = false
                } else if !whitespaces.isEmpty {
                    string += whitespaces
                    whitespaces.removeAll(keepingCapacity: true)
                }
                cursor.read(into: &string)
                cursor.readRun(into: &string, stoppingAt: UInt8(ascii: ":"), flowIndicators: flowLevel > 0)
                end = cursor.mark
            }
            guard cursor.isBlank() || cursor.isBreak() else { break }
            while cursor.isBlank() || cursor.isBreak() {
                if cursor.isBlank() {
                    if leadingBlanks && cursor.mark.column < indent && cursor.isTab() {
                        throw scannerError("found a tab character that violates indentation", while: "scanning a plain scalar")
                    }
                    if leadingBlanks { cursor.skip() } else { cursor.read(into: &whitespaces) }
                } else if leadingBlanks {
                    cursor.readLine(into: &trailingBreaks)
                } else {
                    whitespaces.removeAll(keepingCapacity: true)
                    cursor.readLine(into: &leadingBreak)
                    leadingBlanks = true
                }
            }
            if flowLevel == 0 && cursor.mark.column < indent { break }
        }
        // A plain scalar that went over a line break may be followed by a simple key.
        if leadingBlanks { simpleKeyAllowed = true }
        return finishScalar(string, .plain, from: start, to: end)
    }

    /// A single-quoted scalar (`''` is a quote) or a double-quoted one (with escapes).
    mutating func scanFlowScalar(single: Bool) throws(YAMLError) -> YAMLToken {
        var string = takeScratch(), leadingBreak: [UInt8] = [], trailingBreaks: [UInt8] = [], whitespaces: [UInt8] = []
        let quote: Unicode.Scalar = single ? "'" : "\""
        let start = cursor.mark
        cursor.skip()
        while true {
            if cursor.isDocumentIndicator("-") || cursor.isDocumentIndicator(".") {
                throw scannerError("found unexpected document indicator", while: "scanning a quoted scalar")
            }
            if cursor.isZ() {
                throw scannerError("found unexpected end of stream", while: "scanning a quoted scalar")
            }
            var leadingBlanks = false
            while !cursor.isBlankZ() {
                if single && cursor.check("'") && cursor.check("'", 1) {
                    string.append(UInt8(ascii: "'"))
                    cursor.skip()
                    cursor.skip()
                } else if cursor.check(quote) {
                    break
                } else if !single && cursor.check("\\") && cursor.isBreak(1) {
                    // An escaped line break: the break and the next line's indentation go.
                    cursor.skip()
                    cursor.skipLine()
                    leadingBlanks = true
                    break
                } else if !single && cursor.check("\\") {
                    try scanEscape(into: &string)
                } else {
                    cursor.read(into: &string)
                    cursor.readRun(into: &string, stoppingAt: UInt8(ascii: quote), UInt8(ascii: "\\"))
                }
            }
            if cursor.check(quote) { break }
            while cursor.isBlank() || cursor.isBreak() {
                if cursor.isBlank() {
                    if leadingBlanks { cursor.skip() } else { cursor.read(into: &whitespaces) }
                } else if leadingBlanks {
                    cursor.readLine(into: &trailingBreaks)
                } else {
                    whitespaces.removeAll(keepingCapacity: true)
                    cursor.readLine(into: &leadingBreak)
                    leadingBlanks = true
                }
            }
            if leadingBlanks {
                fold(&leadingBreak, &trailingBreaks, into: &string)
            } else {
                string += whitespaces
                whitespaces.removeAll(keepingCapacity: true)
            }
        }
        cursor.skip()
        return finishScalar(string, single ? .singleQuoted : .doubleQuoted, from: start, to: cursor.mark)
    }

    /// An escape sequence of a double-quoted scalar, the cursor at its backslash.
    private mutating func scanEscape(into string: inout [UInt8]) throws(YAMLError) {
        var codeLength = 0
        switch cursor.at(1) {
        case UInt8(ascii: "0"): string.append(0)
        case UInt8(ascii: "a"): string.append(0x07)
        case UInt8(ascii: "b"): string.append(0x08)
        case UInt8(ascii: "t"), UInt8(ascii: "\t"): string.append(0x09)
        case UInt8(ascii: "n"): string.append(0x0A)
        case UInt8(ascii: "v"): string.append(0x0B)
        case UInt8(ascii: "f"): string.append(0x0C)
        case UInt8(ascii: "r"): string.append(0x0D)
        case UInt8(ascii: "e"): string.append(0x1B)
        case UInt8(ascii: " "): string.append(0x20)
        case UInt8(ascii: "\""): string.append(UInt8(ascii: "\""))
        case UInt8(ascii: "/"): string.append(UInt8(ascii: "/"))
        case UInt8(ascii: "\\"): string.append(UInt8(ascii: "\\"))
        case UInt8(ascii: "N"): string += [0xC2, 0x85]
        case UInt8(ascii: "_"): string += [0xC2, 0xA0]
        case UInt8(ascii: "L"): string += [0xE2, 0x80, 0xA8]
        case UInt8(ascii: "P"): string += [0xE2, 0x80, 0xA9]
        case UInt8(ascii: "x"): codeLength = 2
        case UInt8(ascii: "u"): codeLength = 4
        case UInt8(ascii: "U"): codeLength = 8
        default: throw scannerError("found unknown escape character", while: "parsing a quoted scalar")
        }
        cursor.skip()
        cursor.skip()
        guard codeLength > 0 else { return }
        var value: UInt32 = 0
        for k in 0..<codeLength {
            guard let digit = cursor.hexDigit(k) else {
                throw scannerError("did not find expected hexdecimal number", while: "parsing a quoted scalar")
            }
            value = value << 4 + digit
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw scannerError("found invalid Unicode character escape code", while: "parsing a quoted scalar")
        }
        UTF8.encode(scalar) { string.append($0) }
        for _ in 0..<codeLength { cursor.skip() }
    }

    /// The scratch buffer, empty, to build a scalar in.
    private mutating func takeScratch() -> [UInt8] {
        var buffer: [UInt8] = []
        swap(&buffer, &scratch)
        buffer.removeAll(keepingCapacity: true)
        return buffer
    }

    /// The scalar's token; its buffer goes back for the next scalar.
    private mutating func finishScalar(_ bytes: [UInt8], _ style: YAMLScalar.Style, from start: YAMLPosition,
                                       to end: YAMLPosition) -> YAMLToken {
        let token = scalarToken(bytes, style, from: start, to: end)
        scratch = bytes
        return token
    }

    /// Joins the line breaks met between two pieces of a plain or quoted scalar: a single LF
    /// becomes a space, and goes when more breaks follow; LS and PS stay.
    private func fold(_ leadingBreak: inout [UInt8], _ trailingBreaks: inout [UInt8], into string: inout [UInt8]) {
        if leadingBreak.first == 0x0A {
            if trailingBreaks.isEmpty { string.append(0x20) } else { string += trailingBreaks }
        } else {
            string += leadingBreak
            string += trailingBreaks
        }
        leadingBreak.removeAll(keepingCapacity: true)
        trailingBreaks.removeAll(keepingCapacity: true)
    }

    /// A literal (`|`) or folded (`>`) block scalar, with its chomping (`-` strips the final
    /// line breaks, `+` keeps them all) and indentation indicators.
    mutating func scanBlockScalar(literal: Bool) throws(YAMLError) -> YAMLToken {
        let start = cursor.mark
        cursor.skip()
        // The header: a chomping indicator and an indentation indicator, in either order.
        var chomping = 0
        var increment = 0
        func scanChomping() {
            if cursor.check("+") || cursor.check("-") {
                chomping = cursor.check("+") ? 1 : -1
                cursor.skip()
            }
        }
        func scanIncrement() throws(YAMLError) {
            guard cursor.isDigit() else { return }
            if cursor.check("0") {
                throw scannerError("found an indentation indicator equal to 0", while: "scanning a block scalar")
            }
            increment = Int(cursor.at() - UInt8(ascii: "0"))
            cursor.skip()
        }
        if cursor.check("+") || cursor.check("-") {
            scanChomping()
            try scanIncrement()
        } else if cursor.isDigit() {
            try scanIncrement()
            scanChomping()
        }
        while cursor.isBlank() { cursor.skip() }
        if cursor.check("#") {
            while !cursor.isBreakZ() { cursor.skip() }
        }
        guard cursor.isBreakZ() else {
            throw scannerError("did not find expected comment or line break", while: "scanning a block scalar")
        }
        cursor.skipLine()
        var end = cursor.mark

        var indent = increment == 0 ? 0 : max(self.indent, 0) + increment
        var string = takeScratch(), leadingBreak: [UInt8] = [], trailingBreaks: [UInt8] = []
        try scanBlockScalarBreaks(indent: &indent, breaks: &trailingBreaks, end: &end)
        var leadingBlank = false
        while cursor.mark.column == indent && !cursor.isZ() {
            // A non-empty line at the indentation.
            let trailingBlank = cursor.isBlank()
            if !literal && leadingBreak.first == 0x0A && !leadingBlank && !trailingBlank {
                if trailingBreaks.isEmpty { string.append(0x20) }
            } else {
                string += leadingBreak
            }
            leadingBreak.removeAll(keepingCapacity: true)
            string += trailingBreaks
            trailingBreaks.removeAll(keepingCapacity: true)
            leadingBlank = cursor.isBlank()
            cursor.readToLineEnd(into: &string)
            cursor.readLine(into: &leadingBreak)
            try scanBlockScalarBreaks(indent: &indent, breaks: &trailingBreaks, end: &end)
        }
        if chomping != -1 { string += leadingBreak }
        if chomping == 1 { string += trailingBreaks }
        return finishScalar(string, literal ? .literal : .folded, from: start, to: end)
    }

    /// Eats the indentation and the empty lines before a block scalar's next line, and finds
    /// the indentation from the first non-empty line when no indicator gave it.
    private mutating func scanBlockScalarBreaks(indent: inout Int, breaks: inout [UInt8], end: inout YAMLPosition)
        throws(YAMLError)
    {
        var maxIndent = 0
        end = cursor.mark
        while true {
            while (indent == 0 || cursor.mark.column < indent) && cursor.isSpace() { cursor.skip() }
            maxIndent = max(maxIndent, cursor.mark.column)
            if (indent == 0 || cursor.mark.column < indent) && cursor.isTab() {
                throw scannerError("found a tab character where an indentation space is expected",
                                   while: "scanning a block scalar")
            }
            guard cursor.isBreak() else { break }
            cursor.readLine(into: &breaks)
            end = cursor.mark
        }
        if indent == 0 { indent = max(maxIndent, self.indent + 1, 1) }
    }
}
