import CollectorTestSupport
@testable import FakeCluster
import Foundation
@testable import GatherKit
@testable import Inspect
import JSONCoding
@testable import NodeLogs
import PodExec
import YAMLCoding

/// Inspect collectors run against a fake cluster, with readers of their output.
enum InspectHarness {
    /// The kinds of the built-in collector list, to read it in tests: the executable's list.
    static let kinds = CollectorKindRegistry([VersionKind.self, InspectKind.self, CountKind.self, ServiceLogsKind.self,
        NodeFilesKind.self, NodeLogFilesKind.self, ExecKind.self, CopyKind.self, APIGetKind.self, ScriptKind.self])

    /// Runs the built-in list's default entries against `data`, as the executable makes them: every kind, the
    /// conditions checked by the run's inspect session.
    static func runDefaultList(_ data: ClusterData, faults: [Fault] = [], options: InspectOptions = InspectOptions(),
        only names: Set<String>? = nil) async throws -> FakeClusterRun
    {
        let entries = try DefaultCollectorSpec.spec(kinds: kinds).defaultEntries.filter { names?.contains($0.name) ?? true }
        return try await FakeClusterRun.run(data, faults: faults, since: options.since) { client in
            let session = InspectSession(client: client, options: options)
            var services = CollectorServices()
            services.provide(client)
            services.provide(session)
            services.provide(session.conditionChecker())
            services.provide(PodLookup(client: client))
            services.provide(ProductIdentity(product: "gather", version: "0.0.0.test"))
            return CollectorFactory(services: services).make(entries)
        }
    }

    /// Runs one inspect collector per entry of `entries` (name, arguments, all namespaces) against `data`.
    static func run(_ data: ClusterData, entries: [(name: String, resources: [String], allNamespaces: Bool)],
        options: InspectOptions = InspectOptions(), diskGuard: DiskGuard = DiskGuard(maximumUsedPercent: 100),
        faults: [Fault] = []) async throws -> FakeClusterRun
    {
        try await FakeClusterRun.run(data, faults: faults, diskGuard: diskGuard, since: options.since) { client in
            let session = InspectSession(client: client, options: options)
            return entries.map { entry in
                let kind = InspectKind(resources: entry.resources, allNamespaces: entry.allNamespaces)
                return InspectCollector(entry: CollectorEntry(name: entry.name, kind: kind), parameters: kind,
                    session: session)
            }
        }
    }
}

extension FakeClusterRun {
    func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: root + "/" + relativePath)))
    }

    /// The YAML file, parsed.
    func yaml(_ relativePath: String) throws -> JSONValue? {
        try YAMLReader.documents(bytes(relativePath)).first
    }
}
