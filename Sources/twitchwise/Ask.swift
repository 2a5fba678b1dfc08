import ArgumentParser
import TwitchwiseCore
import TwitchwiseProtocol
import TwitchwiseTerminal

struct Ask: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",  // what ArgumentParser derives from the type name, without reflection (start-up)
        abstract: "Answer one question and exit.",
        discussion: """
            On a terminal the answer is wrapped to the window as in the conversation;
            otherwise it is plain text, one paragraph per line.
            """)

    @ParentCommand var root: Twitchwise

    @OptionGroup var contentOptions: ContentOptions

    @Argument(help: "The question, e.g. \"why does my neck twitch?\"")
    var question: [String]

    func validate() throws { try root.conversationOptions.refuse(for: "ask") }

    func run() throws {
        Self.answer(question.joined(separator: " "), engine: try contentOptions.engine())
    }

    /// Writes the answer and ends the process: status 0; 64 for a question over the limit of a
    /// `--json` line (64 KiB, said on stderr); 74 when the answer cannot be written.
    static func answer(_ question: String, engine: Engine) -> Never {
        // The limit of a `--json` line (issue 22): the reason on stderr, exit 64.
        if PlainText.isTooLong(question) {
            Output.error("twitchwise: the question is too long (\(question.utf8.count) bytes, over \(ProtocolHandler.maxLineBytes)); please ask something shorter")
            Self.exit(withError: ExitCode(64))
        }
        let (reply, _) = engine.respond(to: question, in: SessionState())
        // The answer is written (unbuffered); the process ends here, as it would on returning,
        // without first freeing the engine piece by piece, which takes longer than the answer.
        return withExtendedLifetime(engine) { () -> Never in
            // A failed write is reported with exit 74; a reader that went away is a quiet end.
            let status = Output.status(after: Output.send(AskOutput.render(reply)))
            if status != 0 { Self.exit(withError: ExitCode(status)) }
            Self.exit()  // ArgumentParser's own way out: status 0, no message
        }
    }
}
