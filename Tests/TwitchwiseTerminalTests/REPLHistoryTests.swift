import Foundation
import Testing
@testable import TwitchwiseTerminal

@Suite struct REPLHistoryTests {
    func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "twitchwise-history-\(UUID().uuidString)"
        return path
    }

    @Test func defaultPathFollowsXDG() {
        #expect(HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/twitchwise/history")
        #expect(HistoryFile.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/state/twitchwise/history")
        #expect(HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "", "HOME": "/h/"]) == "/h/.local/state/twitchwise/history")
        #expect(HistoryFile.defaultPath(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"]) == "/h/.local/state/twitchwise/history")
        #expect(HistoryFile.defaultPath(environment: [:]) == nil)
    }

    @Test func prepareCreatesThePrivateFolderAndFile() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = HistoryFile(path: folder + "/state/twitchwise/history")
        try file.prepare()
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let folderAttributes = try FileManager.default.attributesOfItem(atPath: folder + "/state/twitchwise")
        #expect((folderAttributes[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        #expect(file.load().isEmpty)
    }

    @Test func entriesSurviveAndStayBounded() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = HistoryFile(path: folder + "/history", limit: 10)
        try file.prepare()
        for i in 1...25 { #expect(file.append("question \(i)")) }
        #expect(file.load() == (16...25).map { "question \($0)" }, "loading keeps only the last entries")
        try file.trim()
        let text = try String(contentsOfFile: file.path, encoding: .utf8)
        #expect(text == (16...25).map { "question \($0)\n" }.joined(), "the file is cut back to the limit")
        #expect(HistoryFile(path: file.path, limit: 10).load().count == 10)
    }

    @Test func anEntryIsOneLine() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = HistoryFile(path: folder + "/history")
        try file.prepare()
        file.append("two\nlines")
        #expect(file.load() == ["two lines"])
    }

    @Test func defaultLimitIsAThousand() {
        #expect(HistoryFile(path: "/x").limit == 1000)
    }
}

/// History file safety (issue 22, point 10).
@Suite struct REPLHistorySafetyTests {
    func mode(_ path: String) throws -> Int {
        try #require((FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue)
    }

    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "twitchwise-history-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func anOpenFolderOfItsOwnAndAnOpenFileAreMadePrivate() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let own = root + "/twitchwise"
        try FileManager.default.createDirectory(atPath: own, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        FileManager.default.createFile(atPath: own + "/history", contents: Data("old\n".utf8), attributes: [.posixPermissions: 0o644])
        let warnings = try HistoryFile(path: own + "/history", ownFolder: true).prepare()
        #expect(warnings.isEmpty)
        #expect(try mode(own) == 0o700)
        #expect(try mode(own + "/history") == 0o600)
    }

    @Test func aSharedFolderIsLeftAsItIsWithAWarning() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: root)
        let warnings = try HistoryFile(path: root + "/history").prepare()
        #expect(try mode(root) == 0o777)
        #expect(warnings == ["other users can write in the history folder \(root) (mode 777)"])
    }

    /// The trim never writes through a name planted beside the history, and a history that is a
    /// symbolic link is refused.
    @Test func trimDoesNotFollowPlantedLinks() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let victim = root + "/victim"
        FileManager.default.createFile(atPath: victim, contents: Data("precious\n".utf8))
        let file = HistoryFile(path: root + "/history", limit: 3)
        try file.prepare()
        for i in 1...10 { file.append("question \(i)") }
        // The name the old code used, and a few guesses at the new one.
        for name in ["history.\(getpid()).tmp", "history.\(getpid()).0.tmp", "history.\(getpid()).1.tmp"] {
            try FileManager.default.createSymbolicLink(atPath: root + "/" + name, withDestinationPath: victim)
        }
        try file.trim()
        #expect(file.load() == ["question 8", "question 9", "question 10"])
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")

        let linked = root + "/linked"
        try FileManager.default.createSymbolicLink(atPath: linked, withDestinationPath: victim)
        #expect(throws: HistoryFile.Failure.self) { try HistoryFile(path: linked).prepare() }
    }

    @Test func controlCharactersAreStoredEscaped() throws {
        let root = try folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = HistoryFile(path: root + "/history")
        try file.prepare()
        file.append("why \u{1B}]0;owned\u{07} twitch\u{9B}")
        let bytes = try #require(FileManager.default.contents(atPath: file.path))
        #expect(!bytes.contains(0x1B) && !bytes.contains(0x07))
        #expect(file.load() == ["why \\u{1B}]0;owned\\u{07} twitch\\u{9B}"])
    }

    @Test func aFailedTrimIsReported() throws {
        let root = try folder()
        let file = HistoryFile(path: root + "/history", limit: 1)
        try file.prepare()
        file.append("one")
        file.append("two")
        try FileManager.default.removeItem(atPath: root)
        #expect(throws: HistoryFile.Failure.self) { try file.trim() }
    }
}
