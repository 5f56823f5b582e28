// swift-tools-version: 6.0
import PackageDescription

// One target per layer, each depending only on the layers below it, so a wrong-way import does
// not compile. Data flows one way: source → syntax → checked program → plan → values → rendering.
//
//   BargainDiagnostics  errors with spans, and how they are shown
//   BargainUnits        units, dimensions, values, number formatting
//   BargainFiles        reading and atomically writing files
//   BargainSyntax       lexer, parser, the syntax tree
//   BargainSemantics    the checker: names, units, shapes; programs and their dependency graph
//   BargainEngine       kernels, plans, the runtime, scenarios and the workspace that holds them
//   BargainAnalysis     compare, explain, sweep, solve, diff, sensitivity, simulate, watch; the
//                       statement runner; results as data (Outcome, Table, Chart)
//   BargainRendering    results as text, charts, CSV and JSON
//   BargainNotebook     cells, commands, sessions, journal, replay, the default model
//   BargainBatch        batch runs over grids, ranges and samples
//   BargainBench        benchmarks (`bargain bench`), outside the library layers
//   LineEditing         the terminal line editor, on GNU readline
//   bargain             the executable: arguments, terminal, signals; no logic of its own
//   BargainFuzz         fuzz targets for libFuzzer (fuzz/run.sh), or a replay of fuzz/corpus
//
// Linux only: the tools run where the negotiators' servers and the economists' clusters are, and
// the code calls Glibc directly. CI builds and tests on Linux.
let package = Package(
    name: "bargain",
    products: [
        .executable(name: "bargain", targets: ["bargain"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // Persistent hash maps: a program and its values are copied at every edit (so a failed
        // edit changes nothing, and `:undo` keeps the states before), and a TreeDictionary
        // copy shares all but the path it changes, where a Dictionary copies every entry.
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
    ],
    targets: [
        .target(name: "BargainDiagnostics"),
        .target(name: "BargainUnits", dependencies: ["BargainDiagnostics"]),
        .target(name: "BargainFiles", dependencies: ["BargainDiagnostics"]),
        .target(name: "BargainSyntax", dependencies: ["BargainUnits"]),
        .target(name: "BargainSemantics", dependencies: [
            "BargainSyntax", .product(name: "HashTreeCollections", package: "swift-collections"),
        ]),
        .target(name: "BargainEngine", dependencies: [
            "BargainSemantics", .product(name: "HashTreeCollections", package: "swift-collections"),
        ]),
        .target(name: "BargainAnalysis", dependencies: ["BargainEngine"]),
        .target(name: "BargainRendering", dependencies: ["BargainAnalysis"]),
        .target(
            name: "BargainNotebook",
            dependencies: ["BargainRendering", "BargainFiles"],
            // The default model, built into the binary so `bargain` works from any directory.
            // The files are links into Models/, the one copy people read and edit.
            resources: [
                .embedInCode("Resources/care-capacity.bargain"),
                .embedInCode("Resources/proposals-2025.bargain"),
            ]
        ),
        .target(name: "BargainBatch", dependencies: ["BargainNotebook"]),
        .target(name: "BargainBench", dependencies: ["BargainBatch"]),
        .systemLibrary(
            name: "CReadline",
            providers: [.apt(["libreadline-dev"])]
        ),
        .target(name: "LineEditing", dependencies: ["CReadline"]),
        .executableTarget(
            name: "bargain",
            dependencies: [
                "BargainBatch",
                "BargainBench",
                "LineEditing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The fuzz targets: built plainly, it replays files through them (the committed corpus
        // in fuzz/corpus); `fuzz/run.sh` builds it with libFuzzer for a campaign.
        .executableTarget(name: "BargainFuzz", dependencies: ["BargainBatch"]),
        .testTarget(
            name: "BargainKitTests",
            dependencies: ["BargainBatch", "BargainBench"],
            exclude: ["Golden"],  // SVG files ExhibitTests reads by path
            resources: [.copy("Resources")]
        ),
        // Test-only: forkpty() in C, so nothing runs in Swift between fork and exec.
        .target(name: "CPTY", path: "Tests/CPTY"),
        // Drives the built `bargain` binary as a user would: pipes, files, a pseudo-terminal.
        .testTarget(name: "bargainTests", dependencies: ["bargain", "BargainBatch", "CPTY"]),
    ],
    swiftLanguageModes: [.v6]
)
