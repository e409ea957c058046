import GatherKit

/// `kind: inspect`: an in-process `oc adm inspect` of resource arguments (`ns/openshift-etcd`, `clusteroperators`,
/// `a,b,c`), in a namespace or across all namespaces.
public struct InspectKind: CollectorKind {
    public static let name = "inspect"
    public static let fields = ["resources", "namespace", "allNamespaces"]
    public static let needsCluster = true

    /// How the resources are spelled.
    public enum ArgumentStyle: Sendable, Equatable {
        /// One argument per list item, as the collector list writes them.
        case list
        /// `oc adm inspect`'s command line: `TYPE NAME...` as well (`gather inspect pods my-pod`).
        case commandLine
    }

    /// The resource arguments.
    public var resources: [String]
    /// The namespace of namespaced types; nil for the session's default.
    public var namespace: String?
    /// Namespaced types across all namespaces.
    public var allNamespaces: Bool
    /// How `resources` are spelled.
    var style: ArgumentStyle

    public init(resources: [String], namespace: String? = nil, allNamespaces: Bool = false, style: ArgumentStyle = .list) {
        self.resources = resources
        self.namespace = namespace
        self.allNamespaces = allNamespaces
        self.style = style
    }

    public init(reading fields: CollectorEntryFields) throws(SpecError) {
        resources = try fields.nonEmptyStrings("resources")
        namespace = try fields.string("namespace")
        allNamespaces = try fields.bool("allNamespaces") ?? false
        style = .list
    }

    /// The arguments, checked.
    func arguments() throws(InspectArgumentError) -> ResourceArguments {
        style == .commandLine ? try ResourceArguments(resources) : try ResourceArguments(entries: resources)
    }

    public func makeCollector(for entry: CollectorEntry, using services: CollectorServices) throws(MissingService)
        -> any Collector
    {
        InspectCollector(entry: entry, parameters: self, session: try services.require(InspectSession.self))
    }
}
