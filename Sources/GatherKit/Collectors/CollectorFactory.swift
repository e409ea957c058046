/// Turns spec entries into collectors, each by its kind, with what the run provides. An entry that cannot be made
/// (it needs the cluster and the run has none) is returned apart with the reason, so the run records it as skipped
/// instead of pretending to gather.
public struct CollectorFactory: Sendable {
    /// What the kinds make their collectors with.
    public var services: CollectorServices
    /// Why the run has no cluster connection, when it has none: entries that need the cluster are skipped with it.
    public var noCluster: String?

    public init(services: CollectorServices, noCluster: String? = nil) {
        self.services = services
        self.noCluster = noCluster
    }

    /// The collectors for `entries`, and the entries that cannot run with why.
    public func make(_ entries: [CollectorEntry]) -> (collectors: [any Collector], unavailable: [(CollectorEntry, String)]) {
        var collectors: [any Collector] = []
        var unavailable: [(CollectorEntry, String)] = []
        for entry in entries {
            if entry.needsCluster, let noCluster {
                unavailable.append((entry, noCluster))
                continue
            }
            do {
                collectors.append(try entry.kind.makeCollector(for: entry, using: services))
            } catch {
                unavailable.append((entry, "the \(entry.kindName) collector cannot run: \(error)"))
            }
        }
        return (collectors, unavailable)
    }
}
