import HummingbirdWebSocket
import NIOCore

/// One command run over an upgraded exec connection: its stdout and stderr sent as binary messages on channels 1
/// and 2 of the Kubernetes streaming protocol, then its `Status` on the error channel (3), then a close.
///
/// Faults bend this: a stall stops sending (after some bytes) and never resumes, a reset drops the TCP connection
/// mid-stream with no close, and an exit status replaces the command's own.
struct ExecSession: Sendable {
    /// The bytes of one message at most (as the API server copies in 32 KiB pieces).
    static let messageSize = 32 * 1024

    let outcome: ExecOutcome
    let faults: [Fault]
    /// The connection, to reset it.
    public let connection: any Channel
    /// Called once at the end with the bytes sent on stdout and stderr.
    let finished: @Sendable (Int) -> Void

    func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        // Read what the client sends (stdin, the v5 close signal, pings) so that its control frames are answered, until
        // it answers the close. The reading is not cancelled while the connection lives: cancelling it would end the
        // connection's inbound stream, and with it the close handshake.
        let reader = Task { for try await _ in inbound {} }
        var sent = 0
        var limit: Int?
        var ending = Ending.status
        var exitCode = outcome.exitCode
        for fault in faults {
            switch fault.kind {
            case .stallAfter(let bytes): (limit, ending) = (bytes, .stall)
            case .neverAnswer: (limit, ending) = (0, .stall)
            case .resetAfter(let bytes): (limit, ending) = (bytes, .reset)
            case .exitStatus(let code): exitCode = code
            default: continue
            }
        }
        defer { finished(sent) }
        do {
            let total = outcome.stdout.count + outcome.stderr.count
            let budget = min(limit ?? total, total)
            var filler = ByteBuffer(repeating: UInt8(ascii: "x"), count: Self.messageSize)
            filler.setInteger(UInt8(1), at: 0)
            while sent < min(budget, outcome.stdout.count) {
                let count = min(Self.messageSize - 1, min(budget, outcome.stdout.count) - sent)
                var message: ByteBuffer
                switch outcome.stdout {
                case .bytes(let bytes):
                    message = ByteBuffer(integer: UInt8(1))
                    message.writeBytes(bytes[sent..<(sent + count)])
                case .filler:
                    message = filler.getSlice(at: 0, length: count + 1)!
                }
                try await outbound.write(.binary(message))
                sent += count
            }
            let stderrBudget = max(0, budget - outcome.stdout.count)
            var stderrSent = 0
            while stderrSent < min(stderrBudget, outcome.stderr.count) {
                let count = min(Self.messageSize - 1, stderrBudget - stderrSent)
                var message = ByteBuffer(integer: UInt8(2))
                message.writeBytes(outcome.stderr[stderrSent..<(stderrSent + count)])
                try await outbound.write(.binary(message))
                stderrSent += count
            }
            sent += stderrSent
            switch ending {
            case .status:
                var message = ByteBuffer(integer: UInt8(3))
                message.writeBytes(ExecStatus.bytes(exitCode: exitCode))
                try await outbound.write(.binary(message))
                // Close here and wait for the client's answer, so that the connection ends only once the client has
                // read everything.
                try await outbound.close(.normalClosure, reason: nil)
                await Self.wait(for: reader, atMost: .seconds(15))
            case .stall:
                while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
            case .reset:
                // SO_LINGER 0: the close sends a TCP reset instead of an orderly end.
                try? await (connection as? any SocketOptionProvider)?.setSoLinger(NIOLinger(l_onoff: 1, l_linger: 0)).get()
                try? await connection.close()
            }
        } catch {
            // The connection broke (a reset, an outage). The WebSocket layer reads the inbound stream for its close
            // handshake once this returns, and the stream takes one reader at a time: stop this one first.
            reader.cancel()
            _ = try? await reader.value
            throw error
        }
    }

    /// Waits until `reader` ends or `limit` passes.
    private static func wait(for reader: Task<Void, any Error>, atMost limit: Duration) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { _ = try? await reader.value }
            group.addTask { try? await Task.sleep(for: limit) }
            await group.next()
            group.cancelAll()
        }
    }

    private enum Ending {
        case status, stall, reset
    }
}

/// The `metav1.Status` an API server sends on the error channel when a command ends.
enum ExecStatus {
    static func bytes(exitCode: Int) -> [UInt8] {
        guard exitCode != 0 else { return Array(#"{"metadata":{},"status":"Success"}"#.utf8) }
        return Array(("{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: "
            + "error executing command, exit code \(exitCode)\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":"
            + "[{\"reason\":\"ExitCode\",\"message\":\"\(exitCode)\"}]}}").utf8)
    }
}
