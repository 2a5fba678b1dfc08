import Testing
import TwitchwiseLoader

/// "Did you mean": the nearest known name within an edit distance of two, found through the
/// index (issue 22: comparing with every name took minutes with thousands of names).
@Suite struct NameSuggesterTests {
    @Test func typosFindTheirName() {
        let names = NameSuggester(["situation.sleep", "situation.stress", "cause.caffeine", "cause.exercise"] +
                                  (0..<10_000).map { "generated_\($0)" })
        #expect(names.nearest(to: "situation.slep") == "situation.sleep")      // a letter missing
        #expect(names.nearest(to: "situation.sleeep") == "situation.sleep")    // one too many
        #expect(names.nearest(to: "situation.sleap") == "situation.sleep")     // one wrong
        #expect(names.nearest(to: "cause.exercsie") == "cause.exercise")       // two swapped
        #expect(names.nearest(to: "generated_12345") == "generated_1234")      // the nearer of many
        #expect(names.nearest(to: "something else entirely") == nil)
    }

    /// Of two names as near, the first in order: the same hint on every run.
    @Test func tiesGoToTheFirstName() {
        #expect(NameSuggester(["ab", "ac"]).nearest(to: "a") == "ab")
        #expect(NameSuggester(["ac", "ab"]).nearest(to: "a") == "ab")
    }
}
