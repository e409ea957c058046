import Foundation

/// Turns spec entries into collectors. Kinds whose collectors are not part of this build are returned separately, so
/// the run records them as skipped with that reason instead of pretending to gather.
public struct CollectorFactory: Sendable {
    /// Line 1 of `version`.
    public var product: String
    /// Line 2 of `version`.
    public var version: String
    /// The environment scripts inherit.
    public var environment: [String: String]
    /// Makes the collectors that talk to the cluster; nil when the run has no cluster connection.
    public var cluster: (any ClusterCollectorMaking)?
    /// Why there is no cluster connection, when there is none.
    public var noClusterReason = "no cluster connection"

    public init(product: String, version: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        cluster: (any ClusterCollectorMaking)? = nil, noClusterReason: String? = nil)
    {
        self.product = product
        self.version = version
        self.environment = environment
        self.cluster = cluster
        if let noClusterReason { self.noClusterReason = noClusterReason }
    }

    /// The collectors for `entries`, and the entries this build cannot run with why.
    public func make(_ entries: [CollectorEntry]) -> (collectors: [any Collector], unavailable: [(CollectorEntry, String)]) {
        var collectors: [any Collector] = []
        var unavailable: [(CollectorEntry, String)] = []
        for entry in entries {
            switch entry.kind {
            case .version: collectors.append(VersionCollector(entry: entry, product: product, version: version))
            case .script: collectors.append(ScriptCollector(entry: entry, environment: environment))
            case .inspect, .serviceLogs, .nodeFiles:
                if let collector = cluster?.collector(for: entry) {
                    collectors.append(collector)
                } else if cluster == nil {
                    unavailable.append((entry, noClusterReason))
                } else {
                    unavailable.append((entry, "the \(entry.kind.name) collector is not part of this build yet"))
                }
            }
        }
        return (collectors, unavailable)
    }
}

/// Makes the collectors that need the cluster (inspect, node logs); the modules that hold the client provide it.
public protocol ClusterCollectorMaking: Sendable {
    /// The collector for `entry`, or nil when this build has none for its kind.
    func collector(for entry: CollectorEntry) -> (any Collector)?
}
