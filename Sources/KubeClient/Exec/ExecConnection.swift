import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import NIOWebSocket

/// Opens the WebSocket of one exec: a TLS connection of its own, the HTTP/1.1 upgrade request with the client's
/// credentials and the subprotocols offered (see ``UpgradeHandshake``), and either the upgraded channel or the
/// server's refusal.
///
/// Exec cannot share the request pool: an upgraded connection belongs to its command until the command ends.
enum ExecConnection {
    /// The largest WebSocket frame accepted. API servers send messages of 32 KiB; the bound keeps what one frame may
    /// hold in memory small while leaving room for servers that send larger ones.
    static let maximumFrameSize = 1 << 20

    /// Connects to `server` (checking its certificate against `serverName` when given), sends the upgrade request for `target` with `headers`, and returns how it went.
    static func open(
        server: ServerAddress,
        target: String,
        headers: [(name: String, value: String)],
        tls: NIOSSLContext?,
        serverName: String? = nil,
        proxy: ProxySetting? = nil,
        connectTimeout: Duration
    ) async throws -> UpgradeHandshake.Answer {
        let host = server.host.contains(":") ? "[\(server.host)]:\(server.port)" : "\(server.host):\(server.port)"
        var key = SystemRandomNumberGenerator()
        let nonce = (0..<16).map { _ in UInt8.random(in: 0...255, using: &key) }
        var lines = ["GET \(server.basePath + target) HTTP/1.1", "Host: \(host)", "Upgrade: websocket",
            "Connection: Upgrade", "Sec-WebSocket-Key: \(Data(nonce).base64EncodedString())", "Sec-WebSocket-Version: 13"]
        for header in headers {
            // A line break in a value (a token file with two lines) would smuggle a header.
            guard !header.value.contains(where: { $0 == "\r" || $0 == "\n" }) else {
                throw UpgradeFailed(message: "the \(header.name) header holds a line break")
            }
            lines.append("\(header.name): \(header.value)")
        }
        let request = ByteBuffer(string: lines.joined(separator: "\r\n") + "\r\n\r\n")
        // SNI carries host names only; an IP address is verified against the certificate's IP entries. The
        // kubeconfig's tls-server-name, when set, is the name checked and sent.
        let checkedName = serverName ?? server.host
        let serverHostname = Self.isIPAddress(checkedName) ? nil : checkedName
        // ClientBootstrap sets TCP_NODELAY itself.
        let bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(TimeAmount(connectTimeout))
        if let proxy, proxy.kind != .http {
            throw UpgradeFailed(message: "exec through a \(proxy.kind.rawValue) proxy is not supported; use an HTTP proxy")
        }
        // Through a proxy, the connection goes to the proxy, and the server's handlers start once the tunnel is open.
        let (connectHost, connectPort) = proxy.map { ($0.host, $0.port) } ?? (server.host, server.port)
        let (channel, answer) = try await bootstrap.connect(host: connectHost, port: connectPort) { channel in
            channel.eventLoop.makeCompletedFuture { () -> (any Channel, EventLoopFuture<UpgradeHandshake.Answer>) in
                let promise = channel.eventLoop.makePromise(of: UpgradeHandshake.Answer.self)
                let speakToServer: @Sendable (any Channel) throws -> Void = { channel in
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(
                            try NIOSSLClientHandler(context: tls, serverHostname: serverHostname))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        UpgradeHandshake(request: request, maximumFrameSize: maximumFrameSize, promise: promise))
                }
                if let proxy {
                    try channel.pipeline.syncOperations.addHandler(ProxyTunnel(target: host,
                        authorization: proxy.credentials.map { "Basic " + Data($0.bytes).base64EncodedString() },
                        then: speakToServer, failed: { promise.fail($0) }))
                } else {
                    try speakToServer(channel)
                }
                return (channel, promise.futureResult)
            }
        }
        do {
            return try await answer.get()
        } catch {
            try? await channel.close()
            throw error
        }
    }

    static func isIPAddress(_ host: String) -> Bool {
        (try? SocketAddress(ipAddress: host, port: 0)) != nil
    }
}
