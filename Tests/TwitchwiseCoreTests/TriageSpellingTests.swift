import Testing
@testable import TwitchwiseCore
import TwitchwiseTestSupport

/// Triage's spelling: a misspelt sign word is read as the word it is one edit from.
@Suite struct TriageSpellingTests {
    /// Optimal string alignment distance, the textbook dynamic programme: what `edits` must agree
    /// with (capped at 2).
    static func reference(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in stride(from: 1, through: a.count, by: 1) {
            for j in stride(from: 1, through: b.count, by: 1) {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return min(d[a.count][b.count], 2)
    }

    @Test func editsAgreeWithTheTextbookDistanceOnEveryPairOfShortWords() {
        var words: [[UInt8]] = [[]]
        var last: [[UInt8]] = [[]]
        for _ in 0..<4 {
            last = last.flatMap { w in [UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "c")].map { w + [$0] } }
            words += last
        }
        for a in words {
            for b in words {
                #expect(TriageAssessor.edits(a, b) == Self.reference(a, b), "\(String(decoding: a, as: UTF8.self)) / \(String(decoding: b, as: UTF8.self))")
            }
        }
    }

    @Test(arguments: [
        ("my son is having a seizre right now", "seizure"),
        ("she collasped at work and isnt waking up", "collapse"),
    ])
    func aMisspeltSignIsStillRecognised(_ message: String, _ corrected: String) {
        let assessment = Fixture.engine.triage.assess(message)
        #expect(assessment.top != nil, "\(assessment.corrections)")
        #expect(assessment.corrections.contains { Stemmer.stem(corrected) == $0.to }, "\(assessment.corrections)")
    }
}
