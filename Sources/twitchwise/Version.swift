import ArgumentParser
import TwitchwiseProtocol

/// `twitchwise version`: what `twitchwise --version` prints.
struct Version: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",  // what ArgumentParser derives from the type name, without reflection (start-up)
        abstract: "Print the version (as --version does).")

    @ParentCommand var root: Twitchwise

    func validate() throws { try root.conversationOptions.refuse(for: "version") }

    func run() throws {
        _ = Output.write(ProtocolHandler.version + "\n")
    }
}
