import GatherKit

/// How an inspect gathers.
public struct InspectOptions: Sendable {
    /// How far back container logs reach.
    var since: SinceWindow
    /// Keep only the newest this many bytes of each container log (nil: whole logs).
    var maximumLogBytes: Int64?
    /// Container logs larger than this many bytes are stored gzipped, as `current.log.gz` (nil: never). Readers such
    /// as omg expect plain `current.log`, so this is opt-in. The real must-gather's pod logs keep 12 % of their size
    /// at the zlib level used (3).
    var gzipLogsOver: Int64?
    /// Namespaces swept at once.
    var namespaceConcurrency: Int
    /// Lists streamed to disk at once, over all namespaces: each holds up to two pages in memory, so this bounds memory.
    /// 16, the client's bound: most namespaced lists are one small page, and at 8 the list phase left half the request
    /// slots idle (the small benchmark scale went from 2.7 s to 2.2 s, with the same peak memory).
    var listStreams: Int
    /// Container logs downloaded at once.
    var logConcurrency: Int
    /// Also fetch each container's rotated log files from its node's kubelet into `logs/rotated/`, as
    /// `oc adm inspect --rotated-pod-logs` does: one node-proxy listing per container, then its rotated files.
    var rotatedPodLogs: Bool

    public init(since: SinceWindow = .everything, maximumLogBytes: Int64? = nil, gzipLogsOver: Int64? = nil,
        namespaceConcurrency: Int = 4, listStreams: Int = 16, logConcurrency: Int = 16, rotatedPodLogs: Bool = false)
    {
        self.rotatedPodLogs = rotatedPodLogs
        self.since = since
        self.maximumLogBytes = maximumLogBytes
        self.gzipLogsOver = gzipLogsOver
        self.namespaceConcurrency = max(1, namespaceConcurrency)
        self.listStreams = max(1, listStreams)
        self.logConcurrency = max(1, logConcurrency)
    }
}
