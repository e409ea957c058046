import GatherKit
import KubeClient

/// A node chosen for a node collector, with whether it is Ready (a node that is not gets a short time limit).
struct ChosenNode: Sendable, Equatable {
    var name: String
    var isReady: Bool
}

/// Finds the nodes a collector reads: by role (`node-role.kubernetes.io/<role>`; for `master` also `control-plane`,
/// which newer clusters use) or by label selector.
enum NodeSelection {
    /// The nodes `choice` names, sorted by name.
    static func nodes(_ choice: NodeChoice, client: KubeClient) async throws -> [ChosenNode] {
        let selectors: [String]
        switch choice {
        case .role(let role):
            selectors = role == "master" || role == "control-plane"
                ? ["node-role.kubernetes.io/master", "node-role.kubernetes.io/control-plane"]
                : ["node-role.kubernetes.io/\(role)"]
        case .selector(let selector):
            selectors = [selector]
        }
        var found: [String: ChosenNode] = [:]
        for selector in selectors {
            for node in try await client.listAll("/api/v1/nodes", query: [("labelSelector", selector)]) {
                guard let name = node[path: "metadata", "name"]?.stringValue else { continue }
                let ready = node[path: "status", "conditions"]?.arrayValue?
                    .first { $0["type"]?.stringValue == "Ready" }?["status"]?.stringValue == "True"
                found[name] = ChosenNode(name: name, isReady: ready)
            }
        }
        return found.values.sorted { $0.name < $1.name }
    }

    /// The nodes `choice` names for a collector; when none matches, a note in the summary says so.
    static func nodes(_ choice: NodeChoice, client: KubeClient, noting context: CollectorContext) async throws
        -> [ChosenNode]
    {
        let nodes = try await nodes(choice, client: client)
        if nodes.isEmpty { context.note("no node matches \(choice), nothing to gather") }
        return nodes
    }

    /// The folder oc's scripts use for a choice: `masters`, `workers`, or the selector itself.
    static func folderName(_ choice: NodeChoice) -> String {
        switch choice {
        case .role(let role): return role == "master" ? "masters" : role == "worker" ? "workers" : role
        case .selector(let selector): return selector
        }
    }
}
