import Foundation
import KubeClient
import Logging

/// The fake Kubernetes API server: a ``ClusterData`` served over HTTPS on loopback with bearer-token auth.
public final class FakeAPIServer: Sendable {
    /// The CA and certificates made at start.
    let pki: ClusterPKI
    /// The bearer token clients must present.
    let token: String
    /// What was requested.
    let requestLog: RequestLog
    /// The data served.
    public let data: ClusterData
    private let server: HTTPSServer

    /// `https://127.0.0.1:<port>`.
    public var url: String { server.url }
    /// The bound port.
    var port: Int { server.port }

    /// Starts serving `data`.
    /// - Parameters:
    ///   - port: 0 picks a free port.
    ///   - requestLogPath: also append every request to this file.
    ///   - faults: how to misbehave, and where.
    ///   - impersonation: whom clients may impersonate (nobody by default).
    ///   - serverNames: the names in the server's certificate.
    public static func start(data: ClusterData, host: String = "127.0.0.1", port: Int = 0, token: String? = nil,
        requestLogPath: String? = nil, faults: FaultPlan = FaultPlan(),
        impersonation: ImpersonationPolicy = ImpersonationPolicy(),
        serverNames: ClusterPKI.ServerNames = .loopbackAndAlternate) async throws -> FakeAPIServer
    {
        let pki = try ClusterPKI(serverNames: serverNames)
        var generator = SystemRandomNumberGenerator()
        let token = token ?? "fake-token-" + (0..<4).map { _ in String(generator.next(), radix: 36) }.joined()
        let log = RequestLog(path: requestLogPath)
        let handler = FakeAPIHandler(data: data, token: token, log: log, faults: faults,
            impersonation: impersonation)
        let server = try await HTTPSServer.start(host: host, port: port, tls: try pki.serverTLSConfiguration(),
            upgrade: { head, channel in await handler.shouldUpgrade(head, channel: channel) }
        ) { request, _ in await handler.handle(request) }
        return FakeAPIServer(pki: pki, token: token, requestLog: log, data: data, server: server)
    }

    private init(pki: ClusterPKI, token: String, requestLog: RequestLog, data: ClusterData, server: HTTPSServer) {
        self.pki = pki
        self.token = token
        self.requestLog = requestLog
        self.data = data
        self.server = server
    }

    /// Stops serving; requests still running after `grace` (a stalled stream) are cut.
    public func stop(grace: Duration = .seconds(2)) async { await server.stop(grace: grace) }

    /// A kubeconfig for this server (CA inline, bearer token), as text.
    func kubeconfig(namespace: String = "default") -> String {
        let ca = Data(pki.caCertificatePEM.utf8).base64EncodedString()
        return """
            apiVersion: v1
            kind: Config
            current-context: fake
            clusters:
            - name: fake-cluster
              cluster:
                server: \(url)
                certificate-authority-data: \(ca)
            users:
            - name: fake-admin
              user:
                token: \(token)
            contexts:
            - name: fake
              context:
                cluster: fake-cluster
                user: fake-admin
                namespace: \(namespace)
            """ + "\n"
    }

    /// Writes ``kubeconfig(namespace:)`` to `path`, readable by the owner only (it holds the token).
    public func writeKubeconfig(to path: String) throws {
        try Self.writePrivate(kubeconfig(), to: path)
    }

    /// Writes a pod-style service-account folder (`token`, `ca.crt`, `namespace`) into `directory`.
    public func writeServiceAccount(to directory: String, namespace: String = "openshift-must-gather") throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Self.writePrivate(token, to: directory + "/token")
        try Self.writePrivate(pki.caCertificatePEM, to: directory + "/ca.crt")
        try Self.writePrivate(namespace, to: directory + "/namespace")
    }

    /// The connection a ``KubeClient`` needs for this server.
    public func connection() throws -> ClusterConnection {
        ClusterConnection(server: try ServerAddress(parsing: url),
            trust: .certificateAuthority(pem: Array(pki.caCertificatePEM.utf8)),
            credentials: .bearerToken(Secret(token)), namespace: "default", source: "fake cluster \(url)")
    }

    private static func writePrivate(_ text: String, to path: String) throws {
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        guard FileManager.default.fileExists(atPath: path) else {
            throw HTTPSServerError(message: "cannot write \(path)")
        }
    }
}
