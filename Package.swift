// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "bargain",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "bargain", targets: ["bargain"]),
        .library(name: "BargainKit", targets: ["BargainKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The language and engine: no terminal, never prints, never exits.
        .target(
            name: "BargainKit",
            // The default model, built into the binary so `bargain` works from any directory.
            // The files are links into Models/, the one copy people read and edit.
            resources: [
                .embedInCode("Resources/care-capacity.bargain"),
                .embedInCode("Resources/proposals-2025.bargain"),
            ]
        ),
        .systemLibrary(
            name: "CReadline",
            providers: [.apt(["libreadline-dev"])]
        ),
        .executableTarget(
            name: "bargain",
            dependencies: [
                "BargainKit",
                "CReadline",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "BargainKitTests",
            dependencies: ["BargainKit"],
            resources: [.copy("Resources")]
        ),
        // Test-only: forkpty() in C, so nothing runs in Swift between fork and exec.
        .target(name: "CPTY", path: "Tests/CPTY"),
        // Drives the built `bargain` binary as a user would: pipes, files, a pseudo-terminal.
        .testTarget(name: "bargainTests", dependencies: ["bargain", "BargainKit", "CPTY"]),
    ],
    swiftLanguageModes: [.v6]
)
