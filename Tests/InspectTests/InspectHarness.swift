import FakeCluster
import Foundation
import GatherKit
import Inspect
import JSONCoding
import KubeClient
import NodeLogs
import TestSupport
import YAMLCoding

/// Serves `data` from a fake cluster, runs inspect collectors against it through the runner, and keeps the output.
struct InspectHarness {
    /// The kinds of the built-in collector list, to read it in tests.
    static let kinds = CollectorKindRegistry([VersionKind.self, InspectKind.self, ServiceLogsKind.self,
        NodeFilesKind.self, ScriptKind.self])

    let directory: TemporaryDirectory
    let summary: RunSummary
    let server: FakeAPIServer

    var root: String { directory.path }

    /// Runs one inspect collector per entry of `resources` (name, arguments, all namespaces).
    static func run(_ data: ClusterData, entries: [(name: String, resources: [String], allNamespaces: Bool)],
        options: InspectOptions = InspectOptions(), diskGuard: DiskGuard = DiskGuard(maximumUsedPercent: 100),
        faults: [Fault] = []) async throws -> InspectHarness
    {
        let directory = try TemporaryDirectory()
        let server = try await FakeAPIServer.start(data: data, faults: FaultPlan(faults))
        let client = try KubeClient(connection: try server.connection())
        let session = InspectSession(client: client, options: options)
        let collectors: [any Collector] = entries.map { entry in
            let kind = InspectKind(resources: entry.resources, allNamespaces: entry.allNamespaces)
            return InspectCollector(entry: CollectorEntry(name: entry.name, kind: kind), parameters: kind, session: session)
        }
        let output = try OutputTree(root: directory.path, diskGuard: diskGuard)
        let recorder = SummaryRecorder(summary: RunSummary(toolVersion: "test", startedAt: Date(), options: [:],
            collectors: collectors.map { .init(name: $0.entry.name, kind: "inspect", status: .pending) }),
            directory: directory.path)
        let summary = await Runner(deadline: .seconds(300), progress: { _ in })
            .run(collectors, output: output, since: options.since, recorder: recorder)
        try await client.shutdown()
        return InspectHarness(directory: directory, summary: summary, server: server)
    }

    /// Every regular file below the root, as relative paths.
    func files() -> [String] { RegularFiles.list(under: root) }

    func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: root + "/" + relativePath)))
    }

    /// The YAML file, parsed.
    func yaml(_ relativePath: String) throws -> JSONValue? {
        try YAMLReader.documents(bytes(relativePath)).first
    }
}
