#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TwitchwiseCore

/// The output of `twitchwise ask`: on a terminal, the reply laid out as the conversation
/// lays it out (wrapped by words to the window, compact sources, fitting the window's height
/// where it can, colour unless NO_COLOR);
/// otherwise plain text, one paragraph per line, for programs and files.
public enum AskOutput {
    public static func render(_ reply: Reply) -> String {
        guard isatty(1) != 0 else { return PlainText.render(reply) + "\n" }
        let colors = Terminal.colorEnabled(isTerminal: true, environment: Terminal.environment, noColorFlag: false)
        // Room for the shell's prompt after it, so that the answer's first line stays on screen.
        let formatter = ReplyFormatter(style: TerminalStyle(colors: colors), width: Terminal.width(fd: 1),
                                       height: Terminal.height(fd: 1).map { $0 - 2 })
        return formatter.lines(for: reply).joined(separator: "\n") + "\n"
    }
}
