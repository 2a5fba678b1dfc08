import ArgumentParser
import TwitchwiseProtocol
import TwitchwiseTerminal

struct Chat: ParsableCommand {
    // No explicit `commandName` here (unlike the other subcommands): with one,
    // `--experimental-dump-help` would start listing it as `defaultSubcommand`.
    static let configuration = CommandConfiguration(
        abstract: "Start a conversation (the default).")

    @OptionGroup var contentOptions: ContentOptions

    @OptionGroup var conversationOptions: ConversationOptions

    func run() throws {
        let engine = try contentOptions.engine()
        let options = conversationOptions
        if options.json {
            throw ExitCode(JSONLinesServer.run(engine: engine))
        }
        if Terminal.isInteractive {
            let options = ReadlineREPL.Options(historyFile: options.historyFile, history: !options.noHistory, color: !options.noColor)
            throw ExitCode(ReadlineREPL.run(engine: engine, options: options))
        }
        throw ExitCode(PlainText.runLines(engine: engine))
    }
}
