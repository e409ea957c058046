import AsyncHTTPClient
import NIOSSL

extension KubeClient {
    /// The credential plugin's current credential, running the plugin when needed; nil when the connection uses no
    /// plugin. A plugin that fails throws ``CredentialPluginError``, which ends the request: retrying cannot help.
    func pluginCredential() async throws -> PluginCredentials.Issued? {
        try await pluginCredentials?.credential()
    }

    /// The headers that say who makes a request: the bearer token (the plugin's, or the kubeconfig's) and the
    /// impersonation.
    func identityHeaders(_ issued: PluginCredentials.Issued?) throws -> [(name: String, value: String)] {
        var headers = connection.impersonation.headers
        if let issued {
            if let token = issued.credential.token { headers.append(("Authorization", "Bearer \(token.text)")) }
        } else if let token = try tokens.token() {
            headers.append(("Authorization", "Bearer \(token.text)"))
        }
        return headers
    }

    /// The TLS context of a connection made outside the pool (exec): the client's own, or one presenting the plugin's
    /// client certificate.
    func streamTLS(for issued: PluginCredentials.Issued?) throws -> NIOSSLContext? {
        guard let configuration = issued?.tls, connection.server.scheme == "https" else { return streamTLS }
        return try NIOSSLContext(configuration: configuration)
    }
}
