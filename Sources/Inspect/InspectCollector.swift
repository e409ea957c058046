import GatherKit

/// Runs an `inspect` entry: an in-process `oc adm inspect` of its resources.
struct InspectCollector: Collector {
    let entry: CollectorEntry
    /// What to inspect.
    let parameters: InspectKind
    /// What every inspect of the run shares.
    let session: InspectSession

    init(entry: CollectorEntry, parameters: InspectKind, session: InspectSession) {
        self.entry = entry
        self.parameters = parameters
        self.session = session
    }

    func run(_ context: CollectorContext) async throws {
        try await Inspector(session: session, context: context).run(arguments: try parameters.arguments(),
            namespace: parameters.namespace, allNamespaces: parameters.allNamespaces, selector: parameters.selector)
    }
}
