import NIOCore
import NIOWebSocket

/// The client side of the HTTP/1.1 upgrade to a WebSocket, as one channel handler: it sends the request, reads the
/// answer's head, and on `101` puts swift-nio's WebSocket frame encoder and decoder in its place and hands them the
/// bytes that came after the head, in the same turn of the event loop.
///
/// swift-nio's own client upgrade handlers (typed and untyped) were seen to lose the frames a server sends in the same
/// read as its `101`, which a command that prints at once and ends does; the exec then ended with no output and no
/// status. The head is small and fixed in form (a status line and header lines), so it is read here; frames are
/// left to `NIOWebSocket`. `Sec-WebSocket-Accept` is not checked: it guards against caches that replay answers, and
/// the server here is the one TLS verified.
final class UpgradeHandshake: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// How the handshake ended.
    enum Answer: Sendable {
        /// Switched: the frame channel and the `Sec-WebSocket-Protocol` the server chose.
        case upgraded(NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, subprotocol: String?)
        /// Refused with this status; `body` is the start of the answer's body.
        case refused(status: Int, body: [UInt8])
    }

    /// The most bytes read of a refusal's body, and of a head.
    static let limit = 64 * 1024

    private let request: ByteBuffer
    private let maximumFrameSize: Int
    private let promise: EventLoopPromise<Answer>
    // Touched on the channel's event loop only.
    nonisolated(unsafe) private var received = ByteBuffer()
    nonisolated(unsafe) private var refusal: (status: Int, bodyStart: Int, length: Int?)?
    nonisolated(unsafe) private var settled = false

    init(request: ByteBuffer, maximumFrameSize: Int, promise: EventLoopPromise<Answer>) {
        self.request = request
        self.maximumFrameSize = maximumFrameSize
        self.promise = promise
    }

    func channelActive(context: ChannelHandlerContext) {
        context.writeAndFlush(NIOAny(request), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        received.writeBuffer(&bytes)
        if let refusal {
            finishRefusalIfComplete(context: context, refusal)
            return
        }
        let view = received.readableBytesView
        guard let end = Self.endOfHead(view) else {
            if received.readableBytes > Self.limit { fail(context, "the answer's head is larger than 64 KiB") }
            return
        }
        let head = String(decoding: view[view.startIndex..<end], as: UTF8.self)
        let lines = head.split(separator: "\r\n", omittingEmptySubsequences: false)
        let statusParts = lines.first?.split(separator: " ", maxSplits: 2) ?? []
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else {
            return fail(context, "not an HTTP answer: \(lines.first.map(String.init) ?? "")")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        received.moveReaderIndex(forwardBy: end + 4 - view.startIndex)
        guard status == 101 else {
            let state = (status: status, bodyStart: received.readerIndex, length: headers["content-length"].flatMap { Int($0) })
            refusal = state
            finishRefusalIfComplete(context: context, state)
            return
        }
        guard headers["upgrade"]?.lowercased() == "websocket" else {
            return fail(context, "the server switched to \(headers["upgrade"] ?? "nothing"), not to a WebSocket")
        }
        do {
            let pipeline = context.pipeline.syncOperations
            // NIO's order: the encoder nearest the network, so that the error handler's close frames are encoded.
            let encoder = WebSocketFrameEncoder()
            try pipeline.addHandler(encoder, position: .after(self))
            let decoder = ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: maximumFrameSize))
            try pipeline.addHandler(decoder, position: .after(encoder))
            try pipeline.addHandler(WebSocketProtocolErrorHandler(), position: .after(decoder))
            let frames = try NIOAsyncChannel<WebSocketFrame, WebSocketFrame>(wrappingChannelSynchronously: context.channel)
            settle(.success(.upgraded(frames, subprotocol: headers["sec-websocket-protocol"])))
        } catch {
            return fail(context, "cannot set up the WebSocket: \(error)")
        }
        let rest = received.slice()
        received = ByteBuffer()
        if rest.readableBytes > 0 {
            context.fireChannelRead(wrapInboundOut(rest))
            context.fireChannelReadComplete()
        }
        pipelineRemoveSelf(context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let refusal {
            // A body without a length ends with the connection.
            settle(.success(.refused(status: refusal.status, body: body(from: refusal.bodyStart))))
        } else {
            settle(.failure(ChannelError.eof))
        }
        context.fireChannelInactive()
    }

    /// A channel torn down before the answer came (a connection refused while the server is away: the handler was
    /// added before the connect failed) fails the handshake, so that its promise is never left unfulfilled.
    func handlerRemoved(context: ChannelHandlerContext) {
        settle(.failure(ChannelError.ioOnClosedChannel))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        settle(.failure(error))
        context.close(promise: nil)
    }

    /// Completes the promise once; later outcomes (the close that follows a refusal) are dropped.
    private func settle(_ result: Result<Answer, any Error>) {
        guard !settled else { return }
        settled = true
        promise.completeWith(result)
    }

    private func pipelineRemoveSelf(_ context: ChannelHandlerContext) {
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    /// Settles a refusal once its body has come (as long as its `Content-Length`, or the limit).
    private func finishRefusalIfComplete(context: ChannelHandlerContext, _ state: (status: Int, bodyStart: Int, length: Int?)) {
        let have = received.writerIndex - state.bodyStart
        guard have >= Self.limit || state.length.map({ have >= $0 }) == true else { return }
        settle(.success(.refused(status: state.status, body: body(from: state.bodyStart))))
        context.close(promise: nil)
    }

    private func body(from start: Int) -> [UInt8] {
        let count = min(received.writerIndex - start, Self.limit)
        return received.getBytes(at: start, length: max(0, count)) ?? []
    }

    private func fail(_ context: ChannelHandlerContext, _ message: String) {
        settle(.failure(UpgradeFailed(message: message)))
        context.close(promise: nil)
    }

    /// The offset of the `\r\n\r\n` that ends the head, if it has come.
    static func endOfHead(_ view: ByteBufferView) -> Int? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        var index = view.startIndex
        while index + 4 <= view.endIndex {
            if view[index] == 13, view[index..<(index + 4)].elementsEqual(terminator) { return index }
            index += 1
        }
        return nil
    }
}

/// The server's answer to the upgrade request could not be used.
struct UpgradeFailed: Error, CustomStringConvertible {
    let message: String
    var description: String { "WebSocket upgrade failed: \(message)" }
}
