import Logging

/// Tunables of a ``KubeClient``: throughput bounds, time limits, retries.
public struct KubeClientOptions: Sendable {
    /// Client-side rate limit in requests per second (zero or less: unlimited).
    var queriesPerSecond: Double
    /// Requests that may start at once after a quiet spell.
    var burst: Int
    /// The most requests in flight at once (also the connection pool's size).
    var maximumConcurrentRequests: Int
    /// Time to establish a connection.
    var connectTimeout: Duration
    /// Time from sending a request to receiving the response head.
    var requestTimeout: Duration
    /// The longest silence while reading a body before the stream counts as stalled.
    var readIdleTimeout: Duration
    /// Retries of 429, 5xx, resets and time-outs.
    var retry: RetryPolicy
    /// Items asked for per page of a list, at most.
    var pageSize: Int
    /// The bytes a list page aims at: after each page, the next one's limit is sized from this page's bytes per item,
    /// so a list of large objects (Helm release secrets near etcd's 1.5 MiB bound) comes in pages of about this size,
    /// not of `pageSize` objects. At 16 MiB, lists of objects under 32 KiB each keep `pageSize`.
    var listPageTargetBytes: Int
    /// The largest list page read: a page over it is asked again with an eighth of the limit, down to one object.
    var maximumListPageBytes: Int
    /// The `User-Agent` header.
    var userAgent: String
    /// Where the client says what it does (retries, skipped groups). Never receives credentials.
    var logger: Logger
    /// Until when the client waits for an API server that has become unreachable (see ``ServerOutage``): requests
    /// hold while it is away and go on when it answers again. Nil: no waiting; a request to an unreachable server
    /// fails after its retries.
    public var waitForServerUntil: ContinuousClock.Instant?

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
        listPageTargetBytes: Int = 16 * 1024 * 1024,
        maximumListPageBytes: Int = 64 * 1024 * 1024,
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
        self.listPageTargetBytes = max(1, listPageTargetBytes)
        self.maximumListPageBytes = max(1, maximumListPageBytes)
        self.userAgent = userAgent
        self.logger = logger
    }
}
