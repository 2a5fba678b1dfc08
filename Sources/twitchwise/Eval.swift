import ArgumentParser
import TwitchwiseProtocol
import TwitchwiseAuthoring

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",  // what ArgumentParser derives from the type name, without reflection (start-up)
        abstract: "Score a question set (the JSON-lines format of shared/eval).",
        discussion: """
            Judges every turn as shared/eval/score.py does (kind, intent, urgent, mentions,
            clean, and grounded with --seeds), then prints accuracy, the most frequent
            wrong intents, per-intent precision and recall, and the out-of-scope and
            red-flag figures.
            """)

    @OptionGroup var contentOptions: ContentOptions

    @Argument(help: ArgumentHelp("The question set, one JSON case per line.", valueName: "file.jsonl"))
    var file: String

    @Flag(name: .long, help: "Print one JSON object instead of the report.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Folder of the seed documents, to check source quotes (the 'grounded' check).",
                                            valueName: "dir"))
    var seeds: String?

    @Option(name: .long, help: "How many failed turns to show.")
    var failures = 10

    func run() throws {
        let output = Evaluation.main(path: file, source: contentOptions.source, seed: contentOptions.seed, json: json,
                                     seeds: seeds, failures: failures)
        if !output.stderr.isEmpty { Output.error(output.stderr) }
        let written = Output.status(after: Output.send(output.stdout))
        if written != 0 { throw ExitCode(written) }
        if output.status != 0 { throw ExitCode(output.status) }
    }
}
