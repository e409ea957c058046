import Foundation

/// Keeps the run's summary and the file `gather-summary.json` in step with it, so a run killed at any point still
/// says what it had.
///
/// Changes are made under a lock held only for the change itself; the file is written by one writer on a Dispatch
/// queue of its own, never on the cooperative pool and never while a collector waits. The writer takes the summary as
/// it stands when it runs, so many changes make one write: at once for a change of state, within a second for running
/// counts (``countsInterval``). Each write is atomic (temporary file, then rename).
///
/// Space for the summary is reserved at the start (``reserveFileName``, ``reservedBytes``) and given up by ``finish()``
/// only, so that the last summary, the one saying the disk filled, can be written. A write during the run that meets a
/// full disk leaves the file as it was: were the reserve given up then, the collectors still writing would take the
/// space back before the end.
final class SummaryRecorder: @unchecked Sendable {
    /// The file holding the reserved space, at the root of the output until the run ends.
    static let reserveFileName = ".gather-summary.reserve"
    /// The space reserved: room for a summary listing the maximum of problems for several collectors.
    static let reservedBytes = 1 << 20
    /// How long a change that is not urgent may wait before it reaches the file.
    static let countsInterval = Duration.seconds(1)

    private let lock = NSLock()
    private var summary: RunSummary
    /// Whether a write is queued to run at once, or after ``countsInterval``, and has not yet taken its snapshot; and
    /// whether the run is over, after which nothing is written. Guarded by `lock`.
    private var immediateWriteQueued = false
    private var delayedWriteQueued = false
    private var finished = false
    private let writer = DispatchQueue(label: "gather.summary-writer")
    private let path: String
    private let reservePath: String
    private let encoder: JSONEncoder

    /// Starts recording `summary` into `directory`, writing it before it returns.
    init(summary: RunSummary, directory: String) {
        self.summary = summary
        path = directory + "/" + RunSummary.fileName
        reservePath = directory + "/" + Self.reserveFileName
        encoder = RunSummary.fileEncoder()
        _ = FileManager.default.createFile(atPath: reservePath,
            contents: Data(count: Self.reservedBytes), attributes: [.posixPermissions: 0o600])
        write(summary)
    }

    /// Writes the summary as it stands and gives the reserved space back: the run is over. Returns once the file is
    /// written; later changes stay in memory.
    func finish() {
        writer.sync {
            let snapshot = lock.withLock {
                finished = true
                return summary
            }
            write(snapshot, usingTheReserve: true)
            _ = unlink(reservePath)
        }
    }

    /// The summary as it stands.
    var current: RunSummary { lock.withLock { summary } }

    /// Changes the summary; the file follows at once for an `urgent` change, within ``countsInterval`` otherwise.
    func update(urgent: Bool = true, _ change: (inout RunSummary) -> Void) {
        let queue = lock.withLock { () -> Bool in
            change(&summary)
            if finished || immediateWriteQueued || (!urgent && delayedWriteQueued) { return false }
            if urgent { immediateWriteQueued = true } else { delayedWriteQueued = true }
            return true
        }
        guard queue else { return }
        let writeLatest: @Sendable () -> Void = { [self] in
            let snapshot = lock.withLock { () -> RunSummary? in
                if urgent { immediateWriteQueued = false } else { delayedWriteQueued = false }
                return finished ? nil : summary
            }
            if let snapshot { write(snapshot) }
        }
        if urgent {
            writer.async(execute: writeLatest)
        } else {
            let (seconds, attoseconds) = Self.countsInterval.components
            writer.asyncAfter(deadline: .now() + Double(seconds) + Double(attoseconds) / 1e18, execute: writeLatest)
        }
    }

    /// Adds a problem to a collector's record, or counts it once the list is full.
    func addProblem(_ problem: RunSummary.Problem, to name: String) {
        updateCollector(name, urgent: false) { record in
            if record.problems.count < RunSummary.maximumListedProblems {
                record.problems.append(problem)
            } else {
                record.problemsNotListed = (record.problemsNotListed ?? 0) + 1
            }
        }
    }

    /// Changes one collector's record.
    func updateCollector(_ name: String, urgent: Bool = true, _ change: (inout RunSummary.Collector) -> Void) {
        update(urgent: urgent) { summary in
            if let index = summary.collectors.firstIndex(where: { $0.name == name }) { change(&summary.collectors[index]) }
        }
    }

    /// Writes `snapshot`, on the writer's queue (or before the writer starts). When the disk is full and
    /// `usingTheReserve`, the reserve is given up and the write tried once more.
    private func write(_ snapshot: RunSummary, usingTheReserve: Bool = false) {
        guard let data = try? encoder.encode(snapshot) else { return }
        if writeAtomically(data) { return }
        if usingTheReserve, unlink(reservePath) == 0 {
            _ = writeAtomically(data)
        }
    }

    private func writeAtomically(_ data: Data) -> Bool {
        let temporary = path + ".tmp"
        do {
            try data.write(to: URL(fileURLWithPath: temporary))
            chmod(temporary, 0o644)
            return rename(temporary, path) == 0
        } catch {
            _ = unlink(temporary)
            return false
        }
    }
}
