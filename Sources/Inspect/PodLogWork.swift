/// One unit of log work for the concurrent loop: a log to download, or a batch of empty `previous.log` files (of
/// containers that never restarted) written in one trip to the blocking pool.
enum PodLogWork: Sendable {
    case download(PodLogJob)
    case writeEmpty([PodLogJob])

    /// How many empty log files one trip to the blocking pool writes.
    static let emptyLogsPerBatch = 256

    /// The jobs in their order, the known-absent ones gathered into batches where they fall. A trip each made a third
    /// of all thread hand-offs of a large run; batching them where they fall (not all first) keeps them next to the
    /// downloads of the same pods, whose folders the output tree then still knows.
    static func plan(_ jobs: [PodLogJob], batch: Int = emptyLogsPerBatch) -> [PodLogWork] {
        var work: [PodLogWork] = []
        var pending: [PodLogJob] = []
        for job in jobs {
            guard job.knownAbsent else {
                work.append(.download(job))
                continue
            }
            pending.append(job)
            if pending.count == batch {
                work.append(.writeEmpty(pending))
                pending = []
            }
        }
        if !pending.isEmpty { work.append(.writeEmpty(pending)) }
        return work
    }
}
