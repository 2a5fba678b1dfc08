// swift-tools-version: 6.1
// The Twitchwise benchmarks (issue 8), a package of their own so that the main
// package and CI never build the benchmark dependency.
//   cd Benchmarks && swift package benchmark
import Foundation
import PackageDescription

// The main package is the parent folder; SwiftPM names a path dependency after
// its folder (wt-bench, main, twitchwise...), so read that name here.
let mainPackage = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "TwitchwiseBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Synthetic content at 10x/100x and the benchmark messages; shared by
        // the benchmark suite and the callgrind driver.
        .target(
            name: "TwitchwiseSynth",
            dependencies: [
                .product(name: "TwitchwiseCore", package: mainPackage),
                .product(name: "TwitchwiseContentLoading", package: mainPackage),
                .product(name: "TwitchwiseLoader", package: mainPackage),
                .product(name: "TwitchwiseProtocol", package: mainPackage),
            ]
        ),
        // A small driver for valgrind --tool=callgrind and quick timings:
        //   swift run -c release synth-driver 100 2000
        .executableTarget(
            name: "synth-driver",
            dependencies: ["TwitchwiseSynth"]
        ),
        .executableTarget(
            name: "TwitchwiseBenchmarks",
            dependencies: [
                "TwitchwiseSynth",
                .product(name: "TwitchwiseCore", package: mainPackage),
                .product(name: "TwitchwiseContentLoading", package: mainPackage),
                .product(name: "TwitchwiseLoader", package: mainPackage),
                .product(name: "TwitchwiseProtocol", package: mainPackage),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/TwitchwiseBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
