import GatherKit
import KubeClient
import Synchronization

/// Nodes whose proxy will not serve this collector: one that did not answer in time, or one that answered 403
/// (RBAC grants `nodes/proxy` whole or not at all). Later requests to such a node are skipped and reported, so a hung
/// node costs one time-out rather than one per unit or file, and forbidden work is not asked for again.
public final class NodesToSkip: Sendable {
    private let reasons = Mutex<[String: String]>([:])

    public init() {}

    /// Why requests to `node` are skipped, or nil while it is thought to answer.
    public func reason(for node: String) -> String? {
        reasons.withLock { $0[node] }
    }

    /// Marks `node` when `error` is a time-out (the request's, or the limit for a node not Ready) or a 403.
    public func record(_ error: any Error, node: String) {
        let kind = (error as? KubeError)?.kind
        let reason: String
        if kind == .timeout || error is TimeLimitExceeded {
            reason = "skipped: node/\(node) did not answer an earlier request in time"
        } else if kind == .forbidden {
            reason = "skipped: node/\(node)'s proxy answered 403 Forbidden earlier"
        } else {
            return
        }
        reasons.withLock { reasons in
            if reasons[node] == nil { reasons[node] = reason }
        }
    }
}
