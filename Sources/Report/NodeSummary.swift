import JSONCoding

/// The nodes: how many of each role are ready, and the conditions of those that are not.
struct NodeSummary: Equatable {
    /// One node.
    struct Node: Equatable {
        var name: String
        /// Its roles from the `node-role.kubernetes.io/ROLE` labels, joined as kubectl shows them.
        var roles: String
        var ready: Bool
        var unschedulable: Bool
        var kubeletVersion: String
        /// Conditions other than a true Ready or a false pressure: what is wrong, when something is.
        var troubles: [Condition]
    }

    /// Ready and not ready counts for one set of roles.
    struct RoleCount: Equatable {
        var roles: String
        var ready = 0
        var notReady = 0
    }

    var total = 0
    var byRole: [RoleCount] = []
    /// Nodes not ready or cordoned, up to ``maximumListed``.
    var notReady: [Node] = []
    var notReadyNotListed = 0

    static let maximumListed = 200

    /// Reads `cluster-scoped-resources/core/nodes`.
    static func read(_ folder: MustGatherFolder) -> NodeSummary {
        var summary = NodeSummary()
        var counts: [String: RoleCount] = [:]
        folder.forEachClusterObject(group: "core", resource: "nodes") { object in
            let node = Self.node(object)
            summary.total += 1
            counts[node.roles, default: RoleCount(roles: node.roles)].ready += node.ready ? 1 : 0
            counts[node.roles, default: RoleCount(roles: node.roles)].notReady += node.ready ? 0 : 1
            guard !node.ready || node.unschedulable else { return }
            if summary.notReady.count < maximumListed { summary.notReady.append(node) } else { summary.notReadyNotListed += 1 }
        }
        summary.byRole = counts.values.sorted { $0.roles < $1.roles }
        summary.notReady.sort { $0.name < $1.name }
        return summary
    }

    static func node(_ object: JSONValue) -> Node {
        let labels = object[path: "metadata", "labels"]?.objectValue ?? [:]
        let prefix = "node-role.kubernetes.io/"
        let roles = labels.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }.sorted()
        let conditions = Condition.all(of: object)
        let ready = conditions.contains { $0.type == "Ready" && $0.isTrue }
        let troubles = conditions.filter { condition in
            condition.type == "Ready" ? !condition.isTrue : condition.status != "False"
        }
        return Node(name: object[path: "metadata", "name"]?.stringValue ?? "", roles: roles.isEmpty ? "<none>" : roles.joined(separator: ","),
            ready: ready, unschedulable: object[path: "spec", "unschedulable"]?.boolValue ?? false,
            kubeletVersion: object[path: "status", "nodeInfo", "kubeletVersion"]?.stringValue ?? "", troubles: troubles)
    }
}
