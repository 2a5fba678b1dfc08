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
            same example under two intents, intents with fewer than 5 examples) and what
            the matcher finds: examples that classify to another intent, canonical questions
            that do not come back to their intent, patterns that can never win. One line per
            problem, file:line:col: error|warning: message. Exit status 1 on an error (or,
            with --baseline, on a warning the baseline does not list), 2 when the baseline
            cannot be read, 0 otherwise.
            """)

    @ParentCommand var root: Twitchwise

    @OptionGroup var contentOptions: ContentOptions

    @Flag(name: .long, help: "Print only the errors (the warnings are counted).")
    var errorsOnly = false

    @Option(name: .long, help: ArgumentHelp(
        "The known warnings, one 'file: message' a line: these are counted, not printed, and any other warning fails the check.",
        valueName: "file"), completion: .file())
    var baseline: String?

    @Flag(name: .long, help: "Print the warnings of now as a baseline file (redirect it to the file --baseline reads).")
    var printBaseline = false

    func validate() throws { try root.conversationOptions.refuse(for: "check") }

    func run() throws {
        let output = ContentCheck.main(source: contentOptions.source, seed: contentOptions.seed, errorsOnly: errorsOnly,
                                       baseline: baseline, printBaseline: printBaseline)
        if !output.stderr.isEmpty { Output.error(output.stderr) }
        _ = Output.write(output.stdout)
        if output.status != 0 { throw ExitCode(output.status) }
    }
}
