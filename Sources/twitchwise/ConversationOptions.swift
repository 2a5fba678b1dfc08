import ArgumentParser

/// The options of the conversation (`chat`, the default command). The root command
/// declares them too, so that `twitchwise --help` lists them and `twitchwise --json`
/// works; a subcommand other than `chat` refuses them instead of ignoring them.
struct ConversationOptions: ParsableArguments {
    @Flag(name: .long, help: "Speak the JSON-lines protocol on stdin/stdout (see docs/protocol.md).")
    var json = false

    @Option(name: .long, help: ArgumentHelp(
        "Keep the conversation's history in this file (default: $XDG_STATE_HOME/twitchwise/history).", valueName: "path"),
        completion: .file())
    var historyFile: String?

    @Flag(name: .long, help: "Neither read nor write a history file.")
    var noHistory = false

    @Flag(name: .long, help: "No colour, even on a terminal (so does a non-empty NO_COLOR).")
    var noColor = false

    /// The options given, as typed, in a fixed order.
    var given: [String] {
        (json ? ["--json"] : []) + (historyFile == nil ? [] : ["--history-file"]) + (noHistory ? ["--no-history"] : [])
            + (noColor ? ["--no-color"] : [])
    }

    /// Throws a usage error when a conversation option was given to `command`, which would ignore it.
    /// `json`: the command has a `--json` of its own (`eval`), which the root reads, wherever it stands,
    /// into `json` here.
    func refuse(for command: String, json ownJSON: Bool = false) throws {
        guard let first = given.first(where: { !(ownJSON && $0 == "--json") }) else { return }
        throw ValidationError("'\(first)' is an option of the conversation ('twitchwise chat'), not of '\(command)'")
    }
}
