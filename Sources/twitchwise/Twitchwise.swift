import ArgumentParser
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TwitchwiseCore
import TwitchwiseContentLoading
import TwitchwiseProtocol
import TwitchwiseTerminal

@main
struct Twitchwise: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "twitchwise",
        abstract: "Answers questions about muscle twitching, cramps and spasms, from five articles.",
        discussion: """
            An offline, rule-based assistant. It is not a doctor: its answers are general
            information, not medical advice. With no subcommand it starts a conversation:
            a line-editing prompt on a terminal, one answer per line otherwise, or the
            JSON-lines protocol with --json.
            """,
        version: ProtocolHandler.version,
        subcommands: [Chat.self, Ask.self, Test.self, Check.self, Eval.self],
        defaultSubcommand: Chat.self
    )

    /// Runs the command line: the two plainest forms straight away (see `Shortcut`),
    /// everything else through ArgumentParser.
    static func main() {
        Shortcut(Array(CommandLine.arguments.dropFirst()))?.run()
        main(nil)
    }
}

/// Options every subcommand that answers shares.
struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Load content from this folder instead of the built-in content.", valueName: "dir"))
    var content: String?

    @Option(name: .long, help: "Seed for choosing among phrasings (same seed, same replies).")
    var seed: UInt64 = 0

    var source: ContentSource { content.map { .directory($0) } ?? .embedded }

    /// The engine, or exit 2 with every content error printed.
    func engine() throws -> Engine { try Self.engine(source: source, seed: seed) }

    /// The engine for `source` and `seed`, or exit 2 with every content error printed.
    static func engine(source: ContentSource, seed: UInt64) throws -> Engine {
        do {
            let (engine, warnings) = try source.engine(options: EngineOptions(seed: seed))
            for warning in warnings { Output.error(warning.description) }
            return engine
        } catch {
            Output.error(error.description)
            throw ExitCode(2)
        }
    }
}

struct Chat: ParsableCommand {
    // No explicit `commandName` here (unlike the other subcommands): with one,
    // `--experimental-dump-help` would start listing it as `defaultSubcommand`.
    static let configuration = CommandConfiguration(
        abstract: "Start a conversation (the default).")

    @OptionGroup var contentOptions: ContentOptions

    @Flag(name: .long, help: "Speak the JSON-lines protocol on stdin/stdout (see docs/protocol.md).")
    var json = false

    @Option(name: .long, help: ArgumentHelp(
        "Keep the conversation's history in this file (default: $XDG_STATE_HOME/twitchwise/history).", valueName: "path"))
    var historyFile: String?

    @Flag(name: .long, help: "Neither read nor write a history file.")
    var noHistory = false

    @Flag(name: .long, help: "No colour, even on a terminal (so does a non-empty NO_COLOR).")
    var noColor = false

    func run() throws {
        let engine = try contentOptions.engine()
        if json {
            throw ExitCode(JSONLinesServer.run(engine: engine))
        }
        if Terminal.isInteractive {
            let options = ReadlineREPL.Options(historyFile: historyFile, history: !noHistory, color: !noColor)
            throw ExitCode(ReadlineREPL.run(engine: engine, options: options))
        }
        throw ExitCode(PlainText.runLines(engine: engine))
    }
}

struct Ask: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",  // what ArgumentParser derives from the type name, without reflection (start-up)
        abstract: "Answer one question and exit.")

    @OptionGroup var contentOptions: ContentOptions

    @Argument(help: "The question, e.g. \"why does my neck twitch?\"")
    var question: [String]

    func run() throws {
        Self.answer(question.joined(separator: " "), engine: try contentOptions.engine())
    }

    /// Writes the answer and ends the process: status 0; 64 for a question over the limit of a
    /// `--json` line (64 KiB, said on stderr); 74 when the answer cannot be written.
    static func answer(_ question: String, engine: Engine) -> Never {
        if PlainText.isTooLong(question) {
            Output.error("twitchwise: the question is too long (\(question.utf8.count) bytes, over \(ProtocolHandler.maxLineBytes)); please ask something shorter")
            Self.exit(withError: ExitCode(64))
        }
        let (reply, _) = engine.respond(to: question, in: SessionState())
        // The answer is written (unbuffered); the process ends here, as it would on returning,
        // without first freeing the engine piece by piece, which takes longer than the answer.
        return withExtendedLifetime(engine) { () -> Never in
            let status = Output.status(after: Output.send(PlainText.render(reply) + "\n"))
            if status != 0 { Self.exit(withError: ExitCode(status)) }
            Self.exit()  // ArgumentParser's own way out: status 0, no message
        }
    }
}
