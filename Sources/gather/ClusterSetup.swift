import ArgumentParser
import GatherKit
import Inspect
import JSONCoding
import KubeClient
import NodeLogs
import PodExec
import Synchronization

/// The connection a run needs when some collector talks to the cluster: the client, the version it reports, and the
/// inspect session that every inspect of the run shares.
struct ClusterSetup {
    let client: KubeClient
    let session: InspectSession
    /// `OpenShift 4.8.0 (Kubernetes v1.21.1)`, `Kubernetes v1.31.0`, or nil when the server did not say.
    let versionDescription: String?
    /// Says what the server's outages cost, on the console and in the summary; nil without a deadline.
    let outageReporting: OutageReporting?

    /// Resolves the connection (a broken configuration is exit status 2) and asks the server its version. Refused
    /// credentials (401) and a server certificate that the CA does not vouch for are exit status 2 as well, before
    /// anything is written: nothing could be gathered. An unreachable or failing server is not fatal here: each
    /// collector meets it and records it.
    ///
    /// With a `deadline`, requests wait for a server that goes away (a rollout) until shortly before it, and the
    /// outages are reported.
    /// - Parameters:
    ///   - quiet: throw ``Unconfigured`` instead of printing a configuration error and exiting with status 2.
    ///   - deadline: the run's deadline, and how long the run is in all.
    static func connect(_ options: ConnectionOptions, inspect: InspectOptions, quiet: Bool = false,
        deadline: (end: ContinuousClock.Instant, runLength: Duration)? = nil) async throws -> ClusterSetup
    {
        let connection: ClusterConnection
        if quiet {
            do {
                connection = options.impersonating(try ConnectionResolver().resolve(explicitKubeconfig: nil, context: nil))
            } catch {
                throw Unconfigured(reason: "\(error)")
            }
        } else {
            connection = try options.resolve()
        }
        var clientOptions = options.clientOptions()
        clientOptions.waitForServerUntil = deadline.map {
            OutageReporting.stopWaiting(deadline: $0.end, runLength: $0.runLength)
        }
        let client: KubeClient
        do {
            client = try KubeClient(connection: connection, options: clientOptions)
        } catch {
            throw ExitStatus.UsageError(error)
        }
        let outageReporting = deadline.map { OutageReporting(client: client, deadline: $0.end) }
        Console.line("cluster \(connection.server) (\(connection.source))")
        let version: String?
        do {
            version = try await ClusterVersion.describe(client)
        } catch {
            try? await client.shutdown()
            throw ExitStatus.UsageError(error)
        }
        if version == nil { Console.line("the cluster did not answer /version; collectors will report what fails") }
        return ClusterSetup(client: client, session: InspectSession(client: client, options: inspect),
            versionDescription: version, outageReporting: outageReporting)
    }
}

extension ClusterSetup {
    /// Gives the cluster kinds what they make their collectors with: the client, the inspect session, and the checker
    /// of the entries' `when:` conditions.
    func provide(to services: inout CollectorServices) {
        services.provide(client)
        services.provide(session)
        services.provide(session.conditionChecker())
        services.provide(PodLookup(client: client))
        services.provide(NodeFolderListings())
    }

    /// Shuts the client down, waiting at most `limit`: a connection to a server that never answers can hold the
    /// shutdown for seconds, and the summary is already written, so the run ends by its deadline all the same.
    func close(within limit: Duration = .seconds(2)) async {
        let finished = Atomic<Bool>(false)
        let client = client
        Task {
            try? await client.shutdown()
            finished.store(true, ordering: .releasing)
        }
        let end = ContinuousClock.now + limit
        while !finished.load(ordering: .acquiring), ContinuousClock.now < end {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// No cluster is configured (no kubeconfig, no service account).
    struct Unconfigured: Error {
        let reason: String
    }
}

/// The cluster's version as a support engineer reads it.
enum ClusterVersion {
    /// Kubernetes' `gitVersion`, and OpenShift's desired version when the cluster has a ClusterVersion; nil when the
    /// server does not say. Throws ``Refused`` when the server refuses the credentials or fails TLS verification, and
    /// ``CredentialPluginError`` when the kubeconfig's credential plugin gives no credential.
    static func describe(_ client: KubeClient) async throws -> String? {
        let answer: JSONValue
        do {
            answer = try await client.serverVersion()
        } catch let error as KubeError where error.kind == .unauthorized || error.kind == .tlsVerification {
            throw Refused(error: error, server: client.connection.server.description)
        } catch let error as CredentialPluginError {
            throw error
        } catch {
            return nil
        }
        guard let kubernetes = answer["gitVersion"]?.stringValue else { return nil }
        let path = APIPath.object(group: "config.openshift.io", version: "v1", resource: "clusterversions", name: "version")
        if let openshift = try? await client.getJSON(path)[path: "status", "desired", "version"]?.stringValue {
            return "OpenShift \(openshift) (Kubernetes \(kubernetes))"
        }
        return "Kubernetes \(kubernetes)"
    }
}

extension ClusterVersion {
    /// The cluster cannot be talked to at all with this configuration.
    struct Refused: Error, CustomStringConvertible {
        let error: KubeError
        let server: String

        var description: String {
            let what = error.kind == .unauthorized
                ? "\(server) refused the credentials (401 Unauthorized): the token has expired or is not valid for this cluster"
                : "\(server) could not be verified: its certificate is not signed by the configured CA, or does not name it"
            return "\(what); nothing was gathered (\(error))"
        }
    }
}
