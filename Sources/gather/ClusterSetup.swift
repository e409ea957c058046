import ArgumentParser
import GatherKit
import Inspect
import KubeClient
import NodeLogs

/// The connection a run needs when some collector talks to the cluster: the client, the version it reports, and the
/// makers of the cluster collectors.
struct ClusterSetup {
    let client: KubeClient
    let collectors: ClusterCollectors
    /// `OpenShift 4.8.0 (Kubernetes v1.21.1)`, `Kubernetes v1.31.0`, or nil when the server did not say.
    let versionDescription: String?

    /// Resolves the connection (a broken configuration is exit status 2) and asks the server its version; an
    /// unreachable server is not fatal here: each collector meets it and records it.
    /// - Parameter commandLineInspect: whether inspect resources follow oc's command line (`TYPE NAME...`).
    /// - Parameter quiet: throw ``Unconfigured`` instead of printing a configuration error and exiting with status 2.
    static func connect(_ options: ConnectionOptions, inspect: InspectOptions, commandLineInspect: Bool = false,
        quiet: Bool = false) async throws -> ClusterSetup
    {
        let connection: ClusterConnection
        if quiet {
            do {
                connection = try ConnectionResolver().resolve(explicitKubeconfig: nil, context: nil)
            } catch {
                throw Unconfigured(reason: "\(error)")
            }
        } else {
            connection = try options.resolve()
        }
        let client: KubeClient
        do {
            client = try KubeClient(connection: connection, options: options.clientOptions())
        } catch {
            throw ExitCode.configuration(describing: error)
        }
        Console.line("cluster \(connection.server) (\(connection.source))")
        let version = await ClusterVersion.describe(client)
        if version == nil { Console.line("the cluster did not answer /version; collectors will report what fails") }
        return ClusterSetup(client: client,
            collectors: ClusterCollectors(session: InspectSession(client: client, options: inspect),
                commandLineInspect: commandLineInspect),
            versionDescription: version)
    }
}

extension ClusterSetup {
    /// No cluster is configured (no kubeconfig, no service account).
    struct Unconfigured: Error {
        let reason: String
    }
}

/// Makes the collectors that talk to the cluster.
struct ClusterCollectors: ClusterCollectorMaking {
    let session: InspectSession
    let commandLineInspect: Bool

    func collector(for entry: CollectorEntry) -> (any Collector)? {
        switch entry.kind {
        case .inspect: return InspectCollector(entry: entry, session: session, commandLineArguments: commandLineInspect)
        case .serviceLogs: return ServiceLogsCollector(entry: entry, client: session.client)
        case .nodeFiles: return NodeFilesCollector(entry: entry, client: session.client)
        case .version, .script: return nil
        }
    }
}

/// The cluster's version as a support engineer reads it.
enum ClusterVersion {
    /// Kubernetes' `gitVersion`, and OpenShift's desired version when the cluster has a ClusterVersion.
    static func describe(_ client: KubeClient) async -> String? {
        guard let kubernetes = try? await client.serverVersion()["gitVersion"]?.stringValue else { return nil }
        let path = APIPath.object(group: "config.openshift.io", version: "v1", resource: "clusterversions", name: "version")
        if let openshift = try? await client.getJSON(path)[path: "status", "desired", "version"]?.stringValue {
            return "OpenShift \(openshift) (Kubernetes \(kubernetes))"
        }
        return "Kubernetes \(kubernetes)"
    }
}
