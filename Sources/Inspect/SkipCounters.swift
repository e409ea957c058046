import Synchronization

/// Counts logs skipped for one reason.
final class SkipCounter: Sendable {
    private let state = Mutex<(count: Int, reason: String)?>(nil)

    func add(reason: String) {
        state.withLock { state in state = (count: (state?.count ?? 0) + 1, reason: state?.reason ?? reason) }
    }

    var total: (Int, String)? { state.withLock { $0.map { ($0.count, $0.reason) } } }
}

/// Containers skipped because their node was marked, counted per node.
final class SkippedByNode: Sendable {
    private let counts = Mutex<[String: (count: Int, reason: String)]>([:])

    func add(node: String, reason: String) {
        counts.withLock { $0[node] = (($0[node]?.count ?? 0) + 1, $0[node]?.reason ?? reason) }
    }

    /// Each node with its count and first reason, by name.
    var all: [(node: String, count: Int, reason: String)] {
        counts.withLock { $0.map { ($0.key, $0.value.count, $0.value.reason) }.sorted { $0.node < $1.node } }
    }
}
