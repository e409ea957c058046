extension Sequence where Element: Sendable {
    /// Runs `body` for every element, at most `limit` at once; stops starting new ones when the task is cancelled.
    public func concurrentForEach(limit: Int, _ body: @escaping @Sendable (Element) async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            var iterator = makeIterator()
            var running = 0
            while running < limit, let element = iterator.next() {
                group.addTask { await body(element) }
                running += 1
            }
            while await group.next() != nil {
                guard !Task.isCancelled, let element = iterator.next() else { continue }
                group.addTask { await body(element) }
            }
        }
    }
}

/// A time limit ran out.
public struct TimeLimitExceeded: Error, CustomStringConvertible {
    let limit: Duration
    public var description: String { "no answer within \(limit)" }
}

/// Runs `operation`, cancelling it and throwing ``TimeLimitExceeded`` when `limit` (if any) runs out first.
public func withTimeLimit<T: Sendable>(_ limit: Duration?, _ operation: @escaping @Sendable () async throws -> T)
    async throws -> T
{
    guard let limit else { return try await operation() }
    return try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: limit)
            throw TimeLimitExceeded(limit: limit)
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
