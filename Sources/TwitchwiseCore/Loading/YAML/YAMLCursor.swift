/// A position while scanning, 0-based like libyaml's mark. `index` counts characters
/// (a CR LF as two), for the 1024-character limit of a simple key.
struct YAMLPosition {
    var index = 0
    var line = 0
    var column = 0

    var mark: YAMLMark { YAMLMark(line: line + 1, column: column + 1) }
}

/// The text as libyaml's reader hands it to the scanner: UTF-8 bytes ending in a NUL, the
/// current place in them and its mark. The checks look at bytes like libyaml's macros do
/// (`check(":", 1)` is `CHECK_AT(buffer, ':', 1)`); moving on counts a character per column.
struct YAMLCursor {
    private let bytes: [UInt8]
    private var pointer = 0
    private(set) var mark = YAMLPosition()

    /// Fails, like libyaml's reader, on a character YAML does not allow in a text.
    init(_ text: String) throws(YAMLError) {
        var bytes = Array(text.utf8)
        bytes.append(0)
        self.bytes = bytes
        if let offset = firstControlCharacter() {
            throw YAMLError("control characters are not allowed", at: position(ofByte: offset).mark)
        }
    }

    // MARK: Looking

    /// The byte `offset` bytes ahead; NUL past the end.
    func at(_ offset: Int = 0) -> UInt8 {
        let i = pointer + offset
        return i < bytes.count ? bytes[i] : 0
    }

    func check(_ character: Unicode.Scalar, _ offset: Int = 0) -> Bool { at(offset) == UInt8(ascii: character) }

    func isZ(_ offset: Int = 0) -> Bool { at(offset) == 0 }
    func isSpace(_ offset: Int = 0) -> Bool { check(" ", offset) }
    func isTab(_ offset: Int = 0) -> Bool { check("\t", offset) }
    func isBlank(_ offset: Int = 0) -> Bool { isSpace(offset) || isTab(offset) }
    func isDigit() -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(at()) }
    func isBOM() -> Bool { at() == 0xEF && at(1) == 0xBB && at(2) == 0xBF }

    /// CR, LF, NEL, LS or PS.
    func isBreak(_ offset: Int = 0) -> Bool {
        switch at(offset) {
        case 0x0D, 0x0A: true
        case 0xC2: at(offset + 1) == 0x85
        case 0xE2: at(offset + 1) == 0x80 && (at(offset + 2) == 0xA8 || at(offset + 2) == 0xA9)
        default: false
        }
    }

    func isBreakZ(_ offset: Int = 0) -> Bool { isBreak(offset) || isZ(offset) }
    func isBlankZ(_ offset: Int = 0) -> Bool { isBlank(offset) || isBreakZ(offset) }

    /// The value of a hexadecimal digit `offset` bytes ahead, nil if it is not one.
    func hexDigit(_ offset: Int) -> UInt32? {
        let byte = at(offset)
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// `---` or `...` (the given character three times) at the start of a line, then a blank,
    /// a break or the end.
    func isDocumentIndicator(_ character: Unicode.Scalar) -> Bool {
        mark.column == 0 && check(character) && check(character, 1) && check(character, 2) && isBlankZ(3)
    }

    // MARK: Moving

    /// The length in bytes of the character here.
    private var width: Int {
        switch at() {
        case 0xF0...: 4
        case 0xE0...: 3
        case 0xC0...: 2
        default: 1
        }
    }

    /// Moves past one character on the line (libyaml's SKIP).
    mutating func skip() {
        pointer += width
        mark.index += 1
        mark.column += 1
    }

    /// Moves past a line break, CR LF counting as one (libyaml's SKIP_LINE).
    mutating func skipLine() {
        if check("\r") && check("\n", 1) {
            pointer += 2
            mark.index += 2
        } else if isBreak() {
            pointer += width
            mark.index += 1
        } else {
            return
        }
        mark.column = 0
        mark.line += 1
    }

    /// Copies the character here into `string` and moves past it (libyaml's READ).
    mutating func read(into string: inout [UInt8]) {
        for k in 0..<width { string.append(at(k)) }
        skip()
    }

    /// Reads on while the characters are ones a scalar's loop would only copy: no blank,
    /// break or end, not `stop` nor `alsoStop`, no flow indicator when asked, nothing that may
    /// start a break (the lead bytes of NEL, LS and PS). The rest, the loop reads one by one.
    mutating func readRun(into string: inout [UInt8], stoppingAt stop: UInt8, _ alsoStop: UInt8 = 0,
                          flowIndicators: Bool = false) {
        let start = pointer
        var characters = 0
        while pointer < bytes.count {
            let byte = bytes[pointer]
            if byte <= 0x20 || byte == 0xC2 || byte == 0xE2 || byte == stop || byte == alsoStop { break }
            if flowIndicators && Self.isFlowIndicator(byte) { break }
            if byte & 0xC0 != 0x80 { characters += 1 }
            pointer += 1
        }
        string.append(contentsOf: bytes[start..<pointer])
        mark.index += characters
        mark.column += characters
    }

    /// `,`, `[`, `]`, `{` or `}`.
    static func isFlowIndicator(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"): true
        default: false
        }
    }

    /// Reads the rest of the line, up to its break or the end.
    mutating func readToLineEnd(into string: inout [UInt8]) {
        let start = pointer
        var characters = 0
        while !isBreakZ() {
            if bytes[pointer] & 0xC0 != 0x80 { characters += 1 }
            pointer += 1
        }
        string.append(contentsOf: bytes[start..<pointer])
        mark.index += characters
        mark.column += characters
    }

    /// Copies a line break into `string` as LF (LS and PS as themselves) and moves past it
    /// (libyaml's READ_LINE).
    mutating func readLine(into string: inout [UInt8]) {
        guard isBreak() else { return }
        if at() == 0xE2 {
            string.append(contentsOf: [at(), at(1), at(2)])
        } else {
            string.append(0x0A)
        }
        skipLine()
    }

    /// The end of the text as the place of the stream's end: the start of the line after the
    /// last, unless the text ends with a line break.
    mutating func forceNewLine() {
        if mark.column != 0 {
            mark.column = 0
            mark.line += 1
        }
    }

    // MARK: The reader's check

    /// The offset of the first character outside YAML's printable set (libyaml's reader:
    /// tab, LF, CR, #x20-#x7E, NEL, #xA0-#xD7FF, #xE000-#xFFFD and above #xFFFF).
    private func firstControlCharacter() -> Int? {
        let end = bytes.count - 1
        var i = 0
        while i < end {
            let byte = bytes[i]
            switch byte {
            case 0x09, 0x0A, 0x0D: break
            case ..<0x20, 0x7F: return i
            case 0xC2 where i + 1 < end && (0x80...0x9F).contains(bytes[i + 1]) && bytes[i + 1] != 0x85: return i
            case 0xEF where i + 2 < end && bytes[i + 1] == 0xBF && bytes[i + 2] >= 0xBE: return i
            default: break
            }
            i += 1
        }
        return nil
    }

    /// The position of a byte offset, counting lines and columns as the scanner does.
    private func position(ofByte offset: Int) -> YAMLPosition {
        var cursor = self
        cursor.pointer = 0
        cursor.mark = YAMLPosition()
        while cursor.pointer < offset {
            if cursor.isBreak() { cursor.skipLine() } else { cursor.skip() }
        }
        return cursor.mark
    }
}

