import Foundation
import GatherKit
import KubeClient
import Synchronization

/// What the inspects of one run share, so that nothing is gathered twice however many inspect collectors run: the
/// client, discovery (read once), the set of visited objects and lists, the events for `event-filter.html`, and the
/// bound on lists streaming at once.
public final class InspectSession: Sendable {
    /// The cluster.
    let client: KubeClient
    /// How to gather.
    let options: InspectOptions
    /// The namespace of `type/name` arguments of namespaced types when none is given.
    let defaultNamespace: String
    let visited = Mutex<Set<String>>([])
    let events = EventLedger()
    /// Held while `event-filter.html` is written (on the blocking pool): inspects that end together take turns, so
    /// they do not share its `.partial` file, and the last to write has seen every event.
    let eventPageWrite = Mutex<Void>(())
    let listStreams: ConcurrencyLimiter
    private let discoveryTask = Mutex<Task<Discovery, any Error>?>(nil)
    private let onceKeys = Mutex<Set<String>>([])
    /// When the session began, for the monotonic part of `timestamp` lines.
    let began = ContinuousClock.now

    public init(client: KubeClient, options: InspectOptions, defaultNamespace: String? = nil) {
        self.client = client
        self.options = options
        self.defaultNamespace = defaultNamespace ?? client.connection.namespace ?? "default"
        listStreams = ConcurrencyLimiter(limit: options.listStreams)
    }

    /// What the server serves, read on first use and shared.
    func discovery() async throws -> Discovery {
        let task = discoveryTask.withLock { task in
            if let task { return task }
            let started = Task { [client] in try await client.discover() }
            task = started
            return started
        }
        return try await task.value
    }

    /// Marks `key` visited; false when it already was (the object or list is being or has been gathered).
    func firstVisit(_ key: String) -> Bool {
        visited.withLock { $0.insert(key).inserted }
    }

    /// True the first time it is called with `key` in this session (work done once per run).
    func once(_ key: String) -> Bool {
        onceKeys.withLock { $0.insert(key).inserted }
    }
}
