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
        await jobs.concurrentForEach(limit: session.options.logConcurrency) { job in
            let subject = "pod/\(job.pod) -n \(job.namespace) -c \(job.container)\(job.previous ? " --previous" : "")"
            if let refusal = context.output.diskGuardRefusal {
                skipped.add(reason: refusal)
                return
            }
            do {
                switch try await downloader.download(job) {
                case .written(let bytes, let dropped, _):
                    context.countFile(bytes: bytes)
                    if dropped > 0 {
                        context.note("\(subject): kept the newest \(bytes) bytes, dropped the oldest \(dropped)")
                    }
                case .noPreviousContainer:
                    context.countFile(bytes: 0)
                }
            } catch {
                context.report(subject, "log not gathered: \(error)")
            }
        }
        if let (count, reason) = skipped.total {
            context.report("container logs", "\(count) logs skipped after the disk guard stopped writes: \(reason)")
        }
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
