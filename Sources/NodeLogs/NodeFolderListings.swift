import GatherKit
import KubeClient
import Synchronization

/// The node-proxy folder listings of a run, each asked once: the audit-log and the kube-apiserver startup-log entries
/// both list `/var/log/kube-apiserver/` on every master, at the same time, and a listing the proxy refused must not be
/// asked for again by the other.
public final class NodeFolderListings: Sendable {
    private let listings = Mutex<[String: Task<KubeClient.Body, any Error>]>([:])

    public init() {}

    /// The listing at `path`, fetched by `fetch` the first time only; later callers share its answer or its error.
    func listing(_ path: String, fetch: @escaping @Sendable () async throws -> KubeClient.Body) async throws
        -> KubeClient.Body
    {
        let task = listings.withLock { listings in
            if let task = listings[path] { return task }
            let task = Task { try await fetch() }
            listings[path] = task
            return task
        }
        return try await task.value
    }
}
