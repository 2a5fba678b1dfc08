import ArgumentParser
import TwitchwiseProtocol
import TwitchwiseAuthoring

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",  // what ArgumentParser derives from the type name, without reflection (start-up)
        abstract: "Validate content without running a conversation.",
        discussion: """
            Reports everything the loader finds (schema errors, unknown slots in templates,
            intents without responses and the reverse, quotes not in their document, the
            same example under two intents) and what the matcher finds: examples that
            classify to another intent, canonical questions that do not come back to
            their intent, patterns that can never win. One line per problem,
            file:line:col: error|warning: message. Exit status 1 on errors, 0 otherwise.
            """)

    @OptionGroup var contentOptions: ContentOptions

    func run() throws {
        let output = ContentCheck.main(source: contentOptions.source, seed: contentOptions.seed)
        let written = Output.status(after: Output.send(output.stdout))
        if written != 0 { throw ExitCode(written) }
        if output.status != 0 { throw ExitCode(output.status) }
    }
}
