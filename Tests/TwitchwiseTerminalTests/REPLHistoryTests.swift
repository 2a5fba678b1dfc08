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
