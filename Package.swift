// swift-tools-version:6.0
// Cardbox: a contacts server whose database is a plain folder of vCard files.
// No package dependencies: only what the Swift toolchain ships.
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

let package = Package(
    name: "cardbox",
    targets: [
        // Byte-level text helpers shared by the parsers: ASCII classes, trimming, percent-decoding, civil dates. Pure.
        .target(name: "ByteText", swiftSettings: strict),
        // Pure vCard layer: lexer, parser, serializer, escaping, folding. No I/O.
        .target(name: "VCard", dependencies: ["ByteText"], swiftSettings: strict),
        // A strict, exact JSON value, parser and writer (pure).
        .target(name: "JSON", swiftSettings: strict),
        // The epoll, eventfd and inotify headers Glibc's Swift module lacks, and wrappers for a few GNU calls.
        .target(name: "CSystem"),
        // Thin typed wrappers over the system calls Cardbox uses: files, sockets, epoll, inotify.
        .target(name: "Platform", dependencies: ["CSystem"], swiftSettings: strict),
        // Hand-written HTTP/1.1 and WebSocket server: pure codecs plus an epoll event loop.
        .target(name: "HTTPServer", dependencies: ["ByteText", "Platform"], swiftSettings: strict),
        // Contacts on top of vCard: model, mapping, folder I/O, index, queries.
        .target(name: "ContactStore", dependencies: ["ByteText", "VCard", "JSON", "Platform"], swiftSettings: strict),
        // Git-native folders: running git, the --git auto-committer, per-contact history.
        .target(name: "GitFolder", dependencies: ["ContactStore", "Platform", "VCard"], swiftSettings: strict),
        // The REST API and live events over the store: routes, JSON, envelopes, security, WebSocket streams.
        .target(name: "CardboxAPI", dependencies: ["ByteText", "ContactStore", "GitFolder", "HTTPServer", "JSON", "VCard", "Platform"], swiftSettings: strict),
        // The command line: serve, check, import, export.
        .executableTarget(name: "cardbox", dependencies: ["CardboxAPI", "ContactStore", "GitFolder", "HTTPServer", "VCard", "Platform"], swiftSettings: strict),
        // Benchmarks (release build): parse, store, query, http, events, git-history, git-writes, duplicates; corpus makes their folders.
        .executableTarget(name: "cardbox-bench", dependencies: ["CardboxAPI", "ContactStore", "GitFolder", "HTTPServer", "HTTPTestSupport", "JSON", "VCard", "Platform"], swiftSettings: strict),

        .testTarget(name: "ByteTextTests", dependencies: ["ByteText"], swiftSettings: strict),
        .testTarget(name: "VCardTests", dependencies: ["VCard", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "JSONTests", dependencies: ["JSON"], swiftSettings: strict),
        // A blocking HTTP/WebSocket test client shared by the server and API tests.
        .target(name: "HTTPTestSupport", dependencies: ["HTTPServer", "Platform"], path: "Tests/HTTPTestSupport", swiftSettings: strict),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "HTTPTestSupport", "Platform"], swiftSettings: strict),
        .testTarget(name: "CardboxAPITests", dependencies: ["CardboxAPI", "ContactStore", "HTTPServer", "HTTPTestSupport", "JSON", "Platform"], swiftSettings: strict),
        // A temporary-folder helper shared by the store and command-line tests.
        .target(name: "TestSupport", path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "CardboxCLITests", dependencies: ["cardbox", "ContactStore", "HTTPServer", "HTTPTestSupport", "TestSupport", "VCard"], swiftSettings: strict),
        .testTarget(name: "GitFolderTests", dependencies: ["GitFolder", "ContactStore", "VCard"], swiftSettings: strict),
        .testTarget(name: "ContactStoreTests", dependencies: ["CardboxAPI", "ContactStore", "VCard", "JSON", "Platform", "TestSupport", "cardbox-bench"], swiftSettings: strict),
    ]
)
