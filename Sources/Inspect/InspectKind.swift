import GatherKit

/// `kind: inspect`: an in-process `oc adm inspect` of resource arguments (`ns/openshift-etcd`, `clusteroperators`,
/// `a,b,c`), in a namespace or across all namespaces. A resource may also be a category (`olm`, as `oc adm inspect -A
/// olm` expands it) or every type of an API group and its subgroups (`*.olm.operatorframework.io`); a label selector
/// narrows the lists.
public struct InspectKind: CollectorKind {
    public static let name = "inspect"
    public static let fields = ["resources", "namespace", "allNamespaces", "selector"]
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
    /// A label selector for the lists of types (`app=etcd`); named objects are taken as they are.
    public var selector: String?
    /// How `resources` are spelled.
    var style: ArgumentStyle

    public init(resources: [String], namespace: String? = nil, allNamespaces: Bool = false, selector: String? = nil,
        style: ArgumentStyle = .list)
    {
        self.resources = resources
        self.namespace = namespace
        self.allNamespaces = allNamespaces
        self.selector = selector
        self.style = style
    }

    public init(reading fields: CollectorEntryFields) throws(SpecError) {
        resources = try fields.nonEmptyStrings("resources")
        namespace = try fields.string("namespace")
        allNamespaces = try fields.bool("allNamespaces") ?? false
        selector = try fields.string("selector")
        style = .list
    }

    /// The resources and namespace with the operator's namespace put in (`ns/{operatorNamespace}`).
    public func bound(to bindings: ConditionBindings) throws(UnboundPlaceholder) -> InspectKind {
        var bound = self
        bound.resources = []
        for resource in resources { bound.resources.append(try bindings.substitute(resource)) }
        if let namespace { bound.namespace = try bindings.substitute(namespace) }
        return bound
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
