import ArgumentParser
import TwitchwiseCore
import TwitchwiseProtocol

/// The two command lines programs run most, answered without ArgumentParser
/// (start-up, issue 8): building its model of the commands reflects over every
/// option and costs more than the rest of start-up.
///
/// - `twitchwise ask WORD...` where no word starts with `-` (so no option, no
///   `--help`, no `--`): the question is the words joined by spaces, as `Ask`'s
///   `question` argument would have them.
/// - `twitchwise --json` and nothing else: `Chat` with `--json`.
///
/// Both use the defaults of `ContentOptions` (the embedded content, seed 0) and
/// do exactly what the parsed command does; any other command line, including
/// these with an option added (`ask --seed 0 ...`), goes through ArgumentParser.
/// The end-to-end tests compare the two ways.
enum Shortcut: Equatable {
    case ask(question: String)
    case json

    /// The shortcut for `arguments` (without the program name), if there is one.
    init?(_ arguments: [String]) {
        if arguments == ["--json"] {
            self = .json
        } else if arguments.count >= 2, arguments[0] == "ask", !arguments.dropFirst().contains(where: { $0.hasPrefix("-") }) {
            self = .ask(question: arguments.dropFirst().joined(separator: " "))
        } else {
            return nil
        }
    }

    /// Does what the parsed command would, then ends the process with its status.
    func run() -> Never {
        let engine: Engine
        do {
            engine = try ContentOptions.engine(source: .embedded, seed: 0)
        } catch {
            // `engine` printed the content errors; ArgumentParser would exit with the ExitCode.
            Twitchwise.exit(withError: error)
        }
        switch self {
        case .ask(let question):
            Ask.answer(question, engine: engine)
        case .json:
            let status = JSONLinesServer.run(engine: engine)
            return withExtendedLifetime(engine) { () -> Never in Twitchwise.exit(withError: ExitCode(status)) }
        }
    }
}
