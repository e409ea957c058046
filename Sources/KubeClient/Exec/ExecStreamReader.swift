import NIOCore
import NIOWebSocket

/// Reads the frames of an upgraded exec connection: messages on channel 1 go to the stdout sink and on channel 2 to
/// the stderr sink as they arrive (the next frame is read only once the sink has taken the last, so a slow sink slows
/// the server rather than filling memory); channel 3 carries the closing `Status`. Pings are answered and a close is
/// returned.
///
/// The channel byte starts a message; frames that continue a message belong to the same channel.
struct ExecStreamReader {
    /// The most of the error channel kept: a `Status` is small.
    static let maximumStatusBytes = 64 * 1024

    var stdoutBytes: Int64 = 0
    var stderrBytes: Int64 = 0
    /// The `Status` bytes, once the error channel has spoken.
    var status: [UInt8]?
    /// Whether the server closed the WebSocket with a close frame.
    var closedCleanly = false

    /// Reads until the server closes or the connection ends; counts every frame on `progress`.
    mutating func read(
        _ inbound: NIOAsyncChannelInboundStream<WebSocketFrame>,
        _ outbound: NIOAsyncChannelOutboundWriter<WebSocketFrame>,
        progress: TransferProgress,
        stdout: (ByteBuffer) async throws -> Void,
        stderr: (ByteBuffer) async throws -> Void
    ) async throws {
        var messageChannel: UInt8?
        for try await frame in inbound {
            progress.add(frame.length + 1)
            var data = frame.unmaskedData
            switch frame.opcode {
            case .binary:
                messageChannel = data.readInteger(as: UInt8.self)
            case .continuation:
                break
            case .ping:
                try await outbound.write(WebSocketFrame(fin: true, opcode: .pong, maskKey: .random(), data: data))
                continue
            case .connectionClose:
                closedCleanly = true
                try? await outbound.write(WebSocketFrame(fin: true, opcode: .connectionClose, maskKey: .random(),
                    data: data.getSlice(at: data.readerIndex, length: min(2, data.readableBytes)) ?? ByteBuffer()))
                return
            default:
                // Text frames belong to the base64 subprotocols, which are not offered; pongs need nothing.
                continue
            }
            switch messageChannel {
            case 1? where data.readableBytes > 0:
                try await ExecSinkError.wrap { try await stdout(data) }
                stdoutBytes += Int64(data.readableBytes)
            case 2? where data.readableBytes > 0:
                try await ExecSinkError.wrap { try await stderr(data) }
                stderrBytes += Int64(data.readableBytes)
            case 3?:
                var bytes = status ?? []
                bytes += data.readableBytesView.prefix(max(0, Self.maximumStatusBytes - bytes.count))
                status = bytes
            default:
                break
            }
            if frame.fin { messageChannel = nil }
        }
    }
}

/// An error thrown by a sink (a full disk): passed to the caller as it is, not as a broken exec.
struct ExecSinkError: Error {
    let error: any Error

    static func wrap(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch {
            throw ExecSinkError(error: error)
        }
    }
}
