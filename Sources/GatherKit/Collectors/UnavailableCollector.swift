/// An entry that cannot run in this run (it needs the cluster and there is none): the runner records it as skipped
/// with the reason, in its place in the list, and runs nothing.
struct UnavailableCollector: Collector {
    let entry: CollectorEntry
    /// Why it cannot run.
    let reason: String

    init(entry: CollectorEntry, reason: String) {
        self.entry = entry
        self.reason = reason
    }

    public func run(_ context: CollectorContext) async throws {}
}
