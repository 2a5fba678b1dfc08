import Foundation
import Testing
@testable import TwitchwiseProtocol

/// The report columns and the path helpers that replaced Foundation's (issue 8), checked
/// against Foundation itself.
struct TextFormatTests {
    @Test func columnsAreWhatPrintfWrote() {
        for value in [0, 0.05, 0.25, 0.3333, 0.875, 0.9995, 1, 12.345, 100] as [Double] {
            #expect(TextFormat.fixed(value, 1) == String(format: "%.1f", value))
            #expect(TextFormat.fixed(value, 4) == String(format: "%.4f", value))
            #expect(TextFormat.right(TextFormat.fixed(value * 100, 1), 5) == String(format: "%5.1f", value * 100))
        }
        for n in [0, 7, 42, 1234, 98765] {
            #expect(TextFormat.right(String(n), 4) == String(format: "%4d", n))
            #expect(TextFormat.left(String(n), 4) == String(format: "%-4d", n))
        }
        for value in [0, 1, 0x1F, 0x7F, 0xAB] as [UInt32] {
            #expect(TextFormat.hex(value, digits: 2) == String(format: "%02X", value))
        }
    }

    @Test func pathsJoinAndSplitAsNSStringDid() {
        // Paths as the test runner makes them. (swift-corelibs-foundation traps on the parent of
        // "a" or "a/", so those are checked by value below.)
        let paths = ["", "/", "/a", "/a/", "/a/b", "a/b/c", "./a", "../a", "a/./b", "a/../b", "/a/../../b", "/..",
                     "a/b/../..", "x/.."]
        for path in paths {
            #expect(Path.parent(path) == (path as NSString).deletingLastPathComponent, "\(path)")
            for name in ["c", "c.yaml", "Conversations"] {
                #expect(Path.join(path, name) == (path as NSString).appendingPathComponent(name), "\(path) + \(name)")
            }
            // Lexical: the paths here name nothing on disk, so NSString has no link to follow.
            let full = "/nonexistent-root/" + path
            #expect(Path.standardized(full) == (full as NSString).standardizingPath, "\(path)")
        }
        #expect(Path.parent("a") == "")
        #expect(Path.parent("a/") == "")
        #expect(Path.parent("a//b") == "a")
        #expect(Path.parent("/a/b//") == "/a")
        #expect(Path.join("a/", "b") == "a/b")
    }
}
