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

    /// Writes the answer and ends the process with status 0.
    static func answer(_ question: String, engine: Engine) -> Never {
        let (reply, _) = engine.respond(to: question, in: SessionState())
        // The answer is written (unbuffered); the process ends here, as it would on returning,
        // without first freeing the engine piece by piece, which takes longer than the answer.
        return withExtendedLifetime(engine) { () -> Never in
            _ = Output.write(AskOutput.render(reply))
            Self.exit()  // ArgumentParser's own way out: status 0, no message
        }
    }
}
