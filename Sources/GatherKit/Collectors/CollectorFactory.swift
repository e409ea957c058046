/// Turns spec entries into collectors, each by its kind, with what the run provides. An entry that cannot be made
/// (it needs the cluster and the run has none) becomes an ``UnavailableCollector`` with the reason, so the run
/// records it as skipped in its place instead of pretending to gather.
public struct CollectorFactory: Sendable {
    /// What the kinds make their collectors with.
    var services: CollectorServices
    /// Why the run has no cluster connection, when it has none: entries that need the cluster are skipped with it.
    var noCluster: String?

    public init(services: CollectorServices, noCluster: String? = nil) {
        self.services = services
        self.noCluster = noCluster
    }

    /// The collectors for `entries`, in their order.
    public func make(_ entries: [CollectorEntry]) -> [any Collector] {
        entries.map { entry in
            if entry.needsCluster, let noCluster {
                return UnavailableCollector(entry: entry, reason: noCluster)
            }
            do {
                if !entry.conditions.isEmpty {
                    return ConditionalCollector(entry: entry, conditions: entry.conditions,
                        checker: try services.require(ConditionChecker.self), services: services)
                }
                return try entry.kind.makeCollector(for: entry, using: services)
            } catch {
                return UnavailableCollector(entry: entry, reason: "the \(entry.kindName) collector cannot run: \(error)")
            }
        }
    }
}
