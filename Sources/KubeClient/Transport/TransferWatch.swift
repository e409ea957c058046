import Synchronization

/// One guarded transfer: its progress, what the last measurement saw, and the task waiting for a verdict.
public final class TransferWatch: Sendable {
    public let progress = TransferProgress()
    private let state = Mutex<State>(State())

    private struct State {
        /// The bytes counted at the last measurement since the body began.
        var measured: Int64?
        var verdict: TransferTooSlow?
        /// The transfer ended (its watcher was cancelled): no verdict will be waited for.
        var ended = false
        var waiting: CheckedContinuation<TransferTooSlow?, Never>?
    }

    /// Waits until the transfer is found too slow, or returns nil once the waiting task is cancelled.
    func verdict() async -> TransferTooSlow? {
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state -> Bool in
                    guard state.verdict == nil, !state.ended else { return true }
                    state.waiting = continuation
                    return false
                }
                if resumeNow { continuation.resume(returning: state.withLock { $0.verdict }) }
            }
        } onCancel: {
            state.withLock { state in
                state.ended = true
                defer { state.waiting = nil }
                return state.waiting
            }?.resume(returning: nil)
        }
    }

    /// Compares the bytes counted now with the last measurement; too few gives the waiting task its verdict.
    func measure(minimumBytes: Int64, window: Duration) {
        // Waiting for a permit, a connection or the response head is not the body's slowness.
        guard progress.hasBegun else {
            // Measured afresh once it begins (again).
            state.withLock { $0.measured = nil }
            return
        }
        let current = progress.bytes
        let (waiting, verdict) = state.withLock { state -> (CheckedContinuation<TransferTooSlow?, Never>?, TransferTooSlow?) in
            defer { state.measured = current }
            guard state.verdict == nil, let last = state.measured, current - last < minimumBytes else { return (nil, nil) }
            state.verdict = TransferTooSlow(bytes: current - last, window: window, minimumBytes: minimumBytes)
            defer { state.waiting = nil }
            return (state.waiting, state.verdict)
        }
        waiting?.resume(returning: verdict)
    }
}
