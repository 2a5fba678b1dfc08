import Foundation
import Testing
@testable import TwitchwiseAuthoring
import TwitchwiseTestSupport

/// `matches:` patterns run without backtracking (issue 22, point 9).
@Suite struct AnswerPatternTests {
    static let answers = [
        "Usually not. Most muscle twitches are not serious.",
        "Call your local emergency number now if you have chest pain.",
        "Stimulants such as caffeine can cause TWITCHING, cramps and spasms.\nSecond line here",
        "", "a", "aaa", "word word word!", "naïve café 42",
    ]

    /// The same answer as Swift Regex for the patterns both accept (not the runaway one: Swift
    /// Regex would not finish it on these answers).
    @Test(arguments: [
        "^Usually not\\.", "(?i)stimulant", "(?i)twitching, cramps and spasms", "^Call your local emergency number now",
        "serious\\.$", "^$", "a{2,3}", "^a*$", "\\bword\\b", "\\Bor", "[0-9]+", "\\d{2}", "caf[eé]", "(?i)TWITCH(ING|ES)",
        "(cramps|spasms) and", "[^a-z ]", "here$", "(?m)^Second", "^Second", "line.here", "(?s)spasms..Second",
        "x?y*", "(a|b)+c", "[a-c]{3}", "\\w+\\s\\w+!", "(?i:STIM)ulants", "naïve\\s", "\\x41|\\u00e9", "[\\d\\s]{3}",
        "(?:not ){2}", "Most(?# a comment) muscle", "\\.\\.", "a{0}b",
    ])
    func agreesWithSwiftRegex(_ pattern: String) throws {
        let mine = try AnswerPattern(pattern)
        let theirs = try Regex(pattern)
        for answer in Self.answers {
            let expected = try theirs.firstMatch(in: answer) != nil
            #expect(mine.matches(answer) == expected, "/\(pattern)/ on \"\(answer)\"")
        }
    }

    /// What needs backtracking, or would write out a huge program, is refused with a reason.
    @Test(arguments: [
        ("(a)\\1", "back-references"), ("a(?=b)", "look-ahead"), ("(?<=a)b", "look-behind"), ("(?>a+)", "atomic"),
        ("a{2000}", "over 1000"), ("(a{1000}){1000}", "too large"), ("*a", "nothing to repeat"), ("(a", "missing ')'"),
        ("[b-a]", "reversed"), ("[[:alpha:]]", "POSIX"),
    ])
    func refusesWhatItCannotRun(_ pattern: String, _ reason: String) {
        #expect(throws: AnswerPattern.Failure.self) { try AnswerPattern(pattern) }
        do { _ = try AnswerPattern(pattern) } catch { #expect(error.description.contains(reason), "\(error)") }
    }

    /// The catastrophic pattern of the issue finishes on a long answer (with Swift Regex it never does).
    @Test func theRunawayPatternOfTheIssueFinishes() throws {
        let pattern = try AnswerPattern("^(\\w+\\s?)*$")
        let answer = String(repeating: "word ", count: 2_000) + "!"
        #expect(!pattern.matches(answer))
        #expect(pattern.matches(String(repeating: "word ", count: 2_000)))
    }

    /// In a conversation file: `test` runs it and reports the answer as not matching; a back-reference
    /// is a located error.
    @Test func conversationFilesUseIt() throws {
        let folder = try TemporaryFolder()
        try folder.write("slow.yaml", """
            conversations:
              - name: runaway
                turns:
                  - user: why does my neck twitch?
                    matches: '^(\\w+\\s?)*$'
            """)
        try folder.write("backref.yaml", """
            conversations:
              - name: backref
                turns:
                  - user: hi
                    matches: '(a)\\1'
            """)
        let output = TestRunner.main(TestRunOptions(paths: ["slow.yaml", "backref.yaml"], source: Package.source,
                                                    workingDirectory: folder.path))
        #expect(output.status == 2)
        #expect(output.stdout.contains("✗ runaway"))
        #expect(output.stdout.contains("the answer does not match /^(\\w+\\s?)*$/"))
        #expect(output.stderr.contains("backref.yaml:5:18: error: '(a)\\1' cannot be used: back-references are not supported"), "\(output.stderr)")
    }
}
