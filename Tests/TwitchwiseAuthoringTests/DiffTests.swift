import Testing
@testable import TwitchwiseAuthoring

@Suite struct DiffTests {
    @Test func equalTextsHaveNoDiff() {
        #expect(LineDiff.unified("a\nb", "a\nb") == "")
    }

    @Test func changedLineInTheMiddle() {
        let diff = LineDiff.unified("one\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine", "one\ntwo\nthree\nfour\nFIVE\nsix\nseven\neight\nnine")
        #expect(diff == """
            --- expected
            +++ actual
            @@ -2,7 +2,7 @@
             two
             three
             four
            -five
            +FIVE
             six
             seven
             eight
            """)
    }

    @Test func insertionsAndDeletions() {
        let edits = LineDiff.edits(["a", "b", "c", "d"], ["a", "c", "x", "d", "e"])
        #expect(edits == [.same("a"), .removed("b"), .same("c"), .added("x"), .same("d"), .added("e")])
        #expect(LineDiff.unified("", "new") == "--- expected\n+++ actual\n@@ -0,0 +1 @@\n+new")
    }

    @Test func farApartChangesMakeTwoHunks() {
        let old = (1...20).map(String.init)
        var new = old
        new[1] = "B"
        new[18] = "S"
        let diff = LineDiff.unified(old.joined(separator: "\n"), new.joined(separator: "\n"))
        #expect(diff.components(separatedBy: "\n@@").count == 3)
    }
}
