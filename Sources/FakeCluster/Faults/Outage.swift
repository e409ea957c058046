/// The whole API server going away and coming back, as a kube-apiserver rollout or the restart of a single-node
/// cluster's only API server does: from ``after`` past the first request it answers, every open connection is reset
/// and new ones are refused for ``length``, then the server serves again on the same port.
public struct Outage: Sendable, Equatable {
    /// How new connections are refused.
    public enum Refusal: Sendable, Equatable {
        /// The listening socket is closed: connecting fails with "connection refused" (the server's process is gone).
        case closedSocket
        /// Each connection is accepted and reset at once: connecting succeeds, then the TLS handshake meets "connection
        /// reset by peer" (a proxy or load balancer in front of a server that is gone).
        case acceptAndReset
    }

    /// When it begins, counted from the server's start.
    public var after: Duration
    /// How long it lasts; nil for a server that never comes back.
    public var length: Duration?
    /// How new connections are refused while it lasts.
    public var refusal: Refusal

    public init(after: Duration, length: Duration?, refusal: Refusal = .closedSocket) {
        self.after = after
        self.length = length
        self.refusal = refusal
    }
}
