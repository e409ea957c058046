import NIOCore
import NIOWebSocket
import Synchronization

/// Watches one upgraded exec while its frames are read: past its time-out, or after a stall (no frame for a whole
/// stall time-out), it closes the connection; cancelling the caller closes it too. Then it turns what was read into
/// an ``ExecResult`` or the error that says why there is none.
struct ExecSupervision {
    let path: String
    let timeout: Duration
    let stallTimeout: Duration

    func run(
        _ frames: NIOAsyncChannel<WebSocketFrame, WebSocketFrame>,
        subprotocol: String,
        stdout: (ByteBuffer) async throws -> Void,
        stderr: (ByteBuffer) async throws -> Void
    ) async throws -> ExecResult {
        let progress = TransferProgress()
        let verdict = Verdict()
        var reader = ExecStreamReader()
        var failure: (any Error)?
        let channel = frames.channel
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [path, timeout, stallTimeout] in
                guard let cause = await Self.watch(progress: progress, timeout: timeout, stallTimeout: stallTimeout,
                    path: path) else { return }
                verdict.settle(cause)
                try? await channel.close()
            }
            do {
                try await withTaskCancellationHandler {
                    try await frames.executeThenClose { inbound, outbound in
                        try await reader.read(inbound, outbound, progress: progress, stdout: stdout, stderr: stderr)
                    }
                } onCancel: {
                    channel.close(promise: nil)
                }
            } catch {
                failure = error
            }
            group.cancelAll()
        }
        if let sinkError = failure as? ExecSinkError { throw sinkError.error }
        if Task.isCancelled {
            throw interrupted(reader, KubeError(kind: .cancelled, path: path, message: "cancelled"))
        }
        if let cause = verdict.cause { throw interrupted(reader, cause) }
        guard let status = reader.status else {
            let message = failure.map { "the connection broke before the command's status came: \($0)" }
                ?? "the connection closed before the command's status came"
            var interruption = interrupted(reader, KubeError(kind: .transport, path: path, message: message))
            interruption.serverGone = failure.map { ServerReachability.unreachableCause($0) ?? "\($0)" }
                ?? "the connection closed before the command's status came"
            throw interruption
        }
        switch ExecStatusReading.read(status) {
        case .exited(let code, let message):
            return ExecResult(exitCode: code, message: message, stdoutBytes: reader.stdoutBytes,
                stderrBytes: reader.stderrBytes, subprotocol: subprotocol)
        case .failed(let message):
            throw ExecFailed(path: path, message: message)
        }
    }

    private func interrupted(_ reader: ExecStreamReader, _ cause: KubeError) -> ExecInterrupted {
        ExecInterrupted(stdoutBytes: reader.stdoutBytes, stderrBytes: reader.stderrBytes, cause: cause)
    }

    /// Waits until the time-out passes or a stall time-out goes by without a frame, and says which; nil once
    /// cancelled (the exec ended).
    private static func watch(progress: TransferProgress, timeout: Duration, stallTimeout: Duration, path: String) async
        -> KubeError?
    {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var seen = progress.bytes
        while true {
            let wake = min(clock.now + stallTimeout, deadline)
            do {
                try await Task.sleep(until: wake, clock: clock)
            } catch {
                return nil
            }
            if clock.now >= deadline {
                return KubeError(kind: .timeout, path: path, message: "the command ran longer than its time-out of \(timeout)")
            }
            let now = progress.bytes
            if now == seen {
                return KubeError(kind: .timeout, path: path, message: "nothing came for \(stallTimeout): the exec is stalled")
            }
            seen = now
        }
    }
}

/// Why the watcher closed the connection, if it did.
private final class Verdict: Sendable {
    private let state = Mutex<KubeError?>(nil)

    func settle(_ cause: KubeError) { state.withLock { $0 = $0 ?? cause } }

    var cause: KubeError? { state.withLock { $0 } }
}
