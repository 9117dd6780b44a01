// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "alchemy",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "alchemy", targets: ["alchemy"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        // System-library shims. Module names are prefixed so that they stay unique
        // across any dependency graph (GRDB and sqlite-nio ship their own SQLite modules).
        .systemLibrary(name: "CSQLite3Sys", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        // libpq and libmariadb: their headers at build time, the libraries
        // opened with dlopen when a URL needs them (CClientLoader), so that no
        // run pays for loading them and their dependency chains at start-up.
        .target(name: "CClientLoader", linkerSettings: [.linkedLibrary("dl")]),
        .target(name: "CLibPQ", dependencies: ["CClientLoader"]),
        .target(name: "CMariaDB", dependencies: ["CClientLoader"]),

        // Pure modules: no I/O.
        .target(name: "AlchemySchema", dependencies: [.product(name: "Yams", package: "Yams")]),
        .target(name: "AlchemySQL", dependencies: ["AlchemySchema"]),

        // Talks to databases.
        .target(name: "AlchemyDatabase",
                dependencies: ["AlchemySQL", "AlchemySchema", "CSQLite3Sys", "CLibPQ", "CMariaDB"]),
        .target(name: "AlchemyMigrate",
                dependencies: ["AlchemyDatabase", "AlchemySQL", "AlchemySchema",
                               .product(name: "Yams", package: "Yams"),
                               .product(name: "Mustache", package: "swift-mustache")]),
        .target(name: "AlchemyCLI",
                dependencies: ["AlchemyMigrate", "AlchemyDatabase", "AlchemySchema",
                               .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .executableTarget(name: "alchemy", dependencies: ["AlchemyCLI"]),

        // Shared by the test targets: real databases for integration tests, and the
        // operation goldens (rendered by AlchemySQLTests, executed by AlchemyDatabaseTests).
        .target(name: "AlchemyTestSupport", dependencies: ["AlchemyDatabase", "AlchemySQL", "AlchemySchema"], path: "Tests/AlchemyTestSupport"),

        .testTarget(name: "AlchemySchemaTests", dependencies: ["AlchemySchema", "AlchemyTestSupport"]),
        .testTarget(name: "AlchemySQLTests", dependencies: ["AlchemySQL", "AlchemySchema", "AlchemyTestSupport"]),
        .testTarget(name: "AlchemyDatabaseTests", dependencies: ["AlchemyDatabase", "AlchemySQL", "AlchemySchema", "AlchemyTestSupport"]),
        .testTarget(name: "AlchemyMigrateTests", dependencies: ["AlchemyMigrate", "AlchemyDatabase", "AlchemyTestSupport"]),
        .testTarget(name: "AlchemyCLITests", dependencies: ["AlchemyCLI", "AlchemyDatabase", "AlchemyTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
