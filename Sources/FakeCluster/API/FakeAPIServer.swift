import Foundation
import KubeClient
import Logging
import Synchronization

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
    /// The server while it serves; nil while an outage lasts. Replaced by a new one, on the same port, after each.
    private let server: Mutex<HTTPSServer?>
    /// The port, kept while an outage lasts so that the server comes back on it.
    private let portHold = Mutex<PortHold?>(nil)
    /// Starts serving again on `port` after an outage.
    private let restart: @Sendable (_ port: Int) async throws -> HTTPSServer
    /// What runs the outages: their schedule, and each one's return.
    private let tasks = Mutex<[Task<Void, Never>]>([])

    /// `https://127.0.0.1:<port>`.
    public let url: String
    /// The bound port.
    let port: Int

    /// Starts serving `data`.
    /// - Parameters:
    ///   - port: 0 picks a free port.
    ///   - requestLogPath: also append every request to this file.
    ///   - faults: how to misbehave, and where.
    ///   - impersonation: whom clients may impersonate (nobody by default).
    ///   - serverNames: the names in the server's certificate.
    ///   - outages: when the whole server goes away, and for how long.
    public static func start(data: ClusterData, host: String = "127.0.0.1", port: Int = 0, token: String? = nil,
        requestLogPath: String? = nil, faults: FaultPlan = FaultPlan(),
        impersonation: ImpersonationPolicy = ImpersonationPolicy(),
        serverNames: ClusterPKI.ServerNames = .loopbackAndAlternate, outages: [Outage] = []) async throws
        -> FakeAPIServer
    {
        let pki = try ClusterPKI(serverNames: serverNames)
        var generator = SystemRandomNumberGenerator()
        let token = token ?? "fake-token-" + (0..<4).map { _ in String(generator.next(), radix: 36) }.joined()
        let log = RequestLog(path: requestLogPath)
        let handler = FakeAPIHandler(data: data, token: token, log: log, faults: faults,
            impersonation: impersonation)
        let tls = try pki.serverTLSConfiguration()
        let serve: @Sendable (Int) async throws -> HTTPSServer = { port in
            try await HTTPSServer.start(host: host, port: port, tls: tls,
                upgrade: { head, channel in await handler.shouldUpgrade(head, channel: channel) }
            ) { request, _ in await handler.handle(request) }
        }
        let server = FakeAPIServer(pki: pki, token: token, requestLog: log, data: data, server: try await serve(port),
            restart: serve)
        if !outages.isEmpty { server.run(outages) }
        return server
    }

    private init(pki: ClusterPKI, token: String, requestLog: RequestLog, data: ClusterData, server: HTTPSServer,
        restart: @escaping @Sendable (Int) async throws -> HTTPSServer)
    {
        self.pki = pki
        self.token = token
        self.requestLog = requestLog
        self.data = data
        self.url = server.url
        self.port = server.port
        self.server = Mutex(server)
        self.restart = restart
    }

    /// Stops serving; requests still running after `grace` (a stalled stream) are cut.
    public func stop(grace: Duration = .seconds(2)) async {
        for task in tasks.withLock({ $0 }) { task.cancel() }
        await server.withLock { $0 }?.stop(grace: grace)
        portHold.withLock { $0 = nil }
    }

    /// Goes away and comes back as `outages` say, counting from the first request answered: a client that starts late
    /// on a loaded machine still meets them.
    private func run(_ outages: [Outage]) {
        let task = Task { [self] in
            await requestLog.waitForFirstRequest()
            let started = ContinuousClock.now
            for outage in outages.sorted(by: { $0.after < $1.after }) {
                try? await Task.sleep(until: started + outage.after)
                guard !Task.isCancelled else { return }
                await beginOutage(lasting: outage.length, refusal: outage.refusal)
            }
        }
        tasks.withLock { $0.append(task) }
    }

    /// Goes away now: every open connection reset, new ones refused as `refusal` says; comes back after `length`
    /// (never when nil). Returns once gone.
    public func beginOutage(lasting length: Duration?, refusal: Outage.Refusal = .closedSocket) async {
        let serving = server.withLock { $0 }
        switch refusal {
        case .closedSocket:
            let hold = await serving?.goAway()
            server.withLock { $0 = nil }
            portHold.withLock { $0 = hold }
        case .acceptAndReset:
            await serving?.resetEveryConnection()
        }
        requestLog.note("outage: every connection reset, new ones refused")
        guard let length else { return }
        let task = Task { [self] in
            try? await Task.sleep(for: length)
            guard !Task.isCancelled else { return }
            switch refusal {
            case .closedSocket:
                await comeBack()
            case .acceptAndReset:
                serving?.acceptAgain()
                requestLog.note("outage over: serving again")
            }
        }
        tasks.withLock { $0.append(task) }
    }

    /// Ends an outage begun without a length: serves again on the same port. Does nothing while serving.
    public func endOutage() async {
        guard server.withLock({ $0 }) == nil else { return }
        await comeBack()
    }

    /// Serves again on the same port, which the outage held. Tries for a while: the kernel may lag in freeing the
    /// port, and a loaded machine in everything.
    private func comeBack() async {
        portHold.withLock { $0 = nil }
        let giveUp = ContinuousClock.now + .seconds(60)
        var lastError: (any Error)?
        while ContinuousClock.now < giveUp, !Task.isCancelled {
            do {
                let again = try await restart(port)
                server.withLock { $0 = again }
                requestLog.note("outage over: serving again")
                return
            } catch {
                lastError = error
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        requestLog.note("outage: could not serve again on port \(port): \(lastError.map { "\($0)" } ?? "cancelled")")
    }

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
