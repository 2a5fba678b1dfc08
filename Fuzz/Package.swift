// swift-tools-version: 6.0
// libFuzzer targets for Twitchwise, in a package of their own so that the
// main build and CI never see them. Build and run them with scripts/fuzz.sh.
//
// The engine and protocol sources are the main package's own, through the
// symlinks Sources/TwitchwiseCore and Sources/TwitchwiseProtocol (only the
// files the protocol handler needs). The main package is not a dependency:
// its build-tool plugin would be compiled with the fuzzer flags too, and the
// fuzz targets read the content folders from disk instead of embedding them.
import PackageDescription

let package = Package(
    name: "TwitchwiseFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        .target(name: "TwitchwiseCore"),
        // The loader (YAML through Yams), through the symlink Sources/TwitchwiseLoader.
        .target(
            name: "TwitchwiseLoader",
            dependencies: ["TwitchwiseCore", .product(name: "Yams", package: "Yams")]
        ),
        .target(
            name: "TwitchwiseProtocol",
            dependencies: ["TwitchwiseCore"],
            sources: ["JSON.swift", "JSONParser.swift", "JSONWriter.swift", "LineReader.swift", "Output.swift", "Interruption.swift", "ProtocolHandler.swift", "SessionStore.swift", "Reply+JSON.swift"]
        ),
        .target(name: "CFuzz"),
        .target(name: "FuzzSupport", dependencies: ["TwitchwiseCore", "TwitchwiseLoader", "CFuzz"]),
        // One request line (or several) in, one reply line out per line.
        .executableTarget(name: "FuzzRequest", dependencies: ["TwitchwiseProtocol", "FuzzSupport"]),
        // The real content with one YAML file replaced by the input.
        .executableTarget(name: "FuzzLoader", dependencies: ["TwitchwiseProtocol", "TwitchwiseLoader", "FuzzSupport"]),
        // Templates and patterns of the content format, parsed, rendered and matched.
        .executableTarget(name: "FuzzText", dependencies: ["TwitchwiseCore", "FuzzSupport"]),
        // Templates parsed and rendered, each within 50 ms of CPU (issue 22).
        .executableTarget(name: "FuzzTemplate", dependencies: ["TwitchwiseCore", "FuzzSupport"]),
        // A few words grown to a message of up to 64 KiB, answered within 50 ms of CPU (issue 22).
        .executableTarget(name: "FuzzLength", dependencies: ["TwitchwiseProtocol", "FuzzSupport"]),
    ]
)
