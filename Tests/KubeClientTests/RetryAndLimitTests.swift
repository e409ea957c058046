import Synchronization
import Testing

@testable import KubeClient

struct RetryPolicyTests {
    let policy = RetryPolicy(maximumAttempts: 5, initialBackoff: .milliseconds(100), maximumBackoff: .seconds(2))

    @Test func timeoutsAreTriedTwiceAndOtherFailuresUpToTheLimit() {
        #expect(policy.maximumAttempts(after: .timeout) == 2)
        #expect(policy.maximumAttempts(after: .serverError) == 5)
        #expect(policy.maximumAttempts(after: .transport) == 5)
        #expect(RetryPolicy(maximumAttempts: 1).maximumAttempts(after: .timeout) == 1)
    }

    @Test func backoffDoublesAndIsCapped() {
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, random: 1) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 2, retryAfter: nil, random: 1) == .milliseconds(200))
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, random: 1) == .milliseconds(400))
        #expect(policy.delay(afterAttempt: 10, retryAfter: nil, random: 1) == .seconds(2))
    }

    @Test func jitterStaysBetweenHalfAndAllOfTheCeiling() {
        #expect(policy.delay(afterAttempt: 2, retryAfter: nil, random: 0) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 2, retryAfter: nil, random: 0.5) == .milliseconds(150))
    }

    @Test func retryAfterIsHonouredUpToTheCap() {
        #expect(policy.delay(afterAttempt: 1, retryAfter: "1", random: 0) == .seconds(1))
        #expect(policy.delay(afterAttempt: 1, retryAfter: " 0 ", random: 0) == .zero)
        #expect(policy.delay(afterAttempt: 1, retryAfter: "3600", random: 0) == .seconds(2))
        #expect(policy.delay(afterAttempt: 1, retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT", random: 0) == .seconds(1))
    }

    @Test(arguments: [(429, true), (500, true), (503, true), (504, true), (400, false), (401, false), (403, false),
        (404, false), (410, false), (501, false)])
    func retryableStatuses(_ status: Int, _ expected: Bool) {
        #expect(RetryPolicy.isRetryable(status: status) == expected)
    }
}

struct RateLimiterTests {
    @Test func burstIsFreeThenRequestsAreSpacedByTheRate() {
        let limiter = RateLimiter(queriesPerSecond: 10, burst: 3)
        // The instants are given, so the figures are exact however slowly the test runs.
        let start = ContinuousClock.now
        let waits = (0..<5).map { _ in limiter.reserve(at: start) }
        #expect(waits == [.zero, .zero, .zero, .milliseconds(100), .milliseconds(200)])
        // 2/10 s later two tokens are back: the debt of two is paid, and the next caller waits 1/10 s.
        #expect(limiter.reserve(at: start + .milliseconds(200)) == .milliseconds(100))
        // After a long quiet spell the bucket holds no more than the burst.
        let later = start + .seconds(60)
        #expect((0..<4).map { _ in limiter.reserve(at: later) } == [.zero, .zero, .zero, .milliseconds(100)])
    }
}

struct ConcurrencyLimiterTests {
    @Test func neverMoreHoldersThanTheLimit() async throws {
        let limiter = ConcurrencyLimiter(limit: 3)
        let gauge = ConcurrencyGauge()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<30 {
                group.addTask {
                    try await limiter.withPermit {
                        gauge.enter()
                        try await Task.sleep(for: .milliseconds(2))
                        gauge.leave()
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(gauge.highest == 3)
    }

    @Test func aCancelledWaiterTakesNoPermit() async throws {
        let limiter = ConcurrencyLimiter(limit: 1)
        try await limiter.acquire()
        let waiter = Task { try await limiter.acquire() }
        try await Task.sleep(for: .milliseconds(20))
        waiter.cancel()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        limiter.release()
        // The permit is free again: this would hang if the cancelled waiter had kept it.
        try await limiter.acquire()
        limiter.release()
    }
}

/// Counts concurrent holders and remembers the highest count seen.
final class ConcurrencyGauge: Sendable {
    private let current = Atomic<Int>(0)
    private let peak = Atomic<Int>(0)

    func enter() {
        let now = current.wrappingAdd(1, ordering: .relaxed).newValue
        var seen = peak.load(ordering: .relaxed)
        while now > seen {
            let (exchanged, original) = peak.compareExchange(expected: seen, desired: now, ordering: .relaxed)
            if exchanged { return }
            seen = original
        }
    }

    func leave() { current.wrappingSubtract(1, ordering: .relaxed) }

    var highest: Int { peak.load(ordering: .relaxed) }
}

/// A thread-safe counter of calls.
final class CallCounter: Sendable {
    private let count = Atomic<Int>(0)

    /// Counts a call and returns the new total.
    @discardableResult
    func next() -> Int { count.wrappingAdd(1, ordering: .relaxed).newValue }

    var value: Int { count.load(ordering: .relaxed) }
}
