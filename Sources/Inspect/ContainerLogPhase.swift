import GatherKit
import KubeClient
import NodeProxy

/// The last phase of an inspect, once the YAML is on disk: the current and previous log of every container queued
/// by the walk, then their rotated files from the nodes when asked for. Each log fails alone; after the disk guard
/// refuses, the rest are skipped and counted in one problem.
struct ContainerLogPhase: Sendable {
    let session: InspectSession
    let context: CollectorContext

    /// Fetches `logs`, then `rotated`.
    func run(logs: [PodLogJob], rotated: [RotatedLogJob]) async {
        await downloadLogs(logs)
        await downloadRotatedLogs(rotated)
    }

    /// Fetches every queued container log, several at once. After the disk guard refuses, the remaining logs are
    /// skipped and counted in one problem.
    private func downloadLogs(_ jobs: [PodLogJob]) async {
        guard !jobs.isEmpty else { return }
        context.say("fetching \(jobs.count / 2) containers' current and previous logs")
        let downloader = PodLogDownloader(client: session.client, output: context.output, since: session.options.since,
            maximumBytes: session.options.maximumLogBytes, gzipOver: session.options.gzipLogsOver)
        let skipped = SkipCounter()
        await PodLogWork.plan(jobs).concurrentForEach(limit: session.options.logConcurrency) { work in
            switch work {
            case .download(let job): await download(job, with: downloader, skipped: skipped)
            case .writeEmpty(let jobs): await writeEmptyLogs(jobs, with: downloader)
            }
        }
        if let (count, reason) = skipped.total {
            context.report("container logs", "\(count) logs skipped after the disk guard stopped writes: \(reason)")
        }
    }

    /// Downloads one log, unless the disk guard has refused a write.
    private func download(_ job: PodLogJob, with downloader: PodLogDownloader, skipped: SkipCounter) async {
        if let refusal = context.output.diskGuardRefusal {
            skipped.add(reason: refusal)
            return
        }
        do {
            switch try await downloader.download(job) {
            case .written(let bytes, let dropped, _):
                context.countFile(bytes: bytes)
                if dropped > 0 {
                    context.note("\(job.subject): kept the newest \(bytes) bytes, dropped the oldest \(dropped)")
                }
            case .noPreviousContainer:
                context.countFile(bytes: 0)
            }
        } catch {
            context.report(job.subject, "log not gathered: \(error)")
        }
    }

    /// Writes the empty log files of `jobs` in one trip to the blocking pool.
    private func writeEmptyLogs(_ jobs: [PodLogJob], with downloader: PodLogDownloader) async {
        let failures = (try? await BlockingIO.run { () -> [(PodLogJob, String)] in
            jobs.compactMap { job in
                do { try downloader.writeEmpty(job); return nil } catch { return (job, "\(error)") }
            }
        }) ?? jobs.map { ($0, "the blocking pool was shut down") }
        for _ in 0..<(jobs.count - failures.count) { context.countFile(bytes: 0) }
        for (job, problem) in failures { context.report(job.subject, "log not gathered: \(problem)") }
    }

    /// Fetches the rotated log files of every queued container (`--rotated-pod-logs`), several containers at once,
    /// after the current and previous logs. A container whose node has no folder for it is a note; the containers of
    /// a node that stopped answering are skipped and counted in one problem per node.
    private func downloadRotatedLogs(_ jobs: [RotatedLogJob]) async {
        guard !jobs.isEmpty else { return }
        context.say("fetching \(jobs.count) containers' rotated logs from their nodes")
        let nodesToSkip = NodesToSkip()
        let downloader = RotatedLogDownloader(client: session.client, output: context.output,
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
