import GatherKit
import KubeClient
import Synchronization

extension Inspector {
    /// Fetches every queued container log, several at once. After the disk guard refuses, the remaining logs are
    /// skipped and counted in one problem.
    func downloadLogs() async {
        let jobs = logJobs.takeAll()
        guard !jobs.isEmpty else { return }
        context.say("fetching \(jobs.count / 2) containers' current and previous logs")
        let downloader = PodLogDownloader(client: client, output: context.output, since: session.options.since,
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
}

/// Counts logs skipped for one reason.
final class SkipCounter: Sendable {
    private let state = Mutex<(count: Int, reason: String)?>(nil)

    func add(reason: String) {
        state.withLock { state in state = (count: (state?.count ?? 0) + 1, reason: state?.reason ?? reason) }
    }

    var total: (Int, String)? { state.withLock { $0.map { ($0.count, $0.reason) } } }
}
