import TwitchwiseCore
import Yams

/// Loads and validates a content folder, reporting every problem at once.
public enum ContentLoader {
    public static let lexiconPath = "Intents/lexicon.yaml"
    public static let documentsPath = "Documents/documents.yaml"
    public static let systemPath = "Responses/system.yaml"
    public static let knownWordsPath = "Intents/known-words.txt"
    public static let englishWordsPath = "Intents/english-words.txt"

    /// The slots every content has, whatever its lexicon says.
    public static let builtInSlots: Set<String> = ["red_flag", Engine.Reserved.declined]
    /// Flags templates may test but that are never reported as slots: `again` is set when
    /// the same topic was already answered earlier in the session, so that a follow-up can
    /// give what was not yet said.
    public static let templateFlags: [String: Set<String>] = ["again": ["yes"]]

    /// Loads content; throws `ContentErrors` when anything is an error.
    /// Warnings come back with the content.
    public static func load(_ files: [ContentFile]) throws(ContentErrors) -> (Content, [Diagnostic]) {
        var loader = Loader(files: files)
        let content = loader.run()
        let diagnostics = loader.diagnostics.sorted { $0.location < $1.location }
        if diagnostics.contains(where: { $0.severity == .error }) || content == nil {
            throw ContentErrors(diagnostics)
        }
        return (content!, diagnostics)
    }

    /// Folds white space and curly apostrophes, for quote look-ups.
    public static func fold(_ text: String) -> String {
        // Text without curly apostrophes has nothing to replace: skip the search (start-up cost, issue 8).
        let straight = !text.unicodeScalars.contains(where: { $0 == "\u{2019}" || $0 == "\u{2018}" }) ? text
            : text.replacing(scalar: "\u{2019}", with: "'").replacing(scalar: "\u{2018}", with: "'")
        return straight.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    // MARK: Start-up speed (issue 8): the same results as the standard library, faster on ASCII text.

    static func isASCII<S: StringProtocol>(_ text: S) -> Bool { text.utf8.allSatisfy { $0 < 0x80 } }

    /// `haystack.contains(needle)`. An ASCII needle is first looked for byte by byte: an
    /// occurrence with ASCII (or no) characters on both sides is a match of whole characters, and
    /// an ASCII haystack without an occurrence has none; anything else is left to the standard
    /// library's search.
    static func contains(_ haystack: String, _ needle: String, haystackIsASCII: Bool) -> Bool {
        guard !needle.isEmpty, isASCII(needle) else { return haystack.contains(needle) }
        var h = haystack, n = needle
        let found: Bool = h.withUTF8 { hb in
            n.withUTF8 { nb in
                guard nb.count <= hb.count else { return false }
                let first = nb[0]
                var i = 0
                while i <= hb.count - nb.count {
                    if hb[i] == first {
                        var k = 1
                        while k < nb.count && hb[i + k] == nb[k] { k += 1 }
                        if k == nb.count && (i == 0 || hb[i - 1] < 0x80) && (i + k == hb.count || hb[i + k] < 0x80) {
                            return true
                        }
                    }
                    i += 1
                }
                return false
            }
        }
        if found { return true }
        return haystackIsASCII ? false : haystack.contains(needle)
    }
}
