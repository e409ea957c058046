import Synchronization

/// The faults a fake cluster applies, with the counters that make shares and bursts deterministic.
public final class FaultPlan: Sendable {
    /// The faults, tried in order; several may apply to one request (latency plus a body fault, say).
    let faults: [Fault]
    private let counters = Mutex<[String: Int]>([:])

    /// A plan of `faults`.
    public init(_ faults: [Fault] = []) { self.faults = faults }

    /// The faults that apply to `path`.
    func applicable(to path: String) -> [Fault] {
        faults.filter { $0.matches(path) }
    }

    /// Counts one more request for `key` and returns the count (1 for the first).
    func count(_ key: String) -> Int {
        counters.withLock { counters in
            counters[key, default: 0] += 1
            return counters[key]!
        }
    }

    /// Whether request number `n` (1-based) falls in a `share` spread evenly over requests.
    static func isSelected(_ n: Int, share: Double) -> Bool {
        let bounded = min(max(share, 0), 1)
        return Int((Double(n) * bounded).rounded(.down)) > Int((Double(n - 1) * bounded).rounded(.down))
    }
}
