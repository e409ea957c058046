import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// A small proxy on 127.0.0.1, HTTP `CONNECT` or SOCKS 5, for showing that a client's connections go through a
/// proxy: it counts the tunnels it opens and may resolve names itself (`hosts`), as a corporate proxy resolves names a
/// laptop cannot.
///
/// Anything but a tunnel is refused (HTTP 405); a target it cannot reach, 502 (SOCKS: host unreachable).
final class ConnectProxy: Sendable {
    private let channel: any Channel
    private let tunnels = Atomic<Int>(0)
    /// The port it listens on, on 127.0.0.1.
    let port: Int

    /// How many tunnels were asked for (`CONNECT` requests), reachable or not.
    var connectCount: Int { tunnels.load(ordering: .acquiring) }
    /// How clients speak to it.
    enum Dialect: Sendable { case httpConnect, socks5 }

    private let dialect: Dialect
    /// `http://127.0.0.1:PORT` or `socks5://127.0.0.1:PORT`.
    var url: String { "\(dialect == .httpConnect ? "http" : "socks5")://127.0.0.1:\(port)" }

    /// Starts listening; `hosts` maps names to the addresses the proxy connects to instead. A `refusing` proxy answers
    /// every `CONNECT` with 403, as one whose rules forbid the target.
    static func start(hosts: [String: String] = [:], refusing: Bool = false, dialect: Dialect = .httpConnect)
        async throws -> ConnectProxy
    {
        let counter = Counter()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(RequestHandler(hosts: hosts, refusing: refusing,
                        dialect: dialect, counter: counter))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let proxy = ConnectProxy(channel: channel, port: channel.localAddress?.port ?? 0, dialect: dialect)
        counter.proxy.withLock { $0 = proxy }
        return proxy
    }

    private init(channel: any Channel, port: Int, dialect: Dialect) {
        self.channel = channel
        self.port = port
        self.dialect = dialect
    }

    /// Stops listening.
    func stop() async {
        try? await channel.close()
    }

    /// Lets the handlers count on the proxy made after them.
    private final class Counter: Sendable {
        let proxy = Mutex<ConnectProxy?>(nil)
        func increment() { proxy.withLock { _ = $0?.tunnels.add(1, ordering: .releasing) } }
    }

    /// Reads the client's request (an HTTP `CONNECT`, or a SOCKS 5 greeting and `CONNECT` command), opens the
    /// tunnel, and then passes bytes both ways.
    private final class RequestHandler: ChannelInboundHandler, @unchecked Sendable {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        /// What the bytes so far ask for.
        private enum Parsed {
            case needMore
            /// Answer `reply` and wait for more (the SOCKS greeting); `consumed` bytes are used up.
            case reply([UInt8], consumed: Int)
            /// Answer `reply` and close.
            case refuse([UInt8])
            /// Open a tunnel to `host:port`; bytes from `consumed` on are the client's first bytes for the server.
            case connect(host: String, port: Int, consumed: Int)
        }

        private let hosts: [String: String]
        private let refusing: Bool
        private let dialect: Dialect
        private let counter: Counter
        private var head: [UInt8] = []
        private var greeted = false
        private var peer: (any Channel)?

        init(hosts: [String: String], refusing: Bool, dialect: Dialect, counter: Counter) {
            self.hosts = hosts
            self.refusing = refusing
            self.dialect = dialect
            self.counter = counter
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            let bytes = unwrapInboundIn(data)
            if let peer {
                peer.writeAndFlush(bytes, promise: nil)
                return
            }
            head += bytes.readableBytesView
            switch dialect == .httpConnect ? parseHTTP() : parseSOCKS() {
            case .needMore:
                return
            case .reply(let reply, let consumed):
                head.removeFirst(consumed)
                context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: reply)), promise: nil)
            case .refuse(let reply):
                answerAndClose(context, reply)
            case .connect(let name, let port, let consumed):
                counter.increment()
                guard !refusing else {
                    return refuse(context)
                }
                open(context, host: hosts[name] ?? name, port: port, leftover: ByteBuffer(bytes: head[consumed...]))
            }
        }

        private func open(_ context: ChannelHandlerContext, host: String, port: Int, leftover: ByteBuffer) {
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
                        let reply = handler.dialect == .httpConnect
                            ? Array("HTTP/1.1 200 Connection established\r\n\r\n".utf8) : [5, 0, 0, 1, 0, 0, 0, 0, 0, 0]
                        context.writeAndFlush(handler.wrapOutboundOut(ByteBuffer(bytes: reply)), promise: nil)
                        if leftover.readableBytes > 0 { outbound.writeAndFlush(leftover, promise: nil) }
                    case .failure:
                        handler.refuse(context, httpStatus: "502 Bad Gateway", socksReply: 4)
                    }
                }
        }

        /// Refuses the tunnel: 403 (or `httpStatus`), or SOCKS reply 2, "not allowed by ruleset" (or `socksReply`).
        private func refuse(_ context: ChannelHandlerContext, httpStatus: String = "403 Forbidden", socksReply: UInt8 = 2) {
            answerAndClose(context, dialect == .httpConnect
                ? Array("HTTP/1.1 \(httpStatus)\r\n\r\n".utf8) : [5, socksReply, 0, 1, 0, 0, 0, 0, 0, 0])
        }

        private func answerAndClose(_ context: ChannelHandlerContext, _ reply: [UInt8]) {
            let channel = context.channel
            context.writeAndFlush(wrapOutboundOut(ByteBuffer(bytes: reply))).whenComplete { _ in
                channel.close(promise: nil)
            }
        }

        private func parseHTTP() -> Parsed {
            guard let end = (0..<max(0, head.count - 3)).first(where: { head[$0..<$0 + 4] == [13, 10, 13, 10] }) else {
                return .needMore
            }
            let requestLine = String(decoding: head[..<end], as: UTF8.self).split(separator: "\r\n").first ?? ""
            let words = requestLine.split(separator: " ")
            guard words.count == 3, words[0] == "CONNECT", let colon = words[1].lastIndex(of: ":"),
                let port = Int(words[1][words[1].index(after: colon)...])
            else { return .refuse(Array("HTTP/1.1 405 Method Not Allowed\r\n\r\n".utf8)) }
            return .connect(host: String(words[1][..<colon]), port: port, consumed: end + 4)
        }

        /// RFC 1928: a greeting offering methods (no authentication is chosen), then `CONNECT` to an IPv4 address, a
        /// domain name or an IPv6 address.
        private func parseSOCKS() -> Parsed {
            if !greeted {
                guard head.count >= 2, head.count >= 2 + Int(head[1]) else { return .needMore }
                guard head[0] == 5, head[2..<2 + Int(head[1])].contains(0) else { return .refuse([5, 0xFF]) }
                greeted = true
                return .reply([5, 0], consumed: 2 + Int(head[1]))
            }
            guard head.count >= 5, head[0] == 5, head[1] == 1 else { return head.count < 5 ? .needMore : .refuse([5, 7]) }
            let (addressLength, addressStart): (Int, Int) = switch head[3] {
            case 1: (4, 4)
            case 3: (Int(head[4]), 5)
            default: (16, 4)
            }
            let end = addressStart + addressLength + 2
            guard head.count >= end else { return .needMore }
            let address = head[addressStart..<addressStart + addressLength]
            let host = switch head[3] {
            case 1: address.map(String.init).joined(separator: ".")
            case 3: String(decoding: address, as: UTF8.self)
            default: stride(from: address.startIndex, to: address.endIndex, by: 2)
                .map { String(UInt16(address[$0]) << 8 | UInt16(address[$0 + 1]), radix: 16) }.joined(separator: ":")
            }
            return .connect(host: host, port: Int(head[end - 2]) << 8 | Int(head[end - 1]), consumed: end)
        }

        func channelInactive(context: ChannelHandlerContext) {
            peer?.close(promise: nil)
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
