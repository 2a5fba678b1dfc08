import Foundation
import Testing
@testable import TwitchwiseProtocol

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
