import Foundation
import Testing
import TwitchwiseContent
@testable import TwitchwiseCore
import TwitchwiseTestSupport

/// `StringIndex` finds exactly what a `Dictionary` of the same keys (first position kept) finds,
/// with `String`'s equality: canonically equivalent spellings are the same key.
struct StringIndexTests {
    func check(keys: [String], queries: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let index = StringIndex(keys)
        let dictionary = Dictionary(keys.enumerated().map { ($0.element, Int32($0.offset)) }, uniquingKeysWith: { a, _ in a })
        #expect(index.hasDuplicates == (dictionary.count < keys.count), sourceLocation: sourceLocation)
        for query in queries + keys {
            #expect(index[query] == dictionary[query], "\(query.debugDescription)", sourceLocation: sourceLocation)
        }
    }

    @Test func findsWhatADictionaryFinds() {
        var random = SeededGenerator(state: 11)
        let alphabet = ["a", "b", "c", "e", "é", "e\u{301}", "ß", "k", "\u{212A}", "K", "ñ", ";", "\u{37E}", "`", "\u{1FEF}", "n\u{303}", "🧠", " ", ""]
        for size in [0, 1, 2, 7, 8, 9, 100, 1_000] {
            let keys = (0..<size).map { _ in random.text(from: alphabet, length: 6) }
            let queries = (0..<500).map { _ in random.text(from: alphabet, length: 6) }
            check(keys: keys, queries: queries)
        }
    }

    @Test func equivalentSpellingsAreOneKey() {
        // Composed and decomposed é; the Kelvin sign is canonically a K.
        check(keys: ["caf\u{E9}", "kelvin", "K"], queries: ["cafe\u{301}", "cafe", "\u{212A}", "k", "Kelvin"])
        let index = StringIndex(["cafe\u{301}", "caf\u{E9}"])
        #expect(index.hasDuplicates)
        #expect(index["caf\u{E9}"] == 0)
        #expect(index["\u{212A}"] == nil)
        #expect(StringIndex(["K"])["\u{212A}"] == 0)
    }

    /// `StringIndex.hash` hashes a key that equals an ASCII string as that string, knowing the
    /// scalars outside ASCII whose canonical decomposition is ASCII: exactly these three.
    @Test func theScalarsThatAreASCIICanonicallyAreTheThreeTheHashKnows() {
        var found: [UInt32] = []
        for value in 0x80...0x2FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if String(scalar).decomposedStringWithCanonicalMapping.utf8.allSatisfy({ $0 < 0x80 }) { found.append(UInt32(value)) }
        }
        #expect(found == [0x37E, 0x1FEF, 0x212A])
        for (scalar, ascii) in [("\u{37E}", ";"), ("\u{1FEF}", "`"), ("\u{212A}", "K")] {
            #expect(StringIndex.hash("a" + scalar + "b") == StringIndex.hash("a" + ascii + "b"))
        }
    }

    @Test(arguments: ["files", "snapshot"])
    func theRealTablesLookUpEveryKey(_ source: String) throws {
        let engine = source == "files" ? Fixture.engine : try ContentSnapshot.decodeEngine(EmbeddedContent.snapshot).0
        let analyzer = engine.matcher.analyzer
        for (position, word) in analyzer.entryWords.keys.enumerated() { #expect(analyzer.entryWords[word] == Int32(position)) }
        for (position, stem) in analyzer.stemIDs.keys.enumerated() { #expect(analyzer.stemIDs[stem] == Int32(position)) }
        for (position, name) in engine.matcher.featureNameList.enumerated() { #expect(engine.matcher.featureIDs[name] == Int32(position)) }
        #expect(analyzer.entryWords["no-such-word-in-the-content"] == nil)
    }
}
