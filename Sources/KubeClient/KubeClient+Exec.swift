import NIOCore
import NIOWebSocket

extension KubeClient {
    /// The subprotocols offered for exec, preferred first: v5 adds the close signal; every OpenShift 4 server
    /// speaks v4.
    static let execSubprotocols = ["v5.channel.k8s.io", "v4.channel.k8s.io"]

    /// Runs `command` in `container` of a pod over a WebSocket, handing stdout and stderr to their sinks as they come,
    /// and returns how the command ended.
    ///
    /// The exec waits for the rate limiter and holds an in-flight permit like any request, with the same TLS
    /// verification and credentials. It is never retried: the command may have run.
    /// - Parameters:
    ///   - timeout: the longest the command may run; past it, the connection is closed.
    ///   - stallTimeout: the longest silence (no frame at all) before the exec counts as hung; defaults to the
    ///     client's read time-out.
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
        try await rateLimiter.acquire()
        return try await inFlight.withPermit {
            requestCounter.increment()
            let outcome: UpgradeHandshake.Answer
            do {
                outcome = try await ExecConnection.open(server: connection.server, target: request.target,
                    headers: headers, tls: tls, serverName: connection.tlsServerName, proxy: connection.proxy,
                    connectTimeout: options.connectTimeout)
            } catch {
                throw TransportErrorClassifier.classify(error, path: path, server: connection.server, attempts: 1)
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
}
