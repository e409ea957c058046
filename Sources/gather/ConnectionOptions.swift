import ArgumentParser
import Foundation
import KubeClient

/// Options that choose and tune the connection to the cluster, shared by every subcommand.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "Path to a kubeconfig; wins over KUBECONFIG, the in-cluster service account and ~/.kube/config.")
    var kubeconfig: String?

    @Option(help: "The kubeconfig context to use instead of the current one.")
    var context: String?

    @Option(help: "Client-side rate limit, requests per second (0: unlimited).")
    var qps: Double = 200

    @Option(help: "Most requests in flight at once.")
    var concurrency: Int = 16

    /// Whether the command line names the cluster (`--kubeconfig`, `--context`): then a broken configuration is a
    /// usage error, not something to gather around.
    var isExplicit: Bool { kubeconfig != nil || context != nil }

    /// The connection, or a usage error (exit status 2) that names the file and field at fault.
    func resolve() throws -> ClusterConnection {
        do {
            return try ConnectionResolver().resolve(explicitKubeconfig: kubeconfig, context: context)
        } catch {
            throw ExitCode.configuration(describing: error)
        }
    }

    /// Client options from the flags.
    func clientOptions() -> KubeClientOptions {
        KubeClientOptions(queriesPerSecond: qps, burst: max(1, Int(qps * 2)), maximumConcurrentRequests: concurrency,
            userAgent: "gather")
    }
}

extension ExitCode {
    /// Prints `error` to standard error and returns exit status 2 (configuration or usage error, nothing gathered).
    static func configuration(describing error: any Error) -> ExitCode {
        printError("gather: \(error)")
        return ExitCode(2)
    }

    /// Prints `error` to standard error and returns exit status 1.
    static func failure(describing error: any Error) -> ExitCode {
        printError("gather: \(error)")
        return ExitCode(1)
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
