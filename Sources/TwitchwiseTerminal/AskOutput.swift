#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TwitchwiseCore

/// The output of `twitchwise ask`: on a terminal, the reply laid out as the conversation
/// lays it out (wrapped by words to the window, compact sources, colour unless turned off);
/// otherwise plain text, one paragraph per line, for programs and files.
public enum AskOutput {
    public static func render(_ reply: Reply) -> String {
        guard isatty(1) != 0 else { return PlainText.render(reply) + "\n" }
        let colors = Terminal.colorEnabled(isTerminal: true, environment: Terminal.environment, noColorFlag: false)
        let formatter = ReplyFormatter(style: TerminalStyle(colors: colors), width: Terminal.width(fd: 1))
        return formatter.lines(for: reply).joined(separator: "\n") + "\n"
    }
}
