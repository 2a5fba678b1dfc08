#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CReadline

/// Tab completion for readline. Readline calls back through C function
/// pointers, which cannot capture: the words live in globals, touched only on
/// the main thread (readline's).
enum ReadlineCompletion {
    nonisolated(unsafe) static var words = CompletionWords.empty
    nonisolated(unsafe) static var pending: [String] = []
    nonisolated(unsafe) static var next = 0

    /// Characters that end a word for completion (not ':', which starts a command).
    nonisolated(unsafe) static let breaks = strdup(" \t\n\"'`?!.,;()")

    static func install(_ words: CompletionWords) {
        self.words = words
        tw_rl_set_basic_word_break_characters(breaks)
        tw_rl_set_completer_word_break_characters(breaks)
        tw_rl_set_completion_function(attempt)
    }

    /// rl_attempted_completion_function: our matches only, never file names.
    static let attempt: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = {
        text, start, _ in
        tw_rl_set_attempted_completion_over(1)
        let typed = text.map { String(cString: $0) } ?? ""
        var before = ""
        if let buffer = tw_rl_line_buffer(), start > 0 {
            before = buffer.withMemoryRebound(to: UInt8.self, capacity: Int(start)) {
                String(decoding: UnsafeBufferPointer(start: $0, count: Int(start)), as: UTF8.self)
            }
        }
        ReadlineCompletion.pending = ReadlineCompletion.words.matches(for: typed, atLineStart: before.allSatisfy(\.isWhitespace))
        ReadlineCompletion.next = 0
        guard !ReadlineCompletion.pending.isEmpty else { return nil }
        return tw_rl_completion_matches(text, generate)
    }

    /// rl_compentry_func_t: hands out the pending matches one by one (readline frees them).
    static let generate: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, _ in
        guard ReadlineCompletion.next < ReadlineCompletion.pending.count else { return nil }
        defer { ReadlineCompletion.next += 1 }
        return strdup(ReadlineCompletion.pending[ReadlineCompletion.next])
    }
}
