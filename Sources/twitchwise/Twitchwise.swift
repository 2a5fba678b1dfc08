import ArgumentParser
import TwitchwiseProtocol

/// The command line: the conversation (`chat`, the default) and the other commands, one
/// file each. The root declares the options the conversation takes, so `twitchwise --help`
/// shows them, and the content options, so they may come before or after a subcommand
/// (`twitchwise --content DIR ask hi`, `twitchwise ask --content DIR hi`): ArgumentParser
/// reads the root's options wherever they stand on the line, and a subcommand's
/// `@OptionGroup` of the same type gets the values the root read.
@main
struct Twitchwise: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "twitchwise",
        abstract: "Answers questions about muscle twitching, cramps and spasms, from five articles.",
        discussion: """
            An offline, rule-based assistant. It is not a doctor: its answers are general
            information, not medical advice. With no subcommand it starts a conversation:
            a line-editing prompt on a terminal, one answer per line otherwise, or the
            JSON-lines protocol with --json (see docs/protocol.md). The content options
            may come before or after a subcommand.
            """,
        version: ProtocolHandler.version,
        subcommands: [Chat.self, Ask.self, Test.self, Check.self, Eval.self, Version.self],
        defaultSubcommand: Chat.self
    )

    @OptionGroup(title: "Content options") var contentOptions: ContentOptions

    @OptionGroup(title: "Conversation options") var conversationOptions: ConversationOptions

    /// Runs the command line: the two plainest forms straight away (see `Shortcut`),
    /// everything else through ArgumentParser.
    static func main() {
        Shortcut(Array(CommandLine.arguments.dropFirst()))?.run()
        main(nil)
    }
}
