import Dispatch

/// Runs `work` on a Dispatch thread and waits for it without holding a thread of Swift's cooperative pool.
///
/// That pool has one thread per core, two on the build machines, and the tests of a run share it. A test that blocks
/// one of them for seconds (unpacking an archive, loading the replayed cluster, waiting for a program's output) stalls
/// every other test: on a loaded machine a 500 ms deadline was once seen to take 9 s.
public func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
    }
}
