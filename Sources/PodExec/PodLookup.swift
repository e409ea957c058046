import GatherKit
import JSONCoding
import KubeClient
import Synchronization

/// The pod and node lists that the run's `exec`, `copy` and `apiGet` entries choose from, each asked once per run:
/// the four etcd entries and the seven Prometheus entries look for the same pods, and a list the server refused is not
/// asked for again.
public final class PodLookup: Sendable {
    private let client: KubeClient
    private let lists = Mutex<[String: Task<[JSONValue], any Error>]>([:])

    public init(client: KubeClient) { self.client = client }

    /// The pods of `namespace` that `selector` matches (every pod when nil).
    func pods(in namespace: String, selector: String?) async throws -> [JSONValue] {
        let path = APIPath.collection(group: "", version: "v1", resource: "pods", namespace: namespace)
        return try await list(path, selector: selector)
    }

    /// Every node.
    func nodes() async throws -> [JSONValue] {
        try await list(APIPath.collection(group: "", version: "v1", resource: "nodes"), selector: nil)
    }

    private func list(_ path: String, selector: String?) async throws -> [JSONValue] {
        let key = path + "?" + (selector ?? "")
        let task = lists.withLock { lists in
            if let task = lists[key] { return task }
            let task = Task { [client] in
                try await client.listAll(path, query: selector.map { [("labelSelector", $0)] } ?? [])
            }
            lists[key] = task
            return task
        }
        return try await task.value
    }
}

extension CollectorServices {
    /// The run's pod lookup, or one of the collector's own when the run provides none.
    func podLookup(client: KubeClient) -> PodLookup {
        optional(PodLookup.self) ?? PodLookup(client: client)
    }
}
