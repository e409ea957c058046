import GatherKit
import KubeClient

/// One container log to fetch: current or previous.
struct PodLogJob: Sendable, Hashable {
    public var namespace: String
    var pod: String
    var container: String
    var previous: Bool
    /// The pod's status says there is no such log (a previous log of a container that never restarted): it is written
    /// empty, as oc leaves it, without asking.
    var knownAbsent = false

    /// How problems name it: `pod/p -n ns -c c --previous`, as oc's arguments would.
    var subject: String { "pod/\(pod) -n \(namespace) -c \(container)\(previous ? " --previous" : "")" }
}

/// Streams container logs to `.../<c>/<c>/logs/current.log` and `previous.log` as `oc adm inspect` does: with
/// timestamps, in the since-window, straight to disk in batches written on the blocking pool.
struct PodLogDownloader: Sendable {
    let client: KubeClient
    let output: OutputTree
    let since: SinceWindow
    /// Keep only the newest this many bytes of each log (nil: all of it).
    let maximumBytes: Int64?
    /// Store logs larger than this gzipped (nil: never).
    var gzipOver: Int64? = nil

    /// Bytes gathered in memory before one write.
    static let batchBytes = 256 * 1024

    /// What one download did.
    enum Outcome: Sendable {
        /// Written whole (or cut to its newest end), with its size on disk, the bytes dropped from its start, and
        /// whether it was stored gzipped.
        case written(bytes: Int64, dropped: Int64, gzipped: Bool)
        /// There was no previous container: an empty `previous.log`, as oc leaves it.
        case noPreviousContainer
    }

    /// Downloads one log; a stream that drips (too few bytes in a stall time-out) is cut and its file left `.partial`.
    /// It always asks the server: logs known to be absent are written by ``writeEmpty(_:)`` (see `PodLogWork.plan`).
    func download(_ job: PodLogJob) async throws -> Outcome {
        try await client.slowTransfers.run { progress in
            try await fetch(job, progress: progress)
        }
    }

    private func fetch(_ job: PodLogJob, progress: TransferProgress) async throws -> Outcome {
        var query: [(name: String, value: String)] = [("container", job.container), ("timestamps", "true")]
        if job.previous { query.append(("previous", "true")) }
        if let window = since.podLogQuery { query.append(window) }
        let path = APIPath.object(group: "", version: "v1", resource: "pods", namespace: job.namespace, name: job.pod)
            + "/log"
        let components = InspectLayout.logFile(namespace: job.namespace, pod: job.pod, container: job.container,
            previous: job.previous)
        let batch = BatchBuffer(threshold: Self.batchBytes)
        var file: TailKeepingFile?
        do {
            try await client.stream(KubeClient.Request(path: path, query: query, accept: "text/plain, */*"),
                head: { _ in
                    progress.begin()
                    let created = try output.createFile(components, bulky: true)
                    file = TailKeepingFile(file: created, limit: maximumBytes)
                },
                startOver: {
                    // Cut by an outage: fetched again whole once the server answers, into a new `.partial`.
                    _ = batch.drain()
                    progress.pause()
                    if let target = file { try await BlockingIO.run { try target.abandon() } }
                    file = nil
                },
                to: { chunk in
                    progress.add(chunk.readableBytes)
                    guard let full = batch.add(chunk), let target = file else { return }
                    try await BlockingIO.run { try target.append(full) }
                })
            guard let target = file else { return .written(bytes: 0, dropped: 0, gzipped: false) }
            let rest = batch.drain()
            try await BlockingIO.run {
                if !rest.isEmpty { try target.append(rest) }
                try target.commit()
            }
            let size = target.received - target.droppedBytes
            if let gzipOver, size > gzipOver {
                let compressed = try await BlockingIO.run { [output] in try FileGzipper.replace(components, in: output) }
                return .written(bytes: compressed, dropped: target.droppedBytes, gzipped: true)
            }
            return .written(bytes: size, dropped: target.droppedBytes, gzipped: false)
        } catch let error as KubeError where job.previous && Self.meansNoPreviousContainer(error) {
            try output.write([], to: components)
            return .noPreviousContainer
        } catch {
            if let target = file { _ = try? await BlockingIO.run { try target.abandon() } }
            throw error
        }
    }

    /// Writes the empty log file of a job whose log is known to be absent (blocking: call it on the blocking pool).
    func writeEmpty(_ job: PodLogJob) throws {
        try output.write([], to: InspectLayout.logFile(namespace: job.namespace, pod: job.pod, container: job.container,
            previous: job.previous))
    }

    /// The kubelet's answer when a container never restarted: `previous terminated container "c" in pod "p" not found`.
    static func meansNoPreviousContainer(_ error: KubeError) -> Bool {
        error.statusCode == 400 && error.message.contains("previous terminated container")
            && error.message.hasSuffix("not found")
    }
}
