import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A small HTTP `CONNECT` proxy on 127.0.0.1, for showing that a client's connections go through a proxy: it counts
/// the tunnels it opens and may resolve names itself (`hosts`), as a corporate proxy resolves names a laptop cannot.
///
/// Anything but `CONNECT` is answered 405; a target it cannot reach, 502.
final class ConnectProxy: Sendable {
    private let channel: any Channel
    private let tunnels = Atomic<Int>(0)
    /// The port it listens on, on 127.0.0.1.
    let port: Int

    /// How many tunnels were asked for (`CONNECT` requests), reachable or not.
    var connectCount: Int { tunnels.load(ordering: .acquiring) }
    /// `http://127.0.0.1:PORT`.
    var url: String { "http://127.0.0.1:\(port)" }

    /// Starts listening; `hosts` maps names to the addresses the proxy connects to instead. A `refusing` proxy answers
    /// every `CONNECT` with 403, as one whose rules forbid the target.
    static func start(hosts: [String: String] = [:], refusing: Bool = false) async throws -> ConnectProxy {
        let counter = Counter()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(RequestHandler(hosts: hosts, refusing: refusing,
                        counter: counter))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let proxy = ConnectProxy(channel: channel, port: channel.localAddress?.port ?? 0)
        counter.proxy.withLock { $0 = proxy }
        return proxy
    }

    private init(channel: any Channel, port: Int) {
        self.channel = channel
        self.port = port
    }

    /// Stops listening.
    func stop() async {
        try? await channel.close()
    }

    /// Lets the handlers count on the proxy made after them.
    private final class Counter: Sendable {
        let proxy = Mutex<ConnectProxy?>(nil)
        func increment() { proxy.withLock { $0?.tunnels.add(1, ordering: .releasing) } }
    }

    /// Reads the request head; on `CONNECT`, opens the tunnel and then passes bytes both ways.
    private final class RequestHandler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        private let hosts: [String: String]
        private let refusing: Bool
        private let counter: Counter
        private var head = ByteBuffer()
        private var peer: (any Channel)?

        init(hosts: [String: String], refusing: Bool, counter: Counter) {
            self.hosts = hosts
            self.refusing = refusing
            self.counter = counter
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var bytes = unwrapInboundIn(data)
            if let peer {
                peer.writeAndFlush(bytes, promise: nil)
                return
            }
            head.writeBuffer(&bytes)
            let view = Array(head.readableBytesView)
            guard let end = (0..<max(0, view.count - 3)).first(where: { view[$0..<$0 + 4] == [13, 10, 13, 10] }) else {
                return
            }
            let requestLine = String(decoding: view[..<end], as: UTF8.self).split(separator: "\r\n").first ?? ""
            let words = requestLine.split(separator: " ")
            guard words.count == 3, words[0] == "CONNECT", let colon = words[1].lastIndex(of: ":"),
                let port = Int(words[1][words[1].index(after: colon)...])
            else {
                answer(context, "405 Method Not Allowed", close: true)
                return
            }
            counter.increment()
            guard !refusing else {
                answer(context, "403 Forbidden", close: true)
                return
            }
            let name = String(words[1][..<colon])
            let host = hosts[name] ?? name
            let leftover = ByteBuffer(bytes: view[(end + 4)...])
            let client = context.channel
            let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            ClientBootstrap(group: context.eventLoop)
                .channelInitializer { outbound in
                    outbound.eventLoop.makeCompletedFuture {
                        try outbound.pipeline.syncOperations.addHandler(Relay(partner: client))
                    }
                }
                .connect(host: host, port: port)
                .whenComplete { result in
                    let (handler, context) = loopBound.value
                    switch result {
                    case .success(let outbound):
                        handler.peer = outbound
                        handler.answer(context, "200 Connection established", close: false)
                        if leftover.readableBytes > 0 { outbound.writeAndFlush(leftover, promise: nil) }
                    case .failure:
                        handler.answer(context, "502 Bad Gateway", close: true)
                    }
                }
        }

        func channelInactive(context: ChannelHandlerContext) {
            peer?.close(promise: nil)
        }

        private func answer(_ context: ChannelHandlerContext, _ status: String, close: Bool) {
            let reply = ByteBuffer(string: "HTTP/1.1 \(status)\r\n\r\n")
            if close {
                context.writeAndFlush(wrapOutboundOut(reply)).whenComplete { _ in context.close(promise: nil) }
            } else {
                context.writeAndFlush(wrapOutboundOut(reply), promise: nil)
            }
        }
    }

    /// Passes what the server sends back to the client, and closes the client when the server closes.
    private final class Relay: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        private let partner: any Channel

        init(partner: any Channel) { self.partner = partner }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            partner.writeAndFlush(unwrapInboundIn(data), promise: nil)
        }

        func channelInactive(context: ChannelHandlerContext) {
            partner.close(promise: nil)
        }
    }
}
