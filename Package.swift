// swift-tools-version:6.1
import PackageDescription

/// Settings shared by every Swift target: strict concurrency comes with Swift 6 mode; these add explicit `any`.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "gather",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "gather", targets: ["gather"]),
        .executable(name: "fake-cluster", targets: ["fake-cluster"]),
    ],
    dependencies: [
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
    ],
    targets: [
        // MARK: C system libraries
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CArchive", providers: [.apt(["libarchive-dev"])]),
        .target(name: "CSpawn"),

        // MARK: Libraries
        .target(name: "JSONCoding", swiftSettings: swiftSettings),
        .target(
            name: "KubeClient",
            dependencies: [
                "JSONCoding",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Compression",
            dependencies: ["CZlib", "CArchive"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "YAMLCoding",
            // libyaml comes compiled into Yams (its CYaml module), so the binary needs no libyaml at run time.
            dependencies: ["JSONCoding", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GatherKit",
            dependencies: [
                "JSONCoding", "Compression", "CSpawn",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Inspect",
            dependencies: ["GatherKit", "JSONCoding", "KubeClient", "YAMLCoding", "Compression", "NodeProxy"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "PodExec",
            dependencies: ["GatherKit", "JSONCoding", "KubeClient", "Compression", .product(name: "NIOCore", package: "swift-nio")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "NodeProxy",
            dependencies: ["GatherKit", "KubeClient", "Compression"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "NodeLogs",
            dependencies: ["GatherKit", "JSONCoding", "KubeClient", "NodeProxy"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Report",
            dependencies: ["JSONCoding", "YAMLCoding"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "FakeCluster",
            dependencies: [
                "JSONCoding", "KubeClient", "Compression", "YAMLCoding",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        .target(
            name: "TestSupport",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CollectorTestSupport",
            dependencies: ["TestSupport", "FakeCluster", "KubeClient", "GatherKit"],
            swiftSettings: swiftSettings
        ),

        // MARK: Executables
        .executableTarget(
            name: "gather",
            dependencies: [
                "GatherKit", "Inspect", "NodeLogs", "PodExec", "Report", "Compression", "JSONCoding", "KubeClient",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "fake-cluster",
            dependencies: [
                "FakeCluster", "GatherKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Benchmarks (run with Benchmarks/*.sh, in release mode)
        .executableTarget(
            name: "yaml-throughput",
            dependencies: [
                "JSONCoding", "KubeClient", "YAMLCoding", "GatherKit", "Inspect", "TestSupport",
                .product(name: "Yams", package: "Yams"),
            ],
            path: "Benchmarks/YAMLThroughput",
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "exec-throughput",
            dependencies: ["KubeClient", .product(name: "NIOCore", package: "swift-nio")],
            path: "Benchmarks/ExecThroughput",
            swiftSettings: swiftSettings
        ),

        // MARK: Tests
        .testTarget(
            name: "KubeClientTests",
            dependencies: [
                "JSONCoding", "KubeClient", "FakeCluster", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "CompressionTests", dependencies: ["Compression", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "InspectTests",
            dependencies: [
                "Inspect", "NodeLogs", "PodExec", "GatherKit", "JSONCoding", "KubeClient", "YAMLCoding", "Compression",
                "FakeCluster", "TestSupport", "CollectorTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "NodeLogsTests",
            dependencies: [
                "NodeLogs", "GatherKit", "JSONCoding", "KubeClient", "Compression", "FakeCluster", "TestSupport",
                "CollectorTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "GatherKitTests", dependencies: ["GatherKit", "JSONCoding", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "PodExecTests",
            dependencies: [
                "PodExec", "GatherKit", "KubeClient", "FakeCluster", "Compression", "TestSupport", "CollectorTestSupport",
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "YAMLCodingTests",
            dependencies: ["YAMLCoding", "JSONCoding", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReportTests",
            dependencies: ["Report", "JSONCoding", "YAMLCoding", "TestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["TestSupport", "Compression", "YAMLCoding", "CZlib"],
            exclude: ["Golden"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "FakeClusterTests",
            dependencies: ["FakeCluster", "JSONCoding", "KubeClient", "TestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
