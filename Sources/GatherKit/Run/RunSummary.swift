import Foundation

/// The record of a run, written as `gather-summary.json` at the root of the output and rewritten whenever a collector
/// starts or ends, so a run killed at any point still says what it had.
public struct RunSummary: Codable, Sendable, Equatable {
    /// How one collector ended.
    public enum Status: String, Codable, Sendable {
        case pending, running, succeeded, failed, timedOut = "timed-out", cancelled, skipped, partial
    }

    /// One error, with what it concerns (a resource, node or URL).
    public struct Problem: Codable, Sendable, Equatable {
        public var subject: String
        public var message: String

        public init(subject: String, message: String) {
            self.subject = subject
            self.message = message
        }
    }

    /// One collector's record.
    public struct Collector: Codable, Sendable, Equatable {
        public var name: String
        public var kind: String
        public var status: Status
        public var startedAt: Date?
        public var endedAt: Date?
        public var seconds: Double?
        public var files = 0
        public var bytes: Int64 = 0
        public var problems: [Problem] = []
        /// Problems counted but not listed, past ``RunSummary/maximumListedProblems``.
        public var problemsNotListed: Int?
        /// Things worth knowing that are not errors, such as a resource type the server does not serve.
        public var notes: [String] = []
        /// Why it was skipped, cut short or failed, in a sentence.
        public var reason: String?

        /// A collector's record, usually `.pending` before the run.
        public init(name: String, kind: String, status: Status) {
            self.name = name
            self.kind = kind
            self.status = status
        }
    }

    public var tool = "gather"
    public var toolVersion: String
    public var startedAt: Date
    public var endedAt: Date?
    /// The options in force (since-window, deadline, bounds), as text.
    public var options: [String: String]
    /// The cluster's version as the run saw it.
    public var clusterVersion: String?
    public var collectors: [Collector]
    /// The gather process's peak resident memory, in bytes, as the run ended.
    public var peakResidentBytes: Int64?
    /// Whether the run was interrupted (deadline, SIGTERM, SIGINT) before every collector ended.
    public var interrupted: String?

    /// A summary at the start of a run.
    public init(toolVersion: String, startedAt: Date, options: [String: String], clusterVersion: String? = nil,
        collectors: [Collector])
    {
        self.toolVersion = toolVersion
        self.startedAt = startedAt
        self.options = options
        self.clusterVersion = clusterVersion
        self.collectors = collectors
    }

    /// The most problems listed per collector; more are counted in ``Collector/problemsNotListed``, so a cluster that
    /// refuses everything cannot grow the summary without bound.
    public static let maximumListedProblems = 500

    /// The exit status this summary calls for: 0 when every collector succeeded, 1 otherwise.
    public var exitStatus: Int32 {
        collectors.allSatisfy { $0.status == .succeeded } && interrupted == nil ? 0 : 1
    }
}

/// Rewrites the summary file atomically (temporary file, then rename) when it changes: at once for a change of state,
/// at most once a second for running counts, so thousands of files written do not mean thousands of rewrites.
///
/// Space for the summary is reserved at the start (``reserveFileName``, ``reservedBytes``): when the disk fills, the
/// reserve is given up so that the summary saying so can still be written. ``finish()`` removes it.
public final class SummaryRecorder: @unchecked Sendable {
    /// The file name at the root of the output.
    public static let fileName = "gather-summary.json"
    /// The file holding the reserved space, at the root of the output until the run ends.
    public static let reserveFileName = ".gather-summary.reserve"
    /// The space reserved: room for a summary listing the maximum of problems for several collectors.
    public static let reservedBytes = 1 << 20

    private let lock = NSLock()
    private var summary: RunSummary
    private let path: String
    private let encoder: JSONEncoder
    private var lastWrite = ContinuousClock.now
    /// How long a change that is not urgent may wait before it reaches the file.
    static let countsInterval = Duration.seconds(1)

    /// Starts recording `summary` into `directory`, writing it at once.
    public init(summary: RunSummary, directory: String) {
        self.summary = summary
        path = directory + "/" + Self.fileName
        encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        reservePath = directory + "/" + Self.reserveFileName
        _ = FileManager.default.createFile(atPath: reservePath,
            contents: Data(count: Self.reservedBytes), attributes: [.posixPermissions: 0o600])
        write(summary)
    }

    private let reservePath: String

    /// Writes the summary as it stands and gives the reserved space back: the run is over.
    public func finish() {
        lock.withLock {
            write(summary)
            _ = unlink(reservePath)
        }
    }

    /// The summary as it stands.
    public var current: RunSummary { lock.withLock { summary } }

    /// Changes the summary and rewrites the file; a change that is not `urgent` (a running count) is written with the
    /// next urgent one, or once a second has passed since the last write.
    public func update(urgent: Bool = true, _ change: (inout RunSummary) -> Void) {
        lock.withLock {
            change(&summary)
            guard urgent || ContinuousClock.now - lastWrite >= Self.countsInterval else { return }
            lastWrite = ContinuousClock.now
            write(summary)
        }
    }

    /// Adds a problem to a collector's record, or counts it once the list is full.
    public func addProblem(_ problem: RunSummary.Problem, to name: String) {
        updateCollector(name, urgent: false) { record in
            if record.problems.count < RunSummary.maximumListedProblems {
                record.problems.append(problem)
            } else {
                record.problemsNotListed = (record.problemsNotListed ?? 0) + 1
            }
        }
    }

    /// Changes one collector's record.
    public func updateCollector(_ name: String, urgent: Bool = true, _ change: (inout RunSummary.Collector) -> Void) {
        update(urgent: urgent) { summary in
            if let index = summary.collectors.firstIndex(where: { $0.name == name }) { change(&summary.collectors[index]) }
        }
    }

    /// Writes `snapshot`; called with the lock held, so writes land in the order of the changes.
    /// When the disk is full, the reserve is given up and the write tried once more.
    private func write(_ snapshot: RunSummary) {
        guard let data = try? encoder.encode(snapshot) else { return }
        if writeAtomically(data) { return }
        if unlink(reservePath) == 0 {
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
