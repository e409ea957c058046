import GatherKit

/// The `inspect` kind of the collector list: an in-process `oc adm inspect` of its resources.
public struct InspectCollector: Collector {
    public let entry: CollectorEntry
    /// What every inspect of the run shares.
    public let session: InspectSession
    /// Whether the resources follow `oc adm inspect`'s command line (`TYPE NAME...`) rather than the collector list's
    /// one argument per entry.
    public let commandLineArguments: Bool

    public init(entry: CollectorEntry, session: InspectSession, commandLineArguments: Bool = false) {
        self.entry = entry
        self.session = session
        self.commandLineArguments = commandLineArguments
    }

    public func run(_ context: CollectorContext) async throws {
        guard case .inspect(let resources, let namespace, let allNamespaces) = entry.kind else {
            preconditionFailure("InspectCollector runs inspect entries only")
        }
        let arguments = commandLineArguments ? try ResourceArguments(resources) : try ResourceArguments(entries: resources)
        try await Inspector(session: session, context: context)
            .run(arguments: arguments, namespace: namespace, allNamespaces: allNamespaces)
    }
}
