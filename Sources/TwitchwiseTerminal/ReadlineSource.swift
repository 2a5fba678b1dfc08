#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CReadline
import TwitchwiseCore
import TwitchwiseProtocol

/// Lines from GNU readline: line editing, history (kept in a file), Tab
/// completion, and Ctrl-C that clears the line and gives a fresh prompt.
///
/// Ctrl-C while readline waits is handled inside readline: its signal handler
/// resets its state, echoes ^C and calls ours; our key reader (`tw_rl_getc`
/// in shim.h) then ends a search in progress, clears the line and redraws the
/// prompt. So the REPL never sees it. A Ctrl-C between lines (while an answer
/// is printed) is reported as `.interrupt`.
public struct ReadlineSource: LineSource {
    let history: HistoryFile?
    private var lastEntry: String?

    /// Loads GNU readline, which the program does not link (see shim.h); false when it is not
    /// installed. Call it before making a `ReadlineSource`.
    public static func load() -> Bool { tw_rl_load() == 0 }

    /// Readline is global state: make one of these per process, after `load()`.
    public init(completions: CompletionWords, history: HistoryFile?) {
        setlocale(LC_CTYPE, "")
        tw_rl_set_readline_name(strdup("twitchwise"))
        tw_rl_set_catch_signals(1)
        tw_rl_set_catch_sigwinch(1)
        ReadlineCompletion.install(completions)
        tw_install_sigint_handler()
        tw_rl_use_getc()
        self.history = history
        tw_stifle_history(Int32(history?.limit ?? HistoryFile.defaultLimit))
        let entries = history?.load() ?? []
        for entry in entries { tw_add_history(entry) }
        lastEntry = entries.last
    }

    public mutating func readLine(prompt: String) -> LineEvent {
        if tw_take_sigint() != 0 { return .interrupt }
        guard let raw = tw_readline(prompt) else {
            // Ctrl-D: readline leaves the cursor after the prompt.
            tw_rl_write_out("\n")
            return .eof
        }
        defer { free(raw) }
        tw_rl_write_out("")
        let line = String(cString: raw)
        remember(line)
        return .line(line)
    }

    /// Adds a line to the history (memory and file), unless blank or the same as the last.
    mutating func remember(_ text: String) {
        let line = text.trimming(.whitespaces)
        guard !line.isEmpty, line != lastEntry else { return }
        tw_add_history(line)
        lastEntry = line
        history?.append(line)
    }

    /// Leaves the terminal as it was found and the history file within its bounds.
    public func close() {
        tw_rl_deprep_terminal()
        do { try history?.trim() } catch {
            Output.error("twitchwise: the history was not cut back to its last \(history?.limit ?? 0) entries: \(error.description)")
        }
    }
}
