import Foundation
import NIOCore

/// The first handler of an exec connection made through an HTTP proxy: it asks the proxy for a `CONNECT` tunnel to
/// the API server and, once the proxy answers 200, puts the handlers that speak to the server (TLS, the WebSocket
/// upgrade) in its place and only then tells them the channel is active, so they start as if connected directly.
///
/// The pool's requests use AsyncHTTPClient's own tunnel; exec keeps a connection of its own (see ``ExecConnection``),
/// so it opens its own tunnel.
final class ProxyTunnel: ChannelInboundHandler, RemovableChannelHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    typealias InboundOut = ByteBuffer

    /// The proxy answered something other than 200, or closed.
    struct Refused: Error, CustomStringConvertible {
        let answer: String
        var description: String { "the proxy refused the tunnel: \(answer)" }
    }

    private let request: ByteBuffer
    private let then: @Sendable (any Channel) throws -> Void
    private let failed: @Sendable (any Error) -> Void
    // Touched on the channel's event loop only.
    nonisolated(unsafe) private var received = ByteBuffer()
    nonisolated(unsafe) private var settled = false

    /// - Parameters:
    ///   - target: `host:port` of the API server.
    ///   - authorization: the value of `Proxy-Authorization`, when the proxy URL carries a user.
    ///   - then: adds the handlers that speak to the server, once the tunnel is open.
    ///   - failed: told when the proxy refuses.
    init(target: String, authorization: String?, then: @escaping @Sendable (any Channel) throws -> Void,
        failed: @escaping @Sendable (any Error) -> Void)
    {
        var lines = ["CONNECT \(target) HTTP/1.1", "Host: \(target)"]
        if let authorization { lines.append("Proxy-Authorization: \(authorization)") }
        request = ByteBuffer(string: lines.joined(separator: "\r\n") + "\r\n\r\n")
        self.then = then
        self.failed = failed
    }

    func channelActive(context: ChannelHandlerContext) {
        // Held back: the handlers after the tunnel hear of it when the tunnel is open.
        context.writeAndFlush(wrapOutboundOut(request), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        received.writeBuffer(&bytes)
        let view = Array(received.readableBytesView)
        guard let end = (0..<max(0, view.count - 3)).first(where: { view[$0..<$0 + 4] == [13, 10, 13, 10] }) else {
            if view.count > UpgradeHandshake.limit { refuse(context, "an answer larger than 64 KiB") }
            return
        }
        let statusLine = String(decoding: view[..<end], as: UTF8.self).split(separator: "\r\n").first ?? ""
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1] == "200" else {
            refuse(context, String(statusLine))
            return
        }
        settled = true
        do {
            try then(context.channel)
        } catch {
            failed(error)
            context.close(promise: nil)
            return
        }
        context.fireChannelActive()
        // Bytes after the proxy's answer belong to the server (a proxy sends none before the client speaks).
        received.moveReaderIndex(forwardBy: end + 4)
        if received.readableBytes > 0 { context.fireChannelRead(wrapInboundOut(received)) }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        refuse(context, "it closed the connection")
        context.fireChannelInactive()
    }

    private func refuse(_ context: ChannelHandlerContext, _ answer: String) {
        guard !settled else { return }
        settled = true
        failed(Refused(answer: answer))
        context.close(promise: nil)
    }
}
