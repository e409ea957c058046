import FakeCluster
import GatherKit
import KubeClient
import TestSupport

/// Collectors run by the engine's runner against a fake cluster served in process: what the tests of every collector
/// kind share. The server and the client are stopped, and waited for, before the run is handed back; the server's
/// request log and data stay readable.
public struct FakeClusterRun: Sendable {
    /// The output folder, removed when the last copy of the run is gone.
    public let directory: TemporaryDirectory
    /// The run's summary, as the runner returned it (also in `gather-summary.json`).
    public let summary: RunSummary
    /// The server the run talked to, stopped.
    public let server: FakeAPIServer

    /// The output folder's path.
    public var root: String { directory.path }

    /// Serves `data` with `faults`, runs the collectors that `make` gives for a client of it, and stops both.
    public static func run(_ data: ClusterData, faults: [Fault] = [], clientOptions: KubeClientOptions = KubeClientOptions(),
        diskGuard: DiskGuard = DiskGuard(maximumUsedPercent: 100), since: SinceWindow = .everything,
        deadline: Duration = .seconds(300), collectors make: (KubeClient) throws -> [any Collector]) async throws
        -> FakeClusterRun
    {
        let directory = try TemporaryDirectory()
        let server = try await FakeAPIServer.start(data: data, faults: FaultPlan(faults))
        do {
            let client = try KubeClient(connection: try server.connection(), options: clientOptions)
            let summary: RunSummary
            do {
                let output = try OutputTree(root: directory.path, diskGuard: diskGuard)
                summary = await Runner(deadline: deadline, progress: { _ in })
                    .run(try make(client), output: output, since: since, heading: RunSummary.Heading(toolVersion: "test"))
            } catch {
                try? await client.shutdown()
                throw error
            }
            try await client.shutdown()
            await server.stop(grace: .milliseconds(100))
            return FakeClusterRun(directory: directory, summary: summary, server: server)
        } catch {
            await server.stop(grace: .milliseconds(100))
            throw error
        }
    }

    /// Every regular file below the root, as relative paths.
    public func files() -> [String] { RegularFiles.list(under: root) }
}
