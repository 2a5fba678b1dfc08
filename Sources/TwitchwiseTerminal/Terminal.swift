#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CReadline

/// What the REPL needs to know about the terminal it talks to.
public enum Terminal {
    /// Both standard input and standard output are terminals: a person is there.
    public static var isInteractive: Bool { isatty(0) != 0 && isatty(1) != 0 }

    /// The width of the terminal on `fd` in columns; 80 when it cannot be told.
    public static func width(fd: Int32 = 1) -> Int {
        let columns = Int(tw_terminal_columns(fd))
        return columns > 0 ? columns : 80
    }

    /// The height of the terminal on `fd` in rows; nil when it cannot be told.
    public static func height(fd: Int32 = 1) -> Int? {
        let rows = Int(tw_terminal_rows(fd))
        return rows > 0 ? rows : nil
    }

    /// Colour only on a terminal, never with `--no-color`, a non-empty
    /// `NO_COLOR` (no-color.org) or `TERM=dumb`.
    public static func colorEnabled(isTerminal: Bool, environment: [String: String], noColorFlag: Bool) -> Bool {
        guard isTerminal, !noColorFlag else { return false }
        if let value = environment["NO_COLOR"], !value.isEmpty { return false }
        if environment["TERM"] == "dumb" { return false }
        return true
    }

    /// The process environment as a dictionary.
    public static var environment: [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let eq = text.firstIndex(of: "=") {
                result[String(text[..<eq])] = String(text[text.index(after: eq)...])
            }
            pointer += 1
        }
        return result
    }
}
