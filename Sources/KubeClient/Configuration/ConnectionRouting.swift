import AsyncHTTPClient
import Foundation

/// How requests reach the server beyond its address: through a proxy, and under another name for TLS
/// (`tls-server-name`).
enum ConnectionRouting {
    /// Sets the proxy and the name override of `connection` on an HTTP client configuration.
    ///
    /// For `tls-server-name`, requests are addressed to that name and the client's DNS override sends the connection
    /// to the real host: the certificate is then checked against the name, and the name is sent as SNI.
    static func apply(_ connection: ClusterConnection, to configuration: inout HTTPClient.Configuration) {
        if let proxy = connection.proxy {
            switch proxy.kind {
            case .http:
                configuration.proxy = .server(host: proxy.host, port: proxy.port,
                    authorization: proxy.credentials.map { .basic(credentials: Data($0.bytes).base64EncodedString()) })
            case .socks5:
                configuration.proxy = .socksServer(host: proxy.host, port: proxy.port)
            }
        }
        if let name = connection.tlsServerName, name != connection.server.host {
            configuration.dnsOverride = [name: connection.server.host]
        }
    }

    /// The address requests are made to: the server's, under its `tls-server-name` when it has one.
    static func requestAddress(of connection: ClusterConnection) -> ServerAddress {
        var address = connection.server
        if let name = connection.tlsServerName { address.host = name }
        return address
    }
}
