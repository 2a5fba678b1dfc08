import Foundation
import PackagePlugin

/// Compiles the package's default content (Intents/, Responses/, Documents/)
/// into the `TwitchwiseContent` target, so the binary answers from any
/// working directory. Editing a content file rebuilds it.
@main
struct EmbedContent: BuildToolPlugin {
    static let folders = ["Intents", "Responses", "Documents"]

    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let root = context.package.directoryURL
        var inputs: [URL] = []
        for folder in Self.folders {
            let dir = root.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".txt") {
                inputs.append(dir.appendingPathComponent(name))
            }
        }
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedContent+Files.swift")
        let relative = inputs.map { String($0.path.dropFirst(root.path.count + 1)) }
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) content files",
                executable: try context.tool(named: "twitchwise-embed").url,
                arguments: [output.path, root.path] + relative,
                inputFiles: inputs,
                outputFiles: [output]
            )
        ]
    }
}
