import Logging

/// Tunables of a ``KubeClient``: throughput bounds, time limits, retries.
public struct KubeClientOptions: Sendable {
    /// Client-side rate limit in requests per second (zero or less: unlimited).
    public var queriesPerSecond: Double
    /// Requests that may start at once after a quiet spell.
    public var burst: Int
    /// The most requests in flight at once (also the connection pool's size).
    public var maximumConcurrentRequests: Int
    /// Time to establish a connection.
    public var connectTimeout: Duration
    /// Time from sending a request to receiving the response head.
    public var requestTimeout: Duration
    /// The longest silence while reading a body before the stream counts as stalled.
    public var readIdleTimeout: Duration
    /// Retries of 429, 5xx, resets and time-outs.
    public var retry: RetryPolicy
    /// Items asked for per page of a list.
    public var pageSize: Int
    /// The `User-Agent` header.
    public var userAgent: String
    /// Where the client says what it does (retries, skipped groups). Never receives credentials.
    public var logger: Logger

    /// Defaults suited to a gather: parallel but polite.
    public init(
        queriesPerSecond: Double = 200,
        burst: Int = 400,
        maximumConcurrentRequests: Int = 16,
        connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration = .seconds(60),
        readIdleTimeout: Duration = .seconds(60),
        retry: RetryPolicy = RetryPolicy(),
        pageSize: Int = 500,
        userAgent: String = "gather",
        logger: Logger = Logger(label: "kube-client", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.queriesPerSecond = queriesPerSecond
        self.burst = burst
        self.maximumConcurrentRequests = maximumConcurrentRequests
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.readIdleTimeout = readIdleTimeout
        self.retry = retry
        self.pageSize = pageSize
        self.userAgent = userAgent
        self.logger = logger
    }
}
