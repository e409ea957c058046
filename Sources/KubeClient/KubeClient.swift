import Foundation
import AsyncHTTPClient
import Logging
import NIOCore
import NIOHTTP1
import NIOSSL

/// A Kubernetes REST client over HTTPS: one shared HTTP/1.1 connection pool, a client-side rate limit, a bound on
/// requests in flight, and retries with backoff.
///
/// HTTP/1.1 only: the HTTP/2 path of the underlying client buffers whole bodies ahead of a slow reader, which would let
/// memory follow log size. Shut the client down with ``shutdown()`` when done.
public final class KubeClient: Sendable {
    /// Where and who.
    public let connection: ClusterConnection
    /// The tunables in force.
    let options: KubeClientOptions
    let http: HTTPClient
    let tokens: TokenSource
    /// The credential plugin's credentials, when the connection uses one.
    let pluginCredentials: PluginCredentials?
    let rateLimiter: RateLimiter
    let inFlight: ConcurrencyLimiter
    /// The TLS setup of connections made outside the pool (exec), made once; nil for `http://` servers.
    let streamTLS: NIOSSLContext?
    /// Cuts downloads that drip: fewer than 1 KiB in a read time-out (``KubeClientOptions/readIdleTimeout``). Shared,
    /// so that every download of the client is measured by one timer.
    public let slowTransfers: SlowTransferGuard
    let requestCounter = RequestCounter()
    /// Where requests are addressed: the server, under its `tls-server-name` when it has one.
    let requestAddress: ServerAddress
    /// Holds every request while the server is unreachable; nil when the options ask for no waiting.
    let outageGate: OutageGate?

    /// Creates a client. Fails with a ``ConfigurationError`` when the CA or client certificate cannot be loaded.
    public init(connection: ClusterConnection, options: KubeClientOptions = KubeClientOptions()) throws(ConfigurationError) {
        self.connection = connection
        self.options = options
        self.requestAddress = ConnectionRouting.requestAddress(of: connection)
        let tls = try TLSSetup.configuration(for: connection)
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls,
            redirectConfiguration: .disallow,
            timeout: .init(connect: .init(options.connectTimeout), read: .init(options.readIdleTimeout)),
            connectionPool: .init(
                idleTimeout: .seconds(60),
                concurrentHTTP1ConnectionsPerHostSoftLimit: options.maximumConcurrentRequests
            ),
            proxy: nil,
            ignoreUncleanSSLShutdown: false,
            decompression: .disabled
        )
        configuration.httpVersion = .http1Only
        ConnectionRouting.apply(connection, to: &configuration)
        // A failed connection fails its request at once, and the retry policy decides: the pool's own retries went
        // on for the whole connect time-out under each attempt (a wrong CA took 10 s to report, an API server that
        // refuses connections 50 s per request).
        configuration.connectionPool.retryConnectionEstablishment = false
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            self.streamTLS = connection.server.scheme == "https" ? try NIOSSLContext(configuration: tls) : nil
        } catch {
            throw ConfigurationError(file: connection.source, problem: "cannot set up TLS: \(error)")
        }
        self.tokens = TokenSource(credentials: connection.credentials)
        if case .plugin(let plugin) = connection.credentials {
            self.pluginCredentials = PluginCredentials(plugin: plugin, environment: ProcessInfo.processInfo.environment,
                baseTLS: tls, source: connection.source)
        } else {
            self.pluginCredentials = nil
        }
        self.rateLimiter = RateLimiter(queriesPerSecond: options.queriesPerSecond, burst: options.burst)
        self.inFlight = ConcurrencyLimiter(limit: options.maximumConcurrentRequests)
        self.slowTransfers = SlowTransferGuard(window: options.readIdleTimeout)
        if let waitUntil = options.waitForServerUntil {
            let probe = ServerProbe(http: http, connection: connection, tokens: tokens, userAgent: options.userAgent,
                timeout: min(options.requestTimeout, options.connectTimeout))
            self.outageGate = OutageGate(waitUntil: waitUntil) { await probe.answers() }
        } else {
            self.outageGate = nil
        }
        if case .insecureSkipVerify = connection.trust {
            options.logger.warning("TLS verification of the API server is OFF (insecure-skip-tls-verify in \(connection.source))")
        }
    }

    /// Closes every connection. Call once, when no request is in flight.
    public func shutdown() async throws {
        outageGate?.close()
        try await http.shutdown()
    }

    /// The outages met so far, the one in progress last.
    public var outages: [ServerOutage] { outageGate?.outages ?? [] }

    /// Calls `observer` whenever an outage begins, ends, or outlasts the wait.
    public func observeOutages(_ observer: @escaping @Sendable (ServerOutage) -> Void) {
        outageGate?.observe(observer)
    }

    /// How many HTTP requests this client has sent, retries included.
    var requestsSent: Int { requestCounter.value }

    // MARK: Requests

    /// One request: a path (already percent-encoded where it carries names), query items and extra headers.
    public struct Request: Sendable {
        /// The path below the server's base, starting with `/`.
        var path: String
        /// Query items, encoded by the client.
        var query: [(name: String, value: String)]
        /// The `Accept` header.
        var accept: String
        /// Extra headers, such as `Accept-Encoding: gzip`.
        var headers: [(name: String, value: String)]

        /// Creates a GET request.
        public init(
            path: String,
            query: [(name: String, value: String)] = [],
            accept: String = "application/json",
            headers: [(name: String, value: String)] = []
        ) {
            self.path = path
            self.query = query
            self.accept = accept
            self.headers = headers
        }

        var target: String {
            guard !query.isEmpty else { return path }
            return path + "?" + query.map { "\(APIPath.encodeQuery($0.name))=\(APIPath.encodeQuery($0.value))" }
                .joined(separator: "&")
        }
    }

    /// An error thrown after part of a body reached the caller: not retried, since the caller has the bytes.
    struct DeliveredError: Error {
        public let error: KubeError
    }

    /// An error thrown by the caller's own code while handling a body (for example a full disk): passed through as is.
    struct HandlerError: Error {
        public let error: any Error
    }

    /// The start (64 KiB) of an error answer's body, for its `Status` message; whatever has not come within `limit` is
    /// given up, so an error body that drips cannot hold the request.
    static func errorBody(of response: HTTPClientResponse, within limit: Duration) async -> [UInt8] {
        await withTaskGroup(of: [UInt8]?.self) { group in
            group.addTask { (try? await response.body.collect(upTo: 64 * 1024)).map { Array($0.readableBytesView) } ?? [] }
            group.addTask {
                try? await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            // The first to finish: the body, or nil when the time ran out.
            return (await group.next() ?? nil) ?? []
        }
    }

    /// Sends `request` until it succeeds, fails for good or runs out of attempts; `handle` reads the successful
    /// response.
    ///
    /// Each attempt passes the outage gate, waits for the rate limiter and holds an in-flight permit until `handle`
    /// returns. Errors thrown while `handle` reads the body are retried like transport errors unless wrapped in
    /// ``DeliveredError``. An attempt cut by an outage is sent again once the server answers, without counting; one
    /// whose body had begun reaching the caller (``CutByOutage``) is sent again after `startOver`.
    func send<T: Sendable>(
        _ request: Request,
        startOver: (() async throws -> Void)? = nil,
        handle: (HTTPClientResponse) async throws -> T
    ) async throws -> T {
        var passage = OutageGate.Passage()
        do {
            return try await attempts(request, passage: &passage, startOver: startOver, handle: handle)
        } catch {
            outageGate?.finished(passage, lost: Self.isLostToAnOutage(error))
            throw error
        }
    }

    private func attempts<T: Sendable>(
        _ request: Request,
        passage: inout OutageGate.Passage,
        startOver: (() async throws -> Void)?,
        handle: (HTTPClientResponse) async throws -> T
    ) async throws -> T {
        let policy = options.retry
        var attempt = 0
        var renewedRefusedCredential = false
        while true {
            try await admit(&passage, path: request.path, attempts: attempt)
            attempt += 1
            let outcome: Result<T, KubeError>
            var retryAfter: String?
            let credential = try await pluginCredential()
            var unreachable: String?
            do {
                try await rateLimiter.acquire()
                outcome = try await inFlight.withPermit {
                    let response = try await execute(request, attempt: attempt, credential: credential)
                    let status = Int(response.status.code)
                    guard (200..<300).contains(status) else {
                        retryAfter = response.headers.first(name: "Retry-After")
                        let body = await Self.errorBody(of: response, within: options.readIdleTimeout)
                        if ServerReachability.isLoadBalancerUnavailable(status: status, body: body) {
                            unreachable = "503 from a load balancer: no API server behind it answers"
                        }
                        return .failure(
                            KubeError.fromResponse(status: status, body: body, path: request.path, attempts: attempt))
                    }
                    return .success(try await handle(response))
                }
            } catch let delivered as DeliveredError {
                throw delivered.error
            } catch let handlerError as HandlerError {
                throw handlerError.error
            } catch let cut as CutByOutage {
                guard let startOver, try await isOutage(cut.cause, &passage, path: request.path) else {
                    throw cut.interruption
                }
                options.logger.notice("GET \(request.path) was cut by an outage after \(cut.interruption.bytesDelivered) bytes; fetching it again whole")
                try await startOver()
                attempt -= 1
                continue
            } catch {
                unreachable = ServerReachability.unreachableCause(error)
                outcome = .failure(
                    TransportErrorClassifier.classify(error, path: request.path, server: connection.server,
                        attempts: attempt))
            }
            switch outcome {
            case .success(let value):
                return value
            case .failure(let error):
                if let unreachable, try await isOutage(unreachable, &passage, path: request.path) {
                    // Cut by the outage, not failed: sent again once the server answers, the attempt not counted.
                    attempt -= 1
                    continue
                }
                // A plugin's credential that the server refuses is fetched again once, as client-go does.
                if error.kind == .unauthorized, let credential, !renewedRefusedCredential {
                    renewedRefusedCredential = true
                    await pluginCredentials?.renew(after: credential.generation)
                    continue
                }
                let retryable: Bool
                if let status = error.statusCode {
                    retryable = RetryPolicy.isRetryable(status: status)
                } else {
                    retryable = RetryPolicy.isRetryable(error.kind)
                }
                guard retryable, attempt < policy.maximumAttempts(after: error.kind), !Task.isCancelled else { throw error }
                let delay = policy.delay(afterAttempt: attempt, retryAfter: retryAfter, random: Double.random(in: 0..<1))
                options.logger.notice(
                    "retrying GET \(request.path) after \(error.statusCode.map { "HTTP \($0)" } ?? error.kind.rawValue) (attempt \(attempt + 1) of \(policy.maximumAttempts)) in \(delay)"
                )
                do {
                    try await Task.sleep(for: delay)
                } catch {
                    throw KubeError(kind: .cancelled, path: request.path, message: "cancelled", attempts: attempt)
                }
            }
        }
    }

    /// Waits at the outage gate, if there is one; its refusals as ``KubeError``s.
    func admit(_ passage: inout OutageGate.Passage, path: String, attempts: Int) async throws(KubeError) {
        guard let outageGate else { return }
        do {
            try await outageGate.admit(&passage)
        } catch let stopped as OutageGate.StoppedWaiting {
            throw KubeError(kind: .transport, path: path, message: stopped.description, attempts: max(1, attempts))
        } catch {
            throw KubeError(kind: .cancelled, path: path, message: "cancelled while waiting for the API server",
                attempts: max(1, attempts))
        }
    }

    /// Whether an outage explains a failure whose cause says the server could not be reached (see ``OutageGate``).
    func isOutage(_ cause: String, _ passage: inout OutageGate.Passage, path: String) async throws(KubeError) -> Bool {
        guard let outageGate else { return false }
        do {
            return try await outageGate.reportUnreachable(cause, &passage)
        } catch {
            throw KubeError(kind: .cancelled, path: path, message: "cancelled while waiting for the API server")
        }
    }

    /// Whether a request that failed with `error` after an outage held it was lost to that outage.
    static func isLostToAnOutage(_ error: any Error) -> Bool {
        if error is StreamInterrupted { return true }
        guard let error = error as? KubeError else { return false }
        return error.kind == .transport || error.kind == .timeout || error.kind == .cancelled
    }

    private func execute(_ request: Request, attempt: Int, credential: PluginCredentials.Issued?) async throws
        -> HTTPClientResponse
    {
        var httpRequest = HTTPClientRequest(url: requestAddress.url(path: request.target))
        httpRequest.method = .GET
        httpRequest.headers.add(name: "Accept", value: request.accept)
        httpRequest.headers.add(name: "User-Agent", value: options.userAgent)
        for header in request.headers { httpRequest.headers.add(name: header.name, value: header.value) }
        for header in try identityHeaders(credential) { httpRequest.headers.add(name: header.name, value: header.value) }
        if let tls = credential?.tls { httpRequest.tlsConfiguration = tls }
        requestCounter.increment()
        return try await http.execute(httpRequest, timeout: .init(options.requestTimeout))
    }
}

extension TimeAmount {
    public init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
