/// One resource type the server serves, from discovery.
public struct APIResource: Sendable, Hashable, CustomStringConvertible {
    /// API group; empty for the core group.
    public var group: String
    /// Version, for example `v1`.
    public var version: String
    /// Plural lower-case name (`pods`, `deployments`).
    public var name: String
    /// Singular name (`pod`), possibly empty on old servers.
    public var singularName: String
    /// Kind of the objects (`Pod`).
    public var kind: String
    /// Whether objects live in namespaces.
    public var namespaced: Bool
    /// Verbs the server allows (`get`, `list`, ...).
    public var verbs: [String]
    /// Categories (`all`, ...).
    public var categories: [String]
    /// Short names (`po`).
    public var shortNames: [String]

    /// Creates a resource description.
    public init(
        group: String, version: String, name: String, singularName: String = "", kind: String, namespaced: Bool,
        verbs: [String] = ["get", "list"], categories: [String] = [], shortNames: [String] = []
    ) {
        self.group = group
        self.version = version
        self.name = name
        self.singularName = singularName
        self.kind = kind
        self.namespaced = namespaced
        self.verbs = verbs
        self.categories = categories
        self.shortNames = shortNames
    }

    /// `apps/v1`, or `v1` for the core group.
    public var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    /// The directory name oc uses for the group: the group, or `core`.
    public var groupDirectory: String { group.isEmpty ? "core" : group }
    /// `deployments.apps`, or `pods` for the core group.
    public var qualifiedName: String { group.isEmpty ? name : "\(name).\(group)" }
    /// Whether the resource can be listed.
    public var isListable: Bool { verbs.contains("list") }
    public var description: String { qualifiedName }

    /// The collection path, cluster-wide or in `namespace`.
    public func collectionPath(namespace: String? = nil) -> String {
        APIPath.collection(group: group, version: version, resource: name, namespace: namespaced ? namespace : nil)
    }

    /// The path of one object of this type (the namespace is ignored for cluster-scoped types).
    public func objectPath(namespace: String? = nil, name: String) -> String {
        APIPath.object(group: group, version: version, resource: self.name, namespace: namespaced ? namespace : nil,
            name: name)
    }

    /// Whether `word` names this resource as kubectl accepts it: plural, singular, short name or kind, case-insensitive.
    public func isNamed(_ word: String) -> Bool {
        let lowered = word.lowercased()
        return lowered == name || lowered == singularName || lowered == kind.lowercased()
            || shortNames.contains(lowered)
    }
}
