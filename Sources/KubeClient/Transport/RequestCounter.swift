import Synchronization

/// Counts requests sent, for summaries and benchmarks.
public final class RequestCounter: Sendable {
    private let count = Atomic<Int>(0)

    func increment() { count.wrappingAdd(1, ordering: .relaxed) }

    var value: Int { count.load(ordering: .relaxed) }
}
