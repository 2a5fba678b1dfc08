import Foundation
import Testing
import TwitchwiseContent
@testable import TwitchwiseCore
import TwitchwiseContentLoading
import TwitchwiseLoader
import TwitchwiseProtocol

/// The build-time snapshot of the content (issue 8): it must decode to exactly
/// what the loader makes of the embedded files, and damage must be an error.
@Suite struct ContentSnapshotTests {
    static let files = EmbeddedContent.files.map { ContentFile(path: $0.path, text: $0.text) }

    @Test func embeddedSnapshotDecodesToWhatTheLoaderGives() throws {
        let (loaded, loadWarnings) = try ContentLoader.load(Self.files)
        let (decoded, warnings) = try ContentSnapshot.decode(EmbeddedContent.snapshot)
        #expect(warnings == loadWarnings)
        // Field by field first, so a difference says where it is.
        #expect(decoded.documents == loaded.documents)
        #expect(decoded.lexicon.concepts == loaded.lexicon.concepts)
        #expect(decoded.lexicon.variants == loaded.lexicon.variants)
        #expect(decoded.lexicon.stopwords == loaded.lexicon.stopwords)
        #expect(decoded.lexicon.knownWords == loaded.lexicon.knownWords)
        #expect(decoded.intents == loaded.intents)
        #expect(decoded.responses == loaded.responses)
        #expect(decoded.triage == loaded.triage)
        #expect(decoded.system == loaded.system)
        #expect(decoded.negators == loaded.negators)
        #expect(decoded.pastMarkers == loaded.pastMarkers)
        #expect(decoded == loaded)
        // With the string table the build wrote as literals (what start-up uses), the same.
        #expect(EmbeddedContent.strings == (try ContentSnapshot.strings(of: EmbeddedContent.snapshot)))
        let (fromLiterals, literalWarnings) = try ContentSnapshot.decode(EmbeddedContent.snapshot, strings: EmbeddedContent.strings)
        #expect(fromLiterals == loaded)
        #expect(literalWarnings == loadWarnings)
    }

    /// A string table of another size than the snapshot's is an error, not wrong content.
    @Test func aStringTableOfAnotherSizeIsAnError() {
        let strings = EmbeddedContent.strings
        for wrong in [Array(strings.dropLast()), strings + ["extra"], []] {
            #expect(throws: ContentSnapshot.DecodingError.self) {
                try ContentSnapshot.decodeEngine(EmbeddedContent.snapshot, strings: wrong)
            }
        }
    }

    /// The same content gives the same snapshot, matcher tables included (whatever the hash
    /// seed), and what is read back writes the same snapshot again: every table round-trips.
    @Test func encodingIsStable() throws {
        let (content, warnings) = try ContentLoader.load(Self.files)
        let snapshot = ContentSnapshot.encode(content, warnings: warnings, engine: Engine(content: content))
        #expect(snapshot == EmbeddedContent.snapshot, "the same content gives the same snapshot")
        let (decoded, decodedWarnings) = try ContentSnapshot.decode(snapshot)
        let (engine, engineWarnings) = try ContentSnapshot.decodeEngine(snapshot)
        #expect(decodedWarnings == engineWarnings)
        #expect(ContentSnapshot.encode(decoded, warnings: decodedWarnings, engine: engine) == snapshot)
        #expect(ContentSnapshot.encode(decoded, warnings: decodedWarnings).count < snapshot.count, "the tables are there")
    }

    /// An engine read from the snapshot answers every example, question and a few
    /// conversations exactly as one built from the loaded files, explanations included.
    @Test func engineFromTheSnapshotAnswersAsOneBuiltFromTheFiles() throws {
        let (built, _) = try ContentSource.embedded.loadFiles()
        let (read, _) = try ContentSource.embedded.engine(options: EngineOptions())
        var lines = built.intents.flatMap { $0.examples.map(\.text) + [$0.question] }
        lines += ["why does my eye twitch", "what about at night?", "hello", "wat causes twiching in my eyelid",
                  "what is the best way to fix a flat bicycle tyre", "my face droops and my arm is weak",
                  "My calf has twitched for weeks. I run a lot. Should I worry, and what could cause it?"]
        var fresh = ProtocolHandler(engine: Engine(content: built))
        var snapshot = ProtocolHandler(engine: read)
        for (n, text) in lines.enumerated() {
            let request = JSONWriter.string(.object([.init("session", .string("s\(n % 5)")), .init("text", .string(text)),
                                                     .init("explain", .bool(true))]))
            let expected = JSONWriter.string(fresh.handle(line: Array(request.utf8)))
            #expect(JSONWriter.string(snapshot.handle(line: Array(request.utf8))) == expected, "\(text)")
        }
    }

    @Test func embeddedSourceUsesTheSnapshotAndAgreesWithTheFiles() throws {
        #expect(try ContentSnapshot.decodeEngine(EmbeddedContent.snapshot).0.matcher.featureIDs.count > 100, "the tables were read")
        #expect(try ContentSnapshot.decodeEngine(EmbeddedContent.snapshot).0.matcher.powers == Matcher.powerTables())
        let (fromSnapshot, warnings) = try ContentSource.embedded.load()
        let (fromFiles, fileWarnings) = try ContentSource.embedded.loadFiles()
        #expect(fromSnapshot == fromFiles)
        #expect(warnings == fileWarnings)
    }

    @Test func locationsAndWarningsSurvive() throws {
        let warning = Diagnostic(.warning, "a warning with a hint", at: SourceLocation(file: "Intents/x.yaml", line: 3, column: 7),
                                 hint: "a hint: with \"quotes\", commas, 12, and ünïcödé ⚠")
        let (content, _) = try ContentLoader.load(Self.files)
        let (_, warnings) = try ContentSnapshot.decode(ContentSnapshot.encode(content, warnings: [warning]))
        #expect(warnings == [warning])
        let (decoded, _) = try ContentSnapshot.decode(EmbeddedContent.snapshot)
        #expect(decoded.intents.first?.location == content.intents.first?.location)
        #expect(decoded.intents.flatMap(\.examples).map(\.location) == content.intents.flatMap(\.examples).map(\.location))
    }

    // MARK: Damage

    /// Why `snapshot` does not decode, as content or as an engine (which reads the matcher's
    /// tables too, so damage there must be an error as well), or nil.
    static func decodeError(_ snapshot: String) -> ContentSnapshot.DecodingError? {
        let engineError: ContentSnapshot.DecodingError?
        do {
            _ = try ContentSnapshot.decodeEngine(snapshot)
            engineError = nil
        } catch {
            engineError = error
        }
        do {
            _ = try ContentSnapshot.decode(snapshot)
            return engineError
        } catch {
            return error
        }
    }

    /// A snapshot's first bytes, then `ints` as the snapshot writes them, then `tail`.
    static func crafted(_ ints: [Int], tail: String = "") -> String {
        var writer = SnapshotWriter()
        for n in ints { writer.write(n) }
        return ContentSnapshot.magic + String(decoding: writer.bytes, as: UTF8.self) + tail
    }

    @Test func integersRoundTrip() throws {
        let values = [0, 1, -1, 15, -16, 16, 31, 32, 1023, 1024, -1025, 3201, Int(Int32.max), Int.max, Int.min,
                      Int(Int64(bitPattern: 1.5.bitPattern)), Int(Int64(bitPattern: (-2.25).bitPattern))]
        var writer = SnapshotWriter()
        for n in values { writer.write(n) }
        #expect(writer.bytes.allSatisfy { $0 >= 0x40 && $0 < 0x80 }, "printable ASCII (and DEL) only")
        #expect(writer.bytes.count < values.count * 13 + 1)
        let decoded = try writer.bytes.withUnsafeBufferPointer { buffer in
            var reader = SnapshotReader(bytes: buffer)
            return try values.map { _ in try reader.int() }
        }
        #expect(decoded == values)
    }

    @Test func truncatedSnapshotsAreErrors() {
        let bytes = Array(EmbeddedContent.snapshot.utf8)
        // Every cut near both ends, and a spread of cuts in between.
        let cuts = Array(0..<64) + Array(stride(from: 64, to: bytes.count, by: max(1, bytes.count / 300)))
            + Array(max(0, bytes.count - 64)..<bytes.count)
        for cut in cuts {
            let text = String(decoding: bytes[..<cut], as: UTF8.self)
            #expect(Self.decodeError(text) != nil, "a snapshot cut at byte \(cut) of \(bytes.count) decodes")
        }
    }

    @Test func damagedSnapshotsAreErrorsNotCrashes() {
        let snapshot = EmbeddedContent.snapshot
        let magic = ContentSnapshot.magic
        #expect(Self.decodeError("") != nil)
        #expect(Self.decodeError("not a snapshot") != nil)
        #expect(Self.decodeError(Self.crafted([999])) != nil, "another format version")
        #expect(Self.decodeError(snapshot + "x")?.message == "bytes after the end mark")
        #expect(Self.decodeError(Self.crafted([ContentSnapshot.formatVersion, Int.max])) != nil, "a huge count")
        #expect(Self.decodeError(Self.crafted([ContentSnapshot.formatVersion, -1])) != nil, "a negative count")
        #expect(Self.decodeError(Self.crafted([ContentSnapshot.formatVersion, 1, 3], tail: "\u{FFFF}")) != nil)
        #expect(Self.decodeError(Self.crafted([ContentSnapshot.formatVersion, 1, 1], tail: "\u{E9}")) != nil,
                "a string cut inside a character")
        #expect(Self.decodeError(magic + String(repeating: "`", count: 20) + "@") != nil, "a number too large")
        #expect(Self.decodeError(Self.crafted([ContentSnapshot.formatVersion, 0, 0, 0, 0, 1, 7])) != nil,
                "a string index beyond the table")
        // Overwrite bytes all over: decoding may succeed (a changed letter) or fail, but must return.
        var bytes = Array(snapshot.utf8)
        var seed: UInt64 = 8
        for _ in 0..<300 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let at = Int(seed >> 33) % bytes.count
            let saved = bytes[at]
            bytes[at] = [UInt8(ascii: "9"), UInt8(ascii: ","), UInt8(ascii: "-"), 0xFF, UInt8(ascii: "a")][Int(seed >> 20) % 5]
            _ = Self.decodeError(String(decoding: bytes, as: UTF8.self))
            bytes[at] = saved
        }
    }

    // MARK: Known words

    /// The words of known-words.txt, read the way the loader's documentation says.
    static let listedWords: Set<String> = {
        let text = EmbeddedContent.files.first { $0.path == ContentLoader.knownWordsPath }?.text ?? ""
        return Set(text.split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { String($0).trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty })
    }()

    @Test func knownWordsAgreeWithTheWordList() throws {
        let (content, _) = try ContentSnapshot.decode(EmbeddedContent.snapshot)
        let known = content.lexicon.knownWords
        #expect(Self.listedWords.count > 10_000)
        #expect(known.isSortedAndUnique)
        let all = Set(known)
        #expect(Self.listedWords.isSubset(of: all))
        #expect(known.count == all.count)
        for word in Self.listedWords { #expect(known.contains(word), "\(word)") }
        for word in Self.listedWords.prefix(2000) {
            for other in [word + "q", "q" + word, String(word.dropLast()) + "\u{E9}", word.uppercased()]
            where !all.contains(other) {
                #expect(!known.contains(other), "\(other)")
            }
        }
        #expect(!known.contains(""))
    }

    @Test func knownWordsMeanWhatASetMeans() {
        let words = ["zebra", "caf\u{E9}", "na\u{EF}ve", "apple", "apple", "stra\u{DF}e", "\u{1F600}", "a", "ab"]
        let known = KnownWords(words)
        let set = Set(words)
        #expect(known.count == set.count)
        #expect(known.isSortedAndUnique)
        let probes = words + ["cafe\u{301}", "cafe", "naive", "b", "", "aa", "abc", "zebras", "\u{1F601}", "Apple", "zz"]
        for probe in probes { #expect(known.contains(probe) == set.contains(probe), "\(probe)") }
        #expect(KnownWords([]).contains("a") == false)
        let empty: KnownWords = []
        #expect(empty.isEmpty && Array(empty).isEmpty)
        #expect(Set(KnownWords(Self.listedWords)) == Self.listedWords)
    }
}
