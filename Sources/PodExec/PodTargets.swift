import GatherKit
import JSONCoding
import KubeClient

/// The pods an `exec` or `copy` entry runs in: one pod by name, or the pods of a namespace that a label selector
/// matches, the first running one (preferring a ready one) or each running one, as the stock scripts choose them
/// (`oc get pods -l app=etcd` and the first Running, or every router of an ingress controller). `nodeAnnotation:
/// KEY=VALUE` keeps the pods on nodes so annotated (the machine-config daemons of the nodes marked Degraded).
struct PodTargets: Sendable, Equatable {
    /// One pod, or every one.
    enum Which: String, Sendable {
        case first, each
    }

    /// The fields an entry chooses its pods with.
    static let fields = ["namespace", "pod", "selector", "pods", "nodeAnnotation"]

    var namespace: String
    /// The pod's name, when the entry names one.
    var name: String?
    /// The label selector, when the entry does not name a pod.
    var selector: String?
    var which: Which
    /// The annotation, `KEY=VALUE`, that the pods' nodes must have.
    var nodeAnnotation: (key: String, value: String)?

    init(namespace: String, name: String? = nil, selector: String? = nil, which: Which = .first) {
        self.namespace = namespace
        self.name = name
        self.selector = selector
        self.which = which
    }

    /// Reads `namespace`, then `pod` or `selector` (one of them), and `pods: first | each`.
    init(reading fields: CollectorEntryFields) throws(SpecError) {
        namespace = try fields.requiredString("namespace")
        name = try fields.string("pod")
        selector = try fields.string("selector")
        guard (name == nil) != (selector == nil) else {
            throw fields.problem("choose the pods with `pod` or `selector`, one of them")
        }
        let which = try fields.string("pods") ?? "first"
        guard let chosen = Which(rawValue: which) else {
            throw fields.problem("`pods` is `first` or `each`, not `\(which)`", at: "pods")
        }
        self.which = chosen
        if let text = try fields.string("nodeAnnotation") {
            let parts = text.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, !parts[0].isEmpty else {
                throw fields.problem("`nodeAnnotation` must be KEY=VALUE, not `\(text)`", at: "nodeAnnotation")
            }
            nodeAnnotation = (String(parts[0]), String(parts[1]))
        }
    }

    static func == (left: PodTargets, right: PodTargets) -> Bool {
        left.namespace == right.namespace && left.name == right.name && left.selector == right.selector
            && left.which == right.which && left.nodeAnnotation?.key == right.nodeAnnotation?.key
            && left.nodeAnnotation?.value == right.nodeAnnotation?.value
    }

    /// A pod chosen, with the labels its output path may name.
    struct Pod: Sendable, Equatable {
        var name: String
        var labels: [String: String]
        /// The node it runs on.
        var node: String? = nil
    }

    /// The pods to run in, sorted by name: for `first`, at most one.
    func pods(lookup: PodLookup) async throws -> [Pod] {
        let items = try await lookup.pods(in: namespace, selector: selector)
        let nodes = try await annotatedNodes(lookup: lookup)
        var running: [(pod: Pod, ready: Bool)] = []
        for item in items {
            guard let podName = item[path: "metadata", "name"]?.stringValue, name == nil || podName == name,
                item[path: "status", "phase"]?.stringValue == "Running"
            else { continue }
            let node = item[path: "spec", "nodeName"]?.stringValue
            if let nodes, !nodes.contains(node ?? "") { continue }
            var labels: [String: String] = [:]
            if case .object(let members)? = item[path: "metadata", "labels"] {
                for (key, value) in members { labels[key] = value.stringValue }
            }
            let ready = item[path: "status", "conditions"]?.arrayValue?
                .contains { $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True" } ?? false
            running.append((Pod(name: podName, labels: labels, node: node), ready))
        }
        running.sort { $0.pod.name < $1.pod.name }
        guard which == .first else { return running.map(\.pod) }
        return (running.first { $0.ready } ?? running.first).map { [$0.pod] } ?? []
    }

    /// The names of the nodes with ``nodeAnnotation``, or nil when the entry does not ask for one.
    private func annotatedNodes(lookup: PodLookup) async throws -> Set<String>? {
        guard let nodeAnnotation else { return nil }
        let nodes = try await lookup.nodes()
        return Set(nodes.filter { $0[path: "metadata", "annotations", nodeAnnotation.key]?.stringValue
            == nodeAnnotation.value }.compactMap { $0[path: "metadata", "name"]?.stringValue })
    }

    /// How the entry's pods read in a note.
    var description: String {
        (name.map { "pod \(namespace)/\($0)" } ?? "pods \(selector ?? "") in \(namespace)")
            + (nodeAnnotation.map { " on nodes annotated \($0.key)=\($0.value)" } ?? "")
    }
}
