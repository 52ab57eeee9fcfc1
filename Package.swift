// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Loa",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "loa", targets: ["loa"]),
        .library(name: "LoaCore", targets: ["LoaCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
    ],
    targets: [
        // libcmark from the system (Debian: libcmark-dev), reached through pkg-config.
        .systemLibrary(
            name: "Ccmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        // zlib from the system (Debian: zlib1g-dev) for the deterministic .gz copies.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        .target(name: "CLoaSystem"),
        .target(
            name: "LoaCore",
            dependencies: [
                "Ccmark",
                "CLoaSystem",
                "CZlib",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // `loa serve`: the HTTP server with live reload, kept apart so LoaCore stays light.
        .target(
            name: "LoaServer",
            dependencies: [
                "LoaCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .executableTarget(
            name: "loa",
            dependencies: [
                "LoaCore",
                "LoaServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .testTarget(
            name: "LoaCoreTests",
            dependencies: ["LoaCore", "LoaServer"],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
