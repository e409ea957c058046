import ArgumentParser
import Foundation
import GatherKit
import KubeClient

/// Options that choose and tune the connection to the cluster, shared by every subcommand.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "Path to a kubeconfig; wins over KUBECONFIG, the in-cluster service account and ~/.kube/config.")
    var kubeconfig: String?

    @Option(help: "The kubeconfig context to use instead of the current one.")
    var context: String?

    @Option(name: .customLong("as"),
        help: "A user to impersonate, as kubectl's --as (wins over the kubeconfig's `as`).")
    var impersonateUser: String?

    @Option(name: .customLong("as-group"),
        help: "A group to impersonate, repeatable, as kubectl's --as-group (wins over the kubeconfig's `as-groups`).")
    var impersonateGroups: [String] = []

    @Option(name: .customLong("as-uid"), help: "A UID to impersonate, as kubectl's --as-uid.")
    var impersonateUID: String?

    /// No rate limit by default: the in-flight bound already caps the load, and adapts to a slow server (measured: at
    /// 200 a second, the large benchmark took longer than kubectl's one-at-a-time dump).
    @Option(help: "Client-side rate limit, requests per second (default 0: none; --concurrency bounds the load).")
    var qps: Double = 0

    @Option(help: "Most requests in flight at once.")
    var concurrency: Int = 16

    @Option(help: "Items asked for per page of a list at most (fewer for large objects), as kubectl's --chunk-size.")
    var chunkSize = 500

    @Option(help: "How long to wait for the server to start answering a request, a Go duration.")
    var requestTimeout = GoDurationArgument(.seconds(60))

    @Option(help: "The longest silence in the middle of an answer (a log, a list) before it counts as stalled.")
    var stallTimeout = GoDurationArgument(.seconds(60))

    /// Whether the command line names the cluster (`--kubeconfig`, `--context`): then a broken configuration is a
    /// usage error, not something to gather around.
    var isExplicit: Bool { kubeconfig != nil || context != nil }

    /// The connection, or a usage error (exit status 2) that names the file and field at fault.
    func resolve() throws -> ClusterConnection {
        do {
            return impersonating(try ConnectionResolver().resolve(explicitKubeconfig: kubeconfig, context: context))
        } catch {
            throw ExitStatus.UsageError(error)
        }
    }

    /// `connection` with the impersonation flags in force: as in kubectl, each flag given replaces the kubeconfig's
    /// field of the same meaning.
    func impersonating(_ connection: ClusterConnection) -> ClusterConnection {
        var connection = connection
        if let impersonateUser { connection.impersonation.user = impersonateUser }
        if !impersonateGroups.isEmpty { connection.impersonation.groups = impersonateGroups }
        if let impersonateUID { connection.impersonation.uid = impersonateUID }
        return connection
    }

    /// Client options from the flags.
    func clientOptions() -> KubeClientOptions {
        KubeClientOptions(queriesPerSecond: qps, burst: max(1, Int(qps * 2)), maximumConcurrentRequests: concurrency,
            requestTimeout: requestTimeout.duration, readIdleTimeout: stallTimeout.duration, pageSize: max(1, chunkSize),
            userAgent: "gather")
    }
}

func printError(_ text: String) {
    var standardError = StandardError()
    print(text, to: &standardError)
}

/// Standard error as a `TextOutputStream`.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
