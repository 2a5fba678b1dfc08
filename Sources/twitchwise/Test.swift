import ArgumentParser
import TwitchwiseProtocol
import TwitchwiseAuthoring

struct Test: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",  // what ArgumentParser derives from the type name, without reflection (start-up)
        abstract: "Run conversation files: canned questions and what each answer must be.",
        discussion: """
            Each file holds conversations (see Conversations/README.md); the turns of one
            conversation share a session. With no PATHS it runs the project's own
            Conversations/ folder (next to --content, or in the current directory).
            Exit status: 0 all pass, 1 a conversation failed, 2 a file could not be used.
            """)

    @ParentCommand var root: Twitchwise

    @OptionGroup var contentOptions: ContentOptions

    @Argument(help: ArgumentHelp("Conversation files, or folders of them.", valueName: "path"), completion: .file(extensions: ["yaml"]))
    var paths: [String] = []

    @Option(name: .long, help: ArgumentHelp("Also write a JUnit XML report here.", valueName: "file"))
    var junit: String?

    @Flag(name: .long, help: "Rewrite the golden 'answer:' texts that differ with the answers given now.")
    var record = false

    @Flag(name: .long, help: "List the intents, responses and template branches no conversation reached.")
    var coverage = false

    func validate() throws { try root.conversationOptions.refuse(for: "test") }

    func run() throws {
        let output = TestRunner.main(TestRunOptions(
            paths: paths, source: contentOptions.source, seed: contentOptions.seed, junit: junit, record: record,
            coverage: coverage))
        if !output.stderr.isEmpty { Output.error(output.stderr) }
        _ = Output.write(output.stdout)
        if output.status != 0 { throw ExitCode(output.status) }
    }
}
