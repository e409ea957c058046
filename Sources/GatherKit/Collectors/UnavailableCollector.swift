/// An entry that cannot run in this run (it needs the cluster and there is none): the runner records it as skipped
/// with the reason, in its place in the list, and runs nothing.
public struct UnavailableCollector: Collector {
    public let entry: CollectorEntry
    /// Why it cannot run.
    public let reason: String

    public init(entry: CollectorEntry, reason: String) {
        self.entry = entry
        self.reason = reason
    }

    public func run(_ context: CollectorContext) async throws {}
}
