import Foundation

/// Everything needed to reach one API server: where it is, how to trust it, and who we are.
///
/// Produced by ``ConnectionResolver`` from a kubeconfig or the in-cluster service account; consumed by ``KubeClient``.
public struct ClusterConnection: Sendable {
    /// The API server's base URL, for example `https://api.example:6443` (a path prefix is kept).
    public var server: ServerAddress
    /// How the server's certificate is checked.
    var trust: ServerTrust
    /// The credentials sent with every request.
    var credentials: Credentials
    /// The default namespace of the context, if any.
    public var namespace: String?
    /// Where this configuration came from, for messages (`kubeconfig /root/.kube/config, context admin`).
    public var source: String
    /// The name the server's certificate is checked against and sent as SNI instead of the server's host
    /// (`tls-server-name`), for servers reached by an address their certificate does not name.
    public var tlsServerName: String?
    /// The proxy that carries the connections, if any.
    public var proxy: ProxySetting?
    /// Whom the requests act as (`as`, `as-groups`, `--as`).
    public var impersonation: Impersonation

    /// Creates a connection description.
    public init(
        server: ServerAddress,
        trust: ServerTrust,
        credentials: Credentials,
        namespace: String? = nil,
        source: String,
        tlsServerName: String? = nil,
        proxy: ProxySetting? = nil,
        impersonation: Impersonation = Impersonation()
    ) {
        self.server = server
        self.trust = trust
        self.credentials = credentials
        self.namespace = namespace
        self.source = source
        self.tlsServerName = tlsServerName
        self.proxy = proxy
        self.impersonation = impersonation
    }
}

/// How the client verifies the server.
public enum ServerTrust: Sendable {
    /// Verify against these PEM-encoded CA certificates only.
    case certificateAuthority(pem: [UInt8])
    /// Verify against the system's trust store.
    case systemRoots
    /// Do not verify: only when the kubeconfig says `insecure-skip-tls-verify: true`. Every run says so loudly.
    case insecureSkipVerify

    /// Whether the server is not verified at all.
    var skipsVerification: Bool {
        if case .insecureSkipVerify = self { return true }
        return false
    }

    /// The CA certificates, when the configuration names some.
    var pem: [UInt8]? {
        if case .certificateAuthority(let pem) = self { return pem }
        return nil
    }
}

/// Who the client is to the server.
public enum Credentials: Sendable {
    /// No credentials.
    case none
    /// A fixed bearer token.
    case bearerToken(Secret)
    /// A bearer token read from a file, and read again whenever the file changes (projected tokens rotate).
    case bearerTokenFile(path: String)
    /// A client certificate (chain, PEM) and its private key (PEM).
    case clientCertificate(certificatePEM: [UInt8], keyPEM: Secret)
    /// Whatever a credential plugin prints: a token or a client certificate, fetched again when it expires or is
    /// refused.
    case plugin(CredentialPlugin)
}

/// A value that must never be printed: its descriptions are fixed placeholders.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The bytes of the secret; read them only to send them.
    public let bytes: [UInt8]

    /// Wraps `bytes`.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }
    /// Wraps the UTF-8 of `text`.
    public init(_ text: String) { self.bytes = Array(text.utf8) }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: []) }
    /// The secret as text; only for sending it.
    var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// The scheme, host, port and path prefix of an API server.
public struct ServerAddress: Sendable, Equatable, CustomStringConvertible {
    /// `https` or `http`.
    var scheme: String
    /// Host name or IP address, without brackets.
    var host: String
    /// TCP port.
    var port: Int
    /// A path prefix without a trailing slash, usually empty.
    var basePath: String

    /// Parses `https://host[:port][/prefix]`. IPv6 hosts are written in brackets.
    public init(parsing text: String) throws(ServerAddressError) {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "https" || scheme == "http", let rawHost = components.host, !rawHost.isEmpty
        else { throw ServerAddressError(text: text) }
        self.scheme = scheme
        var host = rawHost
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host
        self.port = components.port ?? (scheme == "https" ? 443 : 80)
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        self.basePath = path
    }

    /// The URL of `path` (which starts with `/`) on this server.
    func url(path: String) -> String {
        let hostPart = host.contains(":") ? "[\(host)]" : host
        return "\(scheme)://\(hostPart):\(port)\(basePath)\(path)"
    }

    public var description: String { url(path: "") }
}

/// A server address that is not an `https://` or `http://` URL with a host.
public struct ServerAddressError: Error, CustomStringConvertible {
    /// The text that was given.
    let text: String
    public var description: String { "not a server URL: \"\(text)\" (expected https://host[:port])" }
}
