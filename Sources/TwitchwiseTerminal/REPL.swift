import TwitchwiseCore
import TwitchwiseProtocol

/// What a line reader hands the REPL.
public enum LineEvent: Sendable, Equatable {
    /// A line the person entered, without its newline.
    case line(String)
    /// Ctrl-C: the current line is abandoned; the conversation goes on.
    case interrupt
    /// Ctrl-D on an empty line, or the end of input.
    case eof
}

/// Where the REPL's lines come from: readline on a terminal, a script in tests.
public protocol LineSource {
    mutating func readLine(prompt: String) -> LineEvent
}

/// The terminal conversation, without a terminal: lines in, text out.
/// `ReadlineSource` feeds it on a real terminal; tests feed it a script.
public struct REPL {
    public struct Command: Sendable {
        public let name: String
        public let summary: String
    }

    public static let commands: [Command] = [
        Command(name: ":help", summary: "how to use this, and the commands"),
        Command(name: ":topics", summary: "what I can answer, grouped"),
        Command(name: ":sources", summary: "the articles every answer comes from"),
        Command(name: ":why", summary: "how I chose the last answer"),
        Command(name: ":reset", summary: "forget this conversation and start afresh"),
        Command(name: ":quit", summary: "leave (Ctrl-D does too)"),
    ]

    /// What handling one line gives: text to show, and whether to stop.
    public struct Outcome: Sendable, Equatable {
        public var text: String
        public var quit: Bool
    }

    public let engine: Engine
    public var style: TerminalStyle
    /// The width to wrap to, asked before every answer (the window may change).
    public var width: () -> Int
    /// The terminal's height in rows, asked before every answer; nil when unknown (no limit).
    public var height: () -> Int?
    public private(set) var state = SessionState()
    /// The last message answered and its reply, for `:why`.
    public private(set) var last: (message: String, reply: Reply)?

    /// On a terminal (readline's keys apply), or reading lines from a pipe (`PlainText.runLines`).
    public var onTerminal: Bool

    public init(engine: Engine, style: TerminalStyle = .plain, width: @escaping () -> Int = { 80 },
                height: @escaping () -> Int? = { nil }, onTerminal: Bool = true) {
        self.engine = engine
        self.style = style
        self.width = width
        self.height = height
        self.onTerminal = onTerminal
    }

    public var prompt: String { style.prompt("> ") }

    var columns: Int { max(20, width()) }

    public var banner: String {
        var lines = [style.apply(.heading, "Twitchwise \(ProtocolHandler.version)")]
        var note = PlainText.sanitize(engine.content.system.disclaimer).trimming(.whitespacesAndNewlines)
        if note.isEmpty { note = "General information, not medical advice." }
        lines += TextWrapper.wrap(note, width: columns)
        lines += TextWrapper.wrap("Ask in your own words; :help for help, Ctrl-D to leave.", width: columns)
            .map { style.apply(.dim, $0) }
        return lines.joined(separator: "\n") + "\n\n"
    }

    public var goodbye: String { "Goodbye, and take care.\n" }

    /// Runs the conversation until `:quit` or the end of input. `write`
    /// returns false when the output has gone away, which ends it too.
    public mutating func run<Source: LineSource>(_ source: inout Source, write: (String) -> Bool) -> Int32 {
        guard write(banner) else { return 0 }
        while true {
            switch source.readLine(prompt: prompt) {
            case .eof:
                _ = write(goodbye)
                return 0
            case .interrupt:
                continue
            case .line(let line):
                let outcome = handle(line)
                if !outcome.text.isEmpty, !write(outcome.text) { return 0 }
                if outcome.quit { return 0 }
            }
        }
    }

    /// Answers one line: a `:command` or a message for the engine.
    public mutating func handle(_ line: String) -> Outcome {
        let text = line.trimming(.whitespaces)
        if text.isEmpty { return Outcome(text: "", quit: false) }
        if text.hasPrefix(":") { return command(text) }
        if text.utf8.count > ProtocolHandler.maxLineBytes {
            let message = "That message is too long (over \(ProtocolHandler.maxLineBytes) bytes). Please ask something shorter."
            return Outcome(text: block(TextWrapper.wrap(message, width: columns).map { style.apply(.error, $0) }), quit: false)
        }
        let reply = answer(text)
        // The reply and the blank line and prompt after it fit the screen: its first line stays.
        let formatter = ReplyFormatter(style: style, width: columns, height: height().map { $0 - 2 })
        return Outcome(text: block(formatter.lines(for: reply)), quit: false)
    }

    /// The engine's reply to a message, in this conversation (kept for `:why`).
    mutating func answer(_ text: String) -> Reply {
        let (reply, next) = engine.respond(to: text, in: state)
        state = next
        last = (text, reply)
        return reply
    }

    /// Lines as shown after an input line: a blank line before and after.
    func block(_ lines: [String]) -> String { "\n" + lines.joined(separator: "\n") + "\n\n" }

    /// The command a `:word` names: exactly, or as the start of just one.
    static func resolve(_ word: String) -> Command? {
        let word = word.lowercased()
        if let exact = commands.first(where: { $0.name == word }) { return exact }
        let starting = commands.filter { $0.name.hasPrefix(word) }
        return starting.count == 1 && word.count > 1 ? starting[0] : nil
    }

    /// Runs a `:command` line (the REPL's, and the plain mode's on a pipe).
    mutating func command(_ text: String) -> Outcome {
        let word = String(text.split(separator: " ").first ?? "")
        guard let command = Self.resolve(word) else {
            let names = Self.commands.map(\.name).joined(separator: ", ")
            let message = "Unknown command '\(PlainText.sanitize(word))'. The commands are \(names)."
            return Outcome(text: block(TextWrapper.wrap(message, width: columns).map { style.apply(.error, $0) }), quit: false)
        }
        switch command.name {
        case ":help": return Outcome(text: block(helpLines()), quit: false)
        case ":topics": return Outcome(text: block(topicLines()), quit: false)
        case ":sources": return Outcome(text: block(sourceLines()), quit: false)
        case ":why": return Outcome(text: block(whyLines()), quit: false)
        case ":reset":
            state = SessionState()
            last = nil
            return Outcome(text: block(["Conversation cleared: I have forgotten what we talked about."]), quit: false)
        default:
            return Outcome(text: goodbye, quit: true)
        }
    }
}
