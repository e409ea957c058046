import NIOCore
import NIOSSL
import NIOWebSocket

extension KubeClient {
    /// The subprotocols offered for exec, preferred first: v5 adds the close signal; every OpenShift 4 server
    /// speaks v4.
    static let execSubprotocols = ["v5.channel.k8s.io", "v4.channel.k8s.io"]

    /// Runs `command` in `container` of a pod over a WebSocket, handing stdout and stderr to their sinks as they come,
    /// and returns how the command ended.
    ///
    /// The exec waits for the rate limiter and holds an in-flight permit while it opens, like any request, with the
    /// same TLS verification and credentials. Once upgraded, the command's stream is a long-running request, which
    /// kube-apiserver's in-flight limits do not count either: it gives its permit back, so that commands that run for
    /// a while do not hold back the run's other requests, and the collectors bound how many run at once.
    /// It is not retried, since the command may have run, with two exceptions for an
    /// outage of the server (see ``ServerOutage``): a connection that could not be opened is opened once the server
    /// answers (the command has not run), and with `startOver`, a command cut by the outage is run once more
    /// afterwards (`startOver` first drops what the sinks received). Collectors run read-only commands.
    /// - Parameters:
    ///   - timeout: the longest the command may run; past it, the connection is closed.
    ///   - stallTimeout: the longest silence (no frame at all) before the exec counts as hung; defaults to the
    ///     client's read time-out.
    ///   - startOver: drops what the sinks received, before a command cut by an outage is run again; nil: never
    ///     run again.
    /// - Throws: ``KubeError`` when the server refuses before the upgrade (`.forbidden` without the `pods/exec`
    ///   permission, `.notFound` for a missing pod); ``ExecFailed`` when it could not run the command;
    ///   ``ExecInterrupted`` when the stream broke, stalled or ran out of time (the sinks hold part of the output);
    ///   errors of the sinks as they are.
    public func exec(
        namespace: String,
        pod: String,
        container: String,
        command: [String],
        timeout: Duration = .seconds(300),
        stallTimeout: Duration? = nil,
        startOver: (() async throws -> Void)? = nil,
        stdout: (ByteBuffer) async throws -> Void,
        stderr: (ByteBuffer) async throws -> Void
    ) async throws -> ExecResult {
        let path = APIPath.object(group: "", version: "v1", resource: "pods", namespace: namespace, name: pod) + "/exec"
        let request = Request(path: path,
            query: [(name: "container", value: container), (name: "stdout", value: "true"),
                (name: "stderr", value: "true")] + command.map { (name: "command", value: $0) })
        var headers: [(name: String, value: String)] = [("User-Agent", options.userAgent),
            ("Sec-WebSocket-Protocol", Self.execSubprotocols.joined(separator: ", "))]
        let credential = try await pluginCredential()
        headers += try identityHeaders(credential)
        let tls = try streamTLS(for: credential)
        var passage = OutageGate.Passage()
        var ranAgain = false
        while true {
            try await admit(&passage, path: path, attempts: 1)
            do {
                let result = try await execOnce(path: path, target: request.target, headers: headers, tls: tls,
                    timeout: timeout, stallTimeout: stallTimeout, stdout: stdout, stderr: stderr)
                return result
            } catch let unopened as ExecNotOpened {
                if try await isOutage(unopened.serverGone, &passage, path: path) { continue }
                outageGate?.finished(passage, lost: true)
                throw unopened.error
            } catch let interrupted as ExecInterrupted {
                if let startOver, !ranAgain, let gone = interrupted.serverGone,
                    try await isOutage(gone, &passage, path: path)
                {
                    options.logger.notice("exec \(path) was cut by an outage; running it once more")
                    ranAgain = true
                    try await startOver()
                    continue
                }
                outageGate?.finished(passage, lost: true)
                throw interrupted
            }
        }
    }

    /// Opens the exec's WebSocket and runs the command once.
    private func execOnce(
        path: String,
        target: String,
        headers: [(name: String, value: String)],
        tls: NIOSSLContext?,
        timeout: Duration,
        stallTimeout: Duration?,
        stdout: (ByteBuffer) async throws -> Void,
        stderr: (ByteBuffer) async throws -> Void
    ) async throws -> ExecResult {
        try await rateLimiter.acquire()
        let outcome: UpgradeHandshake.Answer = try await inFlight.withPermit {
            requestCounter.increment()
            do {
                return try await ExecConnection.open(server: connection.server, target: target,
                    headers: headers, tls: tls, serverName: connection.tlsServerName, proxy: connection.proxy,
                    connectTimeout: options.connectTimeout)
            } catch {
                let classified = TransportErrorClassifier.classify(error, path: path, server: connection.server,
                    attempts: 1)
                guard outageGate != nil, let gone = ServerReachability.unreachableCause(error) else { throw classified }
                throw ExecNotOpened(error: classified, serverGone: gone)
            }
        }
        switch outcome {
        case .refused(let status, let body):
            throw KubeError.fromResponse(status: status, body: body, path: path, attempts: 1)
        case .upgraded(let frames, let subprotocol):
            guard let subprotocol, Self.execSubprotocols.contains(subprotocol) else {
                try? await frames.channel.close()
                throw KubeError(kind: .malformedResponse, path: path,
                    message: "the server chose no exec subprotocol of \(Self.execSubprotocols) (it sent \(subprotocol ?? "none"))")
            }
            return try await ExecSupervision(path: path, timeout: timeout,
                stallTimeout: stallTimeout ?? options.readIdleTimeout
            ).run(frames, subprotocol: subprotocol, stdout: stdout, stderr: stderr)
        }
    }
}

/// The exec's connection could not be opened in a way that says the server may be gone: the command did not run.
struct ExecNotOpened: Error {
    let error: KubeError
    /// Why, in a few words.
    let serverGone: String
}
