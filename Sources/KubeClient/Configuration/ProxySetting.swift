import Foundation

/// The proxy that carries the connections to the API server: from the kubeconfig's `proxy-url`, or else from
/// `HTTPS_PROXY` (`HTTP_PROXY` for an `http://` server) unless `NO_PROXY` exempts the server.
public struct ProxySetting: Sendable, Equatable, CustomStringConvertible {
    /// How the proxy is spoken to.
    enum Kind: String, Sendable, Equatable {
        /// An HTTP proxy: HTTPS goes through a `CONNECT` tunnel.
        case http
        /// A SOCKS 5 proxy.
        case socks5
    }

    let kind: Kind
    let host: String
    let port: Int
    /// `user:password` from the URL, sent as `Proxy-Authorization: Basic` on `CONNECT`.
    let credentials: Secret?

    /// Reads a proxy URL as client-go does: a value without a scheme is an HTTP proxy.
    /// - Parameter field: what to name in errors (`proxy-url`, `HTTPS_PROXY`).
    static func parse(_ text: String, field: String) throws(ProxyURLError) -> ProxySetting {
        let written = text.contains("://") ? text : "http://" + text
        guard let components = URLComponents(string: written), let scheme = components.scheme?.lowercased(),
            let rawHost = components.host, !rawHost.isEmpty
        else { throw ProxyURLError(field: field, problem: "not a proxy URL (expected http://host:port)") }
        var host = rawHost
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        var credentials: Secret?
        if let user = components.user {
            credentials = Secret((user.removingPercentEncoding ?? user) + ":"
                + (components.password.map { $0.removingPercentEncoding ?? $0 } ?? ""))
        }
        switch scheme {
        case "http":
            return ProxySetting(kind: .http, host: host, port: components.port ?? 80, credentials: credentials)
        case "socks5", "socks5h":
            guard credentials == nil else {
                throw ProxyURLError(field: field, problem: "a SOCKS proxy with a user name is not supported by gather")
            }
            return ProxySetting(kind: .socks5, host: host, port: components.port ?? 1080, credentials: nil)
        case "https":
            throw ProxyURLError(field: field,
                problem: "an https:// proxy (TLS to the proxy itself) is not supported by gather; use an http:// or socks5:// proxy")
        default:
            throw ProxyURLError(field: field, problem: "the scheme \"\(scheme)\" is not one of http, https and socks5")
        }
    }

    /// The proxy the environment names for `server`, as Go's `ProxyFromEnvironment` decides: none for `localhost`,
    /// loopback addresses, and servers that `NO_PROXY` lists.
    static func fromEnvironment(_ environment: [String: String], for server: ServerAddress)
        throws(ProxyURLError) -> ProxySetting?
    {
        let names = server.scheme == "https" ? ["HTTPS_PROXY", "https_proxy"] : ["HTTP_PROXY", "http_proxy"]
        guard let name = names.first(where: { !(environment[$0] ?? "").isEmpty }), let value = environment[name] else {
            return nil
        }
        let exemptions = NoProxyList(environment["NO_PROXY"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["no_proxy"] ?? "")
        guard !exemptions.exempts(host: server.host, port: server.port) else { return nil }
        return try parse(value, field: name)
    }

    public var description: String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "\(kind.rawValue)://\(hostPart):\(port)"
    }
}

/// A proxy URL that gather cannot use.
struct ProxyURLError: Error, CustomStringConvertible {
    let field: String
    let problem: String
    var description: String { "\(field): \(problem)" }
}
