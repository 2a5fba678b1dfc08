import ArgumentParser
import TwitchwiseProtocol
import TwitchwiseAuthoring

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",  // what ArgumentParser derives from the type name, without reflection (start-up)
        abstract: "Score a question set (JSON lines, the format of docs/evaluation.md).",
        discussion: """
            Each line of the set is a case, {"id", "cat", "turns": [{"text", "kind",
            "intent", "urgent", "mentions"}]}: see docs/evaluation.md, and a sample in
            docs/sample-eval.jsonl.
            Judges every turn (kind, intent, urgent, mentions, clean, and grounded with
            --seeds), then prints the failed turns (naming each missing 'mentions' group),
            accuracy, the most frequent wrong intents, per-intent precision and recall,
            and the out-of-scope and red-flag figures. Exit status: 0 every turn passed
            (with --min-accuracy: the accuracy is at least that), 1 otherwise, 2 the set
            or --seeds could not be used (each problem located).
            """)

    @ParentCommand var root: Twitchwise

    @OptionGroup var contentOptions: ContentOptions

    @Argument(help: ArgumentHelp("The question set, one JSON case per line.", valueName: "file.jsonl"),
              completion: .file(extensions: ["jsonl"]))
    var file: String

    // The root command reads `--json` wherever it stands (it is the conversation's option too), so
    // this flag is here for `eval --help` and the completions, and `run` reads the root's.
    @Flag(name: .long, help: "Print one JSON object instead of the report.")
    var json = false

    @Option(name: .long, help: ArgumentHelp("Folder of the seed documents, to check source quotes (the 'grounded' check).",
                                            valueName: "dir"), completion: .directory)
    var seeds: String?

    @Option(name: .long, help: "How many failed turns to show.")
    var failures = 10

    @Option(name: .long, help: ArgumentHelp(
        "Pass when the accuracy (the percentage of turns that pass) is at least this, instead of only when every turn passes.",
        valueName: "percent"))
    var minAccuracy: Double?

    func validate() throws {
        try root.conversationOptions.refuse(for: "eval", json: true)
        if let minAccuracy, !(0...100).contains(minAccuracy) {
            throw ValidationError("--min-accuracy is a percentage, from 0 to 100, not \(minAccuracy)")
        }
        if failures < 0 { throw ValidationError("--failures must be 0 or more") }
    }

    func run() throws {
        let output = Evaluation.main(path: file, source: contentOptions.source, seed: contentOptions.seed, json: json || root.conversationOptions.json,
                                     seeds: seeds, failures: failures, minAccuracy: minAccuracy)
        if !output.stderr.isEmpty { Output.error(output.stderr) }
        _ = Output.write(output.stdout)
        if output.status != 0 { throw ExitCode(output.status) }
    }
}
