import Foundation
import Testing
import TwitchwiseTestSupport

/// The same requests give the same replies, byte for byte, in every process
/// (Swift's hashing is seeded anew per process: nothing may depend on it).
@Suite("Determinism, end to end")
struct DeterminismTests {
    @Test func twoProcessesGiveIdenticalReplies() throws {
        let messages = [
            "hi", "why does my neck twitch when I'm stressed?", "what about coffee?", "how do I stop it?",
            "whats a muscle twich exactly", "my calves and thighs twitch after leg day", "is twitching a sign of ALS",
            "I was told I'm anemic. I'm tired all the time. Now my calves twitch. Are these connected?",
            "what is chronic muscle spasms?", "2", "thanks", "how do I grow my channel on twitch",
        ]
        let lines = messages.map { text -> String in
            let escaped = text.replacingOccurrences(of: "\"", with: "\\\"")
            return #"{"session": "s", "explain": true, "text": "\#(escaped)"}"#
        }
        let first = try Driver.run(["--json"], lines: lines)
        let second = try Driver.run(["--json"], lines: lines)
        #expect(first.lines.count == messages.count)
        #expect(first.lines == second.lines)
    }
}
