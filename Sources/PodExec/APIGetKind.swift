import Foundation
import GatherKit
import KubeClient

/// `kind: apiGet`: GETs of API server paths written to files as the server sent them, as the stock scripts'
/// `oc get --raw` does: `/debug/api_priority_and_fairness/dump_queues`, a node-proxy or service-proxy path, a
/// `/metrics`. It runs once, or once per chosen pod (the stock priority-and-fairness script writes the dumps under each
/// kube-apiserver pod's folder); a path may then name the pod as `{pod}` and `{namespace}`, for pod-proxy paths.
///
/// ```yaml
/// kind: apiGet
/// namespace: openshift-kube-apiserver
/// selector: apiserver
/// pods: each
/// output: namespaces/{namespace}/pods/{pod}/kube-apiserver/kube-apiserver/api_priority_and_fairness
/// get:
///   queues: /debug/api_priority_and_fairness/dump_queues
/// ```
public struct APIGetKind: CollectorKind {
    public static let name = "apiGet"
    public static let fields = PodTargets.fields + ["output", "get"]
    public static let needsCluster = true

    /// The pods, when it runs per pod.
    let pods: PodTargets?
    /// The folder the files go in.
    let output: OutputTemplate
    /// Each file's name and the path it holds.
    let requests: [APIGetRequest]

    public init(reading fields: CollectorEntryFields) throws(SpecError) {
        let perPod = PodTargets.fields.contains(where: fields.has)
        pods = perPod ? try PodTargets(reading: fields) : nil
        output = try OutputTemplate(reading: fields, field: "output")
        if !perPod && output.namesPod {
            throw fields.problem("`output` names a pod, but the entry chooses none (`namespace` and `selector` or "
                + "`pod`)", at: "output")
        }
        guard let pairs = try fields.stringPairs("get") else {
            throw fields.problem("needs `get`: file names mapped to API paths")
        }
        var requests: [APIGetRequest] = []
        for (file, path) in pairs {
            guard PathComponent.isSafe(file) else {
                throw fields.problem("`get`: `\(file)` is not a plain file name", at: "get")
            }
            guard let request = APIGetRequest(file: file, path: path) else {
                throw fields.problem("`get`: `\(path)` must be an absolute API path without `..` (`/debug/...`)",
                    at: "get")
            }
            if !perPod && request.namesPod {
                throw fields.problem("`get`: `\(path)` names a pod, but the entry chooses none", at: "get")
            }
            requests.append(request)
        }
        self.requests = requests
    }

    public func makeCollector(for entry: CollectorEntry, using services: CollectorServices) throws(MissingService)
        -> any Collector
    {
        let client = try services.require(KubeClient.self)
        return APIGetCollector(entry: entry, parameters: self, client: client, lookup: services.podLookup(client: client))
    }
}

/// One GET of an `apiGet` entry: the file it fills and the path, with its query, that it asks.
struct APIGetRequest: Sendable, Equatable {
    let file: String
    let path: String
    let query: [QueryItem]

    struct QueryItem: Sendable, Equatable {
        var name: String
        var value: String
    }

    /// Splits `text` at `?`; nil for a path that is not absolute or climbs.
    init?(file: String, path text: String) {
        let parts = text.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        let path = String(parts[0])
        guard path.hasPrefix("/"), !path.split(separator: "/").contains(where: { $0 == ".." || $0 == "." }) else {
            return nil
        }
        self.file = file
        self.path = path
        query = parts.count < 2 ? [] : parts[1].split(separator: "&").map { item in
            let pair = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return QueryItem(name: String(pair[0]), value: pair.count > 1 ? String(pair[1]) : "")
        }
    }

    /// Whether the path names the pod it runs for.
    var namesPod: Bool { path.contains("{pod}") || path.contains("{namespace}") }

    /// The path for `pod` in `namespace`, each value one encoded path segment.
    func path(pod: String?, namespace: String?) -> String {
        var path = self.path
        if let pod { path = path.replacingOccurrences(of: "{pod}", with: APIPath.segment(pod)) }
        if let namespace {
            path = path.replacingOccurrences(of: "{namespace}", with: APIPath.segment(namespace))
        }
        return path
    }
}
