import ArgumentParser
import TwitchwiseCore
import TwitchwiseContentLoading
import TwitchwiseProtocol

/// Options every command that answers shares: which content, which seed. Declared by the
/// root command and by each subcommand, so they are accepted on either side of the
/// subcommand's name.
struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Load content from this folder instead of the built-in content.", valueName: "dir"),
            completion: .directory)
    var content: String?

    @Option(name: .long, help: "Seed for choosing among phrasings (same seed, same replies).")
    var seed: UInt64 = 0

    var source: ContentSource { content.map { .directory($0) } ?? .embedded }

    /// The engine, or exit 2 with every content error printed.
    func engine() throws -> Engine { try Self.engine(source: source, seed: seed) }

    /// The engine for `source` and `seed`, or exit 2 with every content error printed.
    static func engine(source: ContentSource, seed: UInt64) throws -> Engine {
        do {
            let (engine, warnings) = try source.engine(options: EngineOptions(seed: seed))
            for warning in warnings { Output.error(warning.description) }
            return engine
        } catch {
            Output.error(error.description)
            throw ExitCode(2)
        }
    }
}
