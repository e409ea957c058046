import Foundation

/// Finds the cluster to talk to, in kubectl's order: an explicit kubeconfig, `KUBECONFIG`, the in-cluster service
/// account, then `~/.kube/config`.
public struct ConnectionResolver: Sendable {
    /// The process environment (injectable for tests).
    var environment: [String: String]
    /// The in-cluster reader (its directory is injectable for tests).
    var inCluster: InClusterConfiguration
    /// The home directory used for `~/.kube/config`.
    var homeDirectory: String?

    /// Creates a resolver over `environment` (default: this process's).
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        inCluster: InClusterConfiguration = InClusterConfiguration(),
        homeDirectory: String? = nil
    ) {
        self.environment = environment
        self.inCluster = inCluster
        self.homeDirectory = homeDirectory ?? environment["HOME"]
    }

    /// The connection to use.
    /// - Parameters:
    ///   - explicitKubeconfig: a `--kubeconfig` path, which wins over everything.
    ///   - context: a context name to use instead of the current one.
    public func resolve(explicitKubeconfig: String? = nil, context: String? = nil) throws(ConfigurationError)
        -> ClusterConnection
    {
        var connection = try configured(explicitKubeconfig: explicitKubeconfig, context: context)
        if connection.proxy == nil {
            do {
                connection.proxy = try ProxySetting.fromEnvironment(environment, for: connection.server)
            } catch {
                throw ConfigurationError(file: "environment", field: error.field, problem: error.problem)
            }
        }
        return connection
    }

    /// The connection as the kubeconfig or the service account describes it, before the environment's proxy.
    private func configured(explicitKubeconfig: String?, context: String?) throws(ConfigurationError)
        -> ClusterConnection
    {
        if let explicitKubeconfig, !explicitKubeconfig.isEmpty {
            return try Kubeconfig(paths: [explicitKubeconfig]).connection(context: context)
        }
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            let paths = list.split(separator: ":").map(String.init).filter { !$0.isEmpty }
            let existing = paths.filter { FileManager.default.fileExists(atPath: $0) }
            guard !existing.isEmpty else {
                throw ConfigurationError(file: list, field: "KUBECONFIG", problem: "none of the named files exists")
            }
            return try Kubeconfig(paths: existing).connection(context: context)
        }
        if inCluster.isAvailable(environment: environment) {
            return try inCluster.connection(environment: environment)
        }
        if let homeDirectory {
            let path = homeDirectory + "/.kube/config"
            if FileManager.default.fileExists(atPath: path) {
                return try Kubeconfig(paths: [path]).connection(context: context)
            }
        }
        throw ConfigurationError(
            file: "configuration",
            problem: "no cluster configured: pass --kubeconfig, set KUBECONFIG, run in a pod with a service account, "
                + "or create ~/.kube/config"
        )
    }
}
