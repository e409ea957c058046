import GatherKit
import JSONCoding
import KubeClient

/// Answers the collector list's `when:` conditions from the cluster, with the session's discovery: a type, a CRD, a
/// namespace, an object, a field, the operator of a package, the cluster version, nodes with a label. Each is asked once per run
/// (``ConditionChecker`` caches), so twenty entries asking for the cluster version make one request.
struct ClusterConditions: Sendable {
    let session: InspectSession

    var client: KubeClient { session.client }

    func evaluate(_ condition: EntryCondition) async -> ConditionOutcome {
        do {
            switch condition {
            case .namespaceExists(let name):
                return try await exists(APIPath.object(group: "", version: "v1", resource: "namespaces", name: name))
                    ? .holds() : .doesNotHold("namespace \(name) not detected, skipped")
            case .crdExists(let name):
                return try await exists(APIPath.object(group: "apiextensions.k8s.io", version: "v1",
                    resource: "customresourcedefinitions", name: name))
                    ? .holds() : .doesNotHold("CRD \(name) not detected, skipped")
            case .crdGroup(let group):
                let served = try await session.discovery().resources.contains { Self.group($0.group, isIn: group) }
                return served ? .holds() : .doesNotHold("no CRD of group \(group) detected, skipped")
            case .served(let type):
                return try await session.discovery().resources(named: type).isEmpty
                    ? .doesNotHold("the server does not serve \(type), skipped") : .holds()
            case .objectExists(let type, let name):
                guard let resource = try await resource(type) else {
                    return .doesNotHold("the server does not serve \(type), skipped")
                }
                return try await exists(resource.objectPath(name: name))
                    ? .holds() : .doesNotHold("\(type)/\(name) not detected, skipped")
            case .subscription(let package):
                return try await operatorNamespace(type: "subscriptions.operators.coreos.com", what: "\"\(package)\"") {
                    $0[path: "spec", "name"]?.stringValue == package
                }
            case .clusterServiceVersion(let text):
                return try await operatorNamespace(type: "clusterserviceversions.operators.coreos.com",
                    what: "\"\(text)\"") { $0[path: "metadata", "name"]?.stringValue?.contains(text) == true }
            case .fieldEquals(let type, let name, let path, let value):
                guard let resource = try await resource(type) else {
                    return .doesNotHold("the server does not serve \(type), skipped")
                }
                let object = try await client.getJSON(resource.objectPath(name: name))
                let found = object[path: path]?.stringValue
                return found == value ? .holds()
                    : .doesNotHold("\(type)/\(name) \(path.joined(separator: ".")) is \(found ?? "not set"), not "
                        + "\(value), skipped")
            case .clusterVersionAtLeast(let minimum):
                return try await clusterVersion(atLeast: minimum)
            case .nodesExist(let selector):
                let page = try await client.getJSON("/api/v1/nodes", query: [("labelSelector", selector), ("limit", "1")])
                return page["items"]?.arrayValue?.isEmpty == false
                    ? .holds() : .doesNotHold("no node with \(selector) detected, skipped")
            }
        } catch let error as KubeError where error.kind == .notFound {
            return .doesNotHold("\(condition.description) not detected, skipped")
        } catch {
            return .unknown("\(error)")
        }
    }

    /// Whether `group` is `parent` or one of its subgroups (`catalogd.olm.operatorframework.io` is in
    /// `olm.operatorframework.io`).
    static func group(_ group: String, isIn parent: String) -> Bool {
        group == parent || group.hasSuffix("." + parent)
    }

    private func resource(_ type: String) async throws -> APIResource? {
        try await session.discovery().resources(named: type).first
    }

    private func exists(_ path: String) async throws -> Bool {
        do {
            _ = try await client.getJSON(path)
            return true
        } catch let error as KubeError where error.kind == .notFound {
            return false
        }
    }

    /// The one namespace holding an object of `type` that `matches`, as `get_operator_ns` finds it: none is a skip,
    /// several a problem (the stock script stops there too).
    private func operatorNamespace(type: String, what: String, matches: (JSONValue) -> Bool) async throws
        -> ConditionOutcome
    {
        guard let resource = try await resource(type) else {
            return .doesNotHold("\(what) not detected (no \(type)), skipped")
        }
        let namespaces = Set(try await client.listAll(resource.collectionPath()).filter(matches)
            .compactMap { $0[path: "metadata", "namespace"]?.stringValue })
        switch namespaces.count {
        case 0: return .doesNotHold("\(what) not detected, skipped")
        case 1: return .holds(operatorNamespace: namespaces.first)
        default: return .unknown("\(what) found in several namespaces: \(namespaces.sorted().joined(separator: ", "))")
        }
    }

    private func clusterVersion(atLeast minimum: String) async throws -> ConditionOutcome {
        let version = try await client.getJSON(APIPath.object(group: "config.openshift.io", version: "v1",
            resource: "clusterversions", name: "version"))
        guard let text = version[path: "status", "desired", "version"]?.stringValue,
            let found = ClusterVersionNumber(text), let wanted = ClusterVersionNumber(minimum)
        else { return .unknown("the cluster version has no status.desired.version") }
        return found >= wanted ? .holds() : .doesNotHold("cluster version is \(text), before \(minimum), skipped")
    }
}

extension InspectSession {
    /// The checker of the run's `when:` conditions, asking this session's cluster with its discovery.
    public func conditionChecker() -> ConditionChecker {
        let conditions = ClusterConditions(session: self)
        return ConditionChecker { await conditions.evaluate($0) }
    }
}
