import Synchronization

/// A client-side token bucket: on average `queriesPerSecond` requests, with bursts of up to `burst`.
///
/// Each caller reserves a token and sleeps until its turn, so waiting callers are served in order without polling.
final class RateLimiter: Sendable {
    private struct State {
        var tokens: Double
        var last: ContinuousClock.Instant
    }

    /// Requests per second on average; zero or less means unlimited.
    let queriesPerSecond: Double
    /// The most requests that may start at once after a quiet spell.
    let burst: Int
    private let state: Mutex<State>

    /// Creates a limiter.
    init(queriesPerSecond: Double, burst: Int) {
        self.queriesPerSecond = queriesPerSecond
        self.burst = max(1, burst)
        self.state = Mutex(State(tokens: Double(max(1, burst)), last: ContinuousClock().now))
    }

    /// Waits until a request may start. Throws `CancellationError` if the task is cancelled while waiting.
    func acquire() async throws {
        guard queriesPerSecond > 0 else { return }
        let wait = reserve()
        if wait > .zero {
            try await Task.sleep(for: wait)
        }
    }

    /// Takes a token (possibly going into debt) at `now` and returns how long the caller must wait for it.
    func reserve(at now: ContinuousClock.Instant = ContinuousClock.now) -> Duration {
        state.withLock { state in
            let elapsed = state.last.duration(to: now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            state.tokens = min(Double(burst), state.tokens + seconds * queriesPerSecond)
            state.last = now
            state.tokens -= 1
            if state.tokens >= 0 { return .zero }
            return .seconds(-state.tokens / queriesPerSecond)
        }
    }
}
