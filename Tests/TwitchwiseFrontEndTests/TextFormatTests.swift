import Foundation
import Testing
@testable import TwitchwiseContentLoading
@testable import TwitchwiseProtocol
@testable import TwitchwiseTerminal
@testable import TwitchwiseAuthoring

/// The report columns and the path helpers that replaced Foundation's (issue 8), checked
/// against Foundation itself.
struct TextFormatTests {
    @Test func columnsAreWhatPrintfWrote() {
        for value in [0, 0.05, 0.25, 0.3333, 0.875, 0.9995, 1, 12.345, 100] as [Double] {
            #expect(TextFormat.fixed(value, 1) == String(format: "%.1f", value))
            #expect(TextFormat.fixed(value, 4) == String(format: "%.4f", value))
            #expect(TextFormat.right(TextFormat.fixed(value * 100, 1), 5) == String(format: "%5.1f", value * 100))
        }
        for n in [0, 7, 42, 1234, 98765] {
            #expect(TextFormat.right(String(n), 4) == String(format: "%4d", n))
            #expect(TextFormat.left(String(n), 4) == String(format: "%-4d", n))
        }
        for value in [0, 1, 0x1F, 0x7F, 0xAB] as [UInt32] {
            #expect(TextFormat.hex(value, digits: 2) == String(format: "%02X", value))
        }
    }

    @Test func pathsJoinAndSplitAsNSStringDid() {
        // Paths as the test runner makes them. (swift-corelibs-foundation traps on the parent of
        // "a" or "a/", so those are checked by value below.)
        let paths = ["", "/", "/a", "/a/", "/a/b", "a/b/c", "./a", "../a", "a/./b", "a/../b", "/a/../../b", "/..",
                     "a/b/../..", "x/.."]
        for path in paths {
            #expect(Path.parent(path) == (path as NSString).deletingLastPathComponent, "\(path)")
            for name in ["c", "c.yaml", "Conversations"] {
                #expect(Path.join(path, name) == (path as NSString).appendingPathComponent(name), "\(path) + \(name)")
            }
            // Lexical: the paths here name nothing on disk, so NSString has no link to follow.
            let full = "/nonexistent-root/" + path
            #expect(Path.standardized(full) == (full as NSString).standardizingPath, "\(path)")
        }
        #expect(Path.parent("a") == "")
        #expect(Path.parent("a/") == "")
        #expect(Path.parent("a//b") == "a")
        #expect(Path.parent("/a/b//") == "/a")
        #expect(Path.join("a/", "b") == "a/b")
    }
}

/// Plain-text output drops control characters; its byte-level check for whether there are any
/// (so that clean answers are returned as they are) must agree with the characters themselves.
struct PlainTextSanitizeTests {
    /// `sanitize` as it is defined: every scalar but C0/C1 controls and DEL, newlines and tabs kept.
    func reference(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.filter {
            $0 == "\n" || $0 == "\t" || !($0.value < 0x20 || (0x7F...0x9F).contains($0.value))
        }))
    }

    @Test func dropsControlsAndKeepsEverythingElse() {
        let texts = ["plain answer", "two\nlines\tand a tab", "\u{1B}[31mred\u{1B}[0m", "bell\u{07}", "del\u{7F}",
                     "c1 \u{85} next line, \u{9B}CSI and \u{9F}", "\u{A0}no-break space and \u{C2}\u{A9} sign", "émoji 🧠 ok",
                     "\u{C0}\u{80}", "nul \u{0} inside", "\r\n windows", ""]
        for text in texts {
            #expect(PlainText.sanitize(text) == reference(text), "\(Array(text.unicodeScalars))")
        }
        // Every scalar from U+0000 to U+02FF, alone and between letters.
        for value in UInt32(0)...0x2FF {
            let scalar = Unicode.Scalar(value)!
            let text = "a" + String(Character(scalar)) + "b"
            #expect(PlainText.sanitize(text) == reference(text), "U+\(String(value, radix: 16))")
        }
    }
}

/// The JSON writer escapes strings from their bytes, copying runs that need no escape; it must
/// write exactly what escaping one scalar at a time writes (the protocol's contract).
struct JSONStringEscapeTests {
    func expectSame(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        var fast: [UInt8] = [], reference: [UInt8] = []
        JSONWriter.writeString(text, into: &fast)
        JSONWriter.writeStringByScalars(text, into: &reference)
        #expect(fast == reference, "\(Array(text.unicodeScalars))", sourceLocation: sourceLocation)
    }

    @Test func everyScalarOfTheFirstPagesAndTheLineSeparators() {
        for value in Array(UInt32(0)...0x7FF) + Array(0x2000...0x202F) + [0xFEFF, 0xFFFD, 0x1F600] {
            let scalar = Unicode.Scalar(value)!
            for text in [String(scalar), "a" + String(scalar) + "b", String(scalar) + String(scalar)] { expectSame(text) }
        }
    }

    @Test func generatedTexts() {
        let pieces = ["plain words ", "\"", "\\", "\n", "\r\n", "\t", "\u{0}", "\u{1B}[31m", "\u{7F}", "\u{85}", "\u{9F}", "\u{A0}",
                      "é", "e\u{301}", "\u{2028}", "\u{2029}", "\u{2027}", "\u{202A}", "🧠", "日本", "{\"a\":1}", ""]
        var state: UInt64 = 5
        for _ in 0..<3_000 {
            var text = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for k in 0..<Int(state >> 60) { text += pieces[Int((state >> UInt64(4 * (k % 14))) % UInt64(pieces.count))] }
            expectSame(text)
        }
        expectSame(String(repeating: "a long answer without any escape. ", count: 200))
    }
}

/// The writer puts the commas in as values are written one by one (a reply is written that way,
/// without a tree): whatever the nesting, the text reads back as the value written.
struct JSONWriterTests {
    /// A value of up to `depth` levels, empty arrays and objects included.
    func generate(_ state: inout UInt64, depth: Int) -> JSON {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let pick = Int(state >> 59) % (depth > 0 ? 7 : 5)
        let count = Int(state >> 40) % 4
        switch pick {
        case 0: return .null
        case 1: return .bool(state & 1 == 0)
        case 2: return .number(String(Int(state >> 50) - 300))
        case 3: return .string(["", "a", "line\nbreak", "quote \"q\"", "é"][Int(state >> 20) % 5])
        case 4: return .string("k\(count)")
        case 5: return .array((0..<count).map { _ in generate(&state, depth: depth - 1) })
        default: return .object((0..<count).map { k in .init("m\(k)", generate(&state, depth: depth - 1)) })
        }
    }

    @Test func nestedValuesReadBack() throws {
        var state: UInt64 = 11
        for _ in 0..<2_000 {
            let value = generate(&state, depth: 4)
            var writer = JSONWriter()
            writer.beginArray()
            writer.value(value)
            writer.value(value)
            writer.endArray()
            #expect(try JSONParser.parse(writer.bytes) == .array([value, value]), "\(JSONWriter.string(value))")
        }
    }

    @Test func membersWrittenOneByOne() throws {
        var writer = JSONWriter()
        writer.beginObject()
        writer.key("a")
        writer.beginArray()
        writer.endArray()
        writer.key("b")
        writer.strings(["x", "y"])
        writer.key("c")
        writer.string(orNull: nil)
        writer.key("d")
        writer.beginObject()
        writer.key("e")
        writer.bool(false)
        writer.endObject()
        writer.endObject()
        writer.endLine()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"a":[],"b":["x","y"],"c":null,"d":{"e":false}}"# + "\n")
        writer.removeAll()
        writer.number("1")
        #expect(writer.bytes == Array("1".utf8), "a new line starts without a comma")
    }
}
