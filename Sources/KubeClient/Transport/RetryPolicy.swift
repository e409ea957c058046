/// When and how long to wait before trying a request again: exponential backoff with full jitter, capped, and the
/// server's `Retry-After` when it gives one.
///
/// A pure value, so its decisions are tested without any I/O.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included.
    var maximumAttempts: Int
    /// The backoff before the second attempt.
    var initialBackoff: Duration
    /// The longest backoff, and the longest `Retry-After` honoured.
    var maximumBackoff: Duration
    /// Attempts in all when they time out: a server that did not answer in the request time-out seldom answers the
    /// next time, and each attempt costs that whole time-out (a hung node proxy would otherwise hold a collector for
    /// five of them).
    var maximumAttemptsAfterTimeout: Int

    /// Creates a policy.
    public init(maximumAttempts: Int = 5, initialBackoff: Duration = .milliseconds(200), maximumBackoff: Duration = .seconds(10),
        maximumAttemptsAfterTimeout: Int = 2)
    {
        self.maximumAttempts = max(1, maximumAttempts)
        self.maximumAttemptsAfterTimeout = max(1, min(maximumAttemptsAfterTimeout, maximumAttempts))
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
    }

    /// No retries at all.
    static let none = RetryPolicy(maximumAttempts: 1)

    /// Whether an HTTP status is worth retrying: 429 and the 5xx answers of an overloaded or restarting server.
    static func isRetryable(status: Int) -> Bool {
        status == 429 || status == 500 || status == 502 || status == 503 || status == 504
    }

    /// Whether an error kind is worth retrying (transport failures and time-outs; never 401/403/404/410).
    static func isRetryable(_ kind: KubeError.Kind) -> Bool {
        switch kind {
        case .transport, .timeout, .tooManyRequests, .serverError: return true
        default: return false
        }
    }

    /// The attempts allowed in all when the last one failed with `kind`.
    func maximumAttempts(after kind: KubeError.Kind) -> Int {
        kind == .timeout ? maximumAttemptsAfterTimeout : maximumAttempts
    }

    /// The wait before attempt `attempt + 1`, after attempt `attempt` (1-based) failed.
    /// - Parameters:
    ///   - retryAfter: the server's `Retry-After` header, if any (seconds, or an HTTP date, which is treated as 1 s).
    ///   - random: a number in 0..<1, for the jitter.
    func delay(afterAttempt attempt: Int, retryAfter: String?, random: Double) -> Duration {
        if let retryAfter = retryAfter?.trimmingCharactersInSpaces(), !retryAfter.isEmpty {
            if let seconds = Int(retryAfter), seconds >= 0 {
                return min(.seconds(seconds), maximumBackoff)
            }
            return min(.seconds(1), maximumBackoff)
        }
        let exponent = min(max(attempt - 1, 0), 30)
        let ceiling = min(initialBackoff * (1 << exponent), maximumBackoff)
        // Full jitter, but never less than half the ceiling so that retries do spread out.
        return ceiling * (0.5 + 0.5 * min(max(random, 0), 1))
    }
}

extension String {
    fileprivate func trimmingCharactersInSpaces() -> String {
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return String(text)
    }
}
