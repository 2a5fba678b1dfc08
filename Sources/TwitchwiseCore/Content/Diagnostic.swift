/// Where something is in a content file: 1-based line and column.
public struct SourceLocation: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 1, column: Int = 1) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem found in content, reported like a compiler does:
/// `file:line:col: error: what is wrong (how to fix it)`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var severity: Severity
    public var location: SourceLocation
    /// What is wrong.
    public var message: String
    /// How to fix it, when there is something useful to say.
    public var hint: String?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation, hint: String? = nil) {
        self.severity = severity
        self.message = message
        self.location = location
        self.hint = hint
    }

    /// The diagnostic as printed: one line (two with a hint), with control characters from the
    /// input (a quoted line, a name, a file name) made visible, never sent to the terminal.
    public var description: String {
        let location = self.location.description.escapingControlCharacters()
        var text = "\(location): \(severity.rawValue): \(message.escapingControlCharacters(keepingLines: true))"
        if let hint { text += "\n\(location): note: \(hint.escapingControlCharacters(keepingLines: true))" }
        return text
    }
}

/// Problems collected while loading, so every one is reported at once.
public struct ContentErrors: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String {
        let errors = self.errors.count
        return (diagnostics.map(\.description) + ["\(errors) error\(errors == 1 ? "" : "s") in the content"])
            .joined(separator: "\n")
    }
}
