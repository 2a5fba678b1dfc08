// swift-tools-version: 6.0
// Twitchwise: an offline, rule-based assistant for questions about muscle
// twitching, cramps and spasms. GPL-3.0-or-later (it links GNU readline).
import PackageDescription

let package = Package(
    name: "Twitchwise",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "twitchwise", targets: ["twitchwise"]),
        .library(name: "TwitchwiseCore", targets: ["TwitchwiseCore"]),
        .library(name: "TwitchwiseProtocol", targets: ["TwitchwiseProtocol"]),
        .library(name: "TwitchwiseTerminal", targets: ["TwitchwiseTerminal"]),
        .library(name: "TwitchwiseAuthoring", targets: ["TwitchwiseAuthoring"]),
        .library(name: "TwitchwiseLoader", targets: ["TwitchwiseLoader"]),
        .library(name: "TwitchwiseContentLoading", targets: ["TwitchwiseContentLoading"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The content files' YAML (libyaml), read by TwitchwiseLoader.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The matcher's queue of blocks and intents (HeapModule alone).
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // The engine: content model, normaliser, matcher, dialogue, templates.
        // Pure Swift values on the standard library and swift-collections' Heap (the matcher's tables a final class of
        // constants, shared rather than copied): no Foundation, no terminal, no stdin, no globals.
        .target(
            name: "TwitchwiseCore",
            dependencies: [.product(name: "HeapModule", package: "swift-collections")],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        // The default content (Intents/, Responses/, Documents/), compiled
        // into the binary by the EmbedContent plugin.
        .target(
            name: "TwitchwiseContent",
            plugins: [.plugin(name: "EmbedContent")]
        ),
        // Embeds the content files and the snapshot of the validated content
        // (ContentSnapshot), so content errors fail the build.
        .executableTarget(name: "twitchwise-embed", dependencies: ["TwitchwiseCore", "TwitchwiseLoader"], path: "Sources/twitchwise-embed"),
        .plugin(
            name: "EmbedContent",
            capability: .buildTool(),
            dependencies: ["twitchwise-embed"]
        ),
        .systemLibrary(
            name: "CReadline",
            providers: [.apt(["libreadline-dev"]), .brew(["readline"])]
        ),
        // The front ends, one target per job.
        // Content files to content: YAML through Yams (libyaml), the validation with every
        // problem located, the limits of a content folder. Used by the embed tool at build
        // time and by TwitchwiseContentLoading for `--content DIR` (a target of its own, as
        // the embed tool cannot depend on the embedded content it makes).
        .target(
            name: "TwitchwiseLoader",
            dependencies: ["TwitchwiseCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        // Which content to answer from: the embedded default or a folder (`--content DIR`).
        .target(
            name: "TwitchwiseContentLoading",
            dependencies: ["TwitchwiseCore", "TwitchwiseLoader", "TwitchwiseContent"],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        // The JSON-lines protocol: JSON, requests, errors, sessions, the line server, I/O.
        .target(
            name: "TwitchwiseProtocol",
            dependencies: ["TwitchwiseCore"],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        // The conversation on a terminal (REPL, readline, wrapping, styles) and its plain
        // mode: the only target that imports CReadline.
        .target(
            name: "TwitchwiseTerminal",
            dependencies: ["TwitchwiseCore", "TwitchwiseProtocol", "CReadline"],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        // For content authors: conversation files, the test runner, check, eval, reports.
        .target(
            name: "TwitchwiseAuthoring",
            dependencies: ["TwitchwiseCore", "TwitchwiseProtocol", "TwitchwiseLoader", "TwitchwiseContentLoading",
                           .product(name: "Yams", package: "Yams")],
            swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]
        ),
        .executableTarget(
            name: "twitchwise",
            dependencies: [
                "TwitchwiseCore", "TwitchwiseContentLoading", "TwitchwiseProtocol", "TwitchwiseTerminal", "TwitchwiseAuthoring",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
            // Start-up (issue 8): loading the shared Swift runtime and Foundation
            // alone takes more than three Swift hello worlds, so the release binary
            // that is measured is linked statically:
            //   swift build -c release --static-swift-stdlib --product twitchwise
            // (Benchmarks/startup.sh does it on its own scratch path). It is not set
            // here with unsafeFlags: SwiftPM applies a target's linker flags to every
            // product that links the target, and the end-to-end test bundle links this
            // one, so `swift build -c release --build-tests` would link the tests
            // against the static Foundation and fail.
        ),
        // What the tests share: the package root, the fixtures, temporary folders and the
        // driver of the built binary (a library of the tests, never linked by the product).
        .target(
            name: "TwitchwiseTestSupport",
            dependencies: ["TwitchwiseCore", "TwitchwiseContent", "TwitchwiseLoader", "TwitchwiseContentLoading", "TwitchwiseProtocol"],
            path: "Tests/TwitchwiseTestSupport",
            exclude: ["Fixtures"]  // read from the source tree (#filePath)
        ),
        // One test target per module.
        .testTarget(
            name: "TwitchwiseCoreTests",
            dependencies: [
                "TwitchwiseCore", "TwitchwiseContent", "TwitchwiseTestSupport",
                // The snapshot against the loader and the protocol's number format.
                "TwitchwiseLoader", "TwitchwiseContentLoading", "TwitchwiseProtocol",
            ]
        ),
        // The loader: YAML through Yams, located errors, limits of a content folder.
        .testTarget(
            name: "TwitchwiseLoaderTests",
            dependencies: ["TwitchwiseLoader", "TwitchwiseCore", "TwitchwiseContentLoading", "TwitchwiseTestSupport"]
        ),
        .testTarget(
            name: "TwitchwiseProtocolTests",
            dependencies: ["TwitchwiseProtocol"]
        ),
        // The REPL: scripted conversations, wrapping, colour rules, history,
        // and the real binary driven in tmux.
        .testTarget(
            name: "TwitchwiseTerminalTests",
            dependencies: ["TwitchwiseTerminal", "TwitchwiseProtocol", "TwitchwiseContentLoading", "TwitchwiseCore", "TwitchwiseContent", "TwitchwiseTestSupport"]
        ),
        // Conversation files, `test`, `check` and `eval` (issue 6).
        .testTarget(
            name: "TwitchwiseAuthoringTests",
            dependencies: ["TwitchwiseAuthoring", "TwitchwiseProtocol", "TwitchwiseLoader", "TwitchwiseContentLoading", "TwitchwiseCore", "TwitchwiseTestSupport"]
        ),
        .testTarget(
            name: "TwitchwiseEndToEndTests",
            // `twitchwise` so that `swift test` builds the binary the tests drive.
            dependencies: ["TwitchwiseProtocol", "TwitchwiseContentLoading", "TwitchwiseTestSupport", "twitchwise"]
        ),
    ]
)
