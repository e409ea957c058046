import GatherKit
import KubeClient
import NodeProxy
import Synchronization

extension Inspector {
    /// Fetches the rotated log files of every queued container (`--rotated-pod-logs`), several containers at once,
    /// after the current and previous logs. A container whose node has no folder for it is a note; the containers of
    /// a node that stopped answering are skipped and counted in one problem per node.
    func downloadRotatedLogs() async {
        let jobs = rotatedLogJobs.takeAll()
        guard !jobs.isEmpty else { return }
        context.say("fetching \(jobs.count) containers' rotated logs from their nodes")
        let nodesToSkip = NodesToSkip()
        let downloader = RotatedLogDownloader(client: client, output: context.output,
            cutoff: session.options.since.cutoff(from: context.startedAt), nodesToSkip: nodesToSkip)
        let skipped = SkippedByNode()
        let refusedByDiskGuard = SkipCounter()
        await jobs.concurrentForEach(limit: session.options.logConcurrency) { job in
            if let refusal = context.output.diskGuardRefusal {
                refusedByDiskGuard.add(reason: refusal)
                return
            }
            if let reason = nodesToSkip.reason(for: job.node) {
                skipped.add(node: job.node, reason: reason)
                return
            }
            do {
                let outcome = try await downloader.download(job)
                for (_, bytes) in outcome.stored { context.countFile(bytes: bytes) }
                for (name, reason) in outcome.refused {
                    context.report(job.subject, "refused a listed name (\(reason)): \(name.debugDescription)")
                }
                for (name, problem) in outcome.failed { context.report(job.subject, "\(name) not gathered: \(problem)") }
            } catch let error as KubeError where error.kind == .notFound {
                context.note("\(job.subject): node/\(job.node) has no log folder for it")
            } catch {
                context.report(job.subject, "rotated logs not gathered: \(error)")
            }
        }
        for (node, count, reason) in skipped.all {
            context.report("node/\(node)", "rotated logs of \(count) containers not gathered, \(reason)")
        }
        if let (count, reason) = refusedByDiskGuard.total {
            context.report("rotated logs", "\(count) containers skipped after the disk guard stopped writes: \(reason)")
        }
    }
}

/// Containers skipped because their node was marked, counted per node.
final class SkippedByNode: Sendable {
    private let counts = Mutex<[String: (count: Int, reason: String)]>([:])

    func add(node: String, reason: String) {
        counts.withLock { $0[node] = (($0[node]?.count ?? 0) + 1, $0[node]?.reason ?? reason) }
    }

    /// Each node with its count and first reason, by name.
    var all: [(node: String, count: Int, reason: String)] {
        counts.withLock { $0.map { ($0.key, $0.value.count, $0.value.reason) }.sorted { $0.node < $1.node } }
    }
}
