import Yams

/// One test an entry's `when:` makes of the cluster before it runs, as the stock scripts test before they gather (the
/// namespace of an add-on, its Subscription, a CRD, the network type). A condition that does not hold skips the entry
/// with a note; it is never a failure.
public enum EntryCondition: Sendable, Hashable {
    /// The namespace exists (`namespace: openshift-frr-k8s`).
    case namespaceExists(String)
    /// A CRD of that name exists (`crd: clusters.aro.openshift.io`).
    case crdExists(String)
    /// A CRD whose group is this one or ends with `.` and this one exists (`crdGroup: olm.operatorframework.io`).
    case crdGroup(String)
    /// The API server serves the type (`served: podnetworkconnectivitychecks.controlplane.operator.openshift.io`).
    case served(String)
    /// An object exists (`object: clustercsidrivers.operator.openshift.io/csi.vsphere.vmware.com`).
    case objectExists(type: String, name: String)
    /// A Subscription for the package exists in exactly one namespace, which the entry can name as
    /// `{operatorNamespace}` (the stock scripts' `get_operator_ns`).
    case subscription(package: String)
    /// A ClusterServiceVersion whose name holds this text exists; its namespace becomes `{operatorNamespace}`.
    case clusterServiceVersion(nameContains: String)
    /// A field of one cluster-scoped object equals a value (`spec.networkType` of the network config).
    case fieldEquals(type: String, name: String, path: [String], value: String)
    /// The cluster's desired version is at least this one (`4.6`).
    case clusterVersionAtLeast(String)
    /// A node with these labels exists (`nodes: kubernetes.io/os=windows`).
    case nodesExist(selector: String)

    /// The keys a `when:` mapping may hold.
    static let keys = ["namespace", "crd", "crdGroup", "served", "object", "subscription", "clusterServiceVersion",
        "field", "clusterVersionAtLeast", "nodes"]

    /// How the condition reads in a note.
    public var description: String {
        switch self {
        case .namespaceExists(let name): "namespace \(name)"
        case .crdExists(let name): "CRD \(name)"
        case .crdGroup(let group): "a CRD of group *.\(group)"
        case .served(let type): "the type \(type)"
        case .objectExists(let type, let name): "\(type)/\(name)"
        case .subscription(let package): "a Subscription to \(package)"
        case .clusterServiceVersion(let text): "a ClusterServiceVersion named *\(text)*"
        case .fieldEquals(let type, let name, let path, let value):
            "\(type)/\(name) \(path.joined(separator: ".")) = \(value)"
        case .clusterVersionAtLeast(let version): "cluster version \(version) or later"
        case .nodesExist(let selector): "a node with \(selector)"
        }
    }

    /// Whether the condition names the operator's namespace for the entry to use.
    var bindsOperatorNamespace: Bool {
        switch self {
        case .subscription, .clusterServiceVersion: true
        default: false
        }
    }
}

extension CollectorEntryFields {
    /// The entry's `when:` mapping: every condition in it must hold for the entry to run.
    func conditions() throws(SpecError) -> [EntryCondition] {
        guard let node = mapping["when"] else { return [] }
        guard let when = node.mapping, !when.isEmpty else {
            throw problem("`when` must be a mapping of conditions (\(EntryCondition.keys.joined(separator: ", ")))",
                at: "when")
        }
        var conditions: [EntryCondition] = []
        for (key, value) in when {
            let name = key.string ?? ""
            conditions.append(try condition(name, value))
        }
        return conditions
    }

    private func condition(_ key: String, _ value: Node) throws(SpecError) -> EntryCondition {
        func text() throws(SpecError) -> String {
            guard value.scalar != nil, let text = value.string, !text.isEmpty else {
                throw problem("`when.\(key)` must be text", at: "when")
            }
            return text
        }
        func typeAndName(_ text: String) throws(SpecError) -> (String, String) {
            let parts = text.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw problem("`when.\(key)` must be TYPE/NAME, not `\(text)`", at: "when")
            }
            return (String(parts[0]), String(parts[1]))
        }
        switch key {
        case "namespace": return .namespaceExists(try text())
        case "crd": return .crdExists(try text())
        case "crdGroup": return .crdGroup(try text())
        case "served": return .served(try text())
        case "subscription": return .subscription(package: try text())
        case "clusterServiceVersion": return .clusterServiceVersion(nameContains: try text())
        case "nodes": return .nodesExist(selector: try text())
        case "object":
            let (type, name) = try typeAndName(try text())
            return .objectExists(type: type, name: name)
        case "clusterVersionAtLeast":
            let version = try text()
            guard ClusterVersionNumber(version) != nil else {
                throw problem("`when.clusterVersionAtLeast` `\(version)` is not a version such as 4.6", at: "when")
            }
            return .clusterVersionAtLeast(version)
        case "field":
            guard let field = value.mapping, let object = field["object"]?.string, let path = field["path"]?.string,
                let equals = field["equals"]?.string, field.count == 3, !path.isEmpty
            else {
                throw problem("`when.field` needs `object` (TYPE/NAME), `path` (spec.networkType) and `equals`",
                    at: "when")
            }
            let (type, name) = try typeAndName(object)
            return .fieldEquals(type: type, name: name, path: path.split(separator: ".").map(String.init),
                value: equals)
        default:
            throw problem("unknown condition `\(key)` in `when` (one of: \(EntryCondition.keys.joined(separator: ", ")))",
                at: "when")
        }
    }
}
