import Foundation

/// One unit of gathering. It fails alone: whatever it throws is recorded and the others go on.
public protocol Collector: Sendable {
    /// The spec entry it runs.
    var entry: CollectorEntry { get }
    /// Gathers into the context's output tree; problems that do not stop it go to ``CollectorContext/report(_:_:)``.
    /// Throwing ends it as failed; returning after reporting problems ends it as partial.
    func run(_ context: CollectorContext) async throws
}

/// What a collector may use: the output, the time window, and a place for the problems it meets.
public final class CollectorContext: Sendable {
    /// Where everything goes.
    public let output: OutputTree
    /// How far back logs reach.
    public let since: SinceWindow
    /// When the run started.
    public let startedAt: Date
    /// The collector's name, as in the spec and the summary.
    public let name: String
    let recorder: SummaryRecorder
    private let progress: @Sendable (String) -> Void

    init(output: OutputTree, since: SinceWindow, startedAt: Date, name: String,
        progress: @escaping @Sendable (String) -> Void, recorder: SummaryRecorder)
    {
        self.output = output
        self.since = since
        self.startedAt = startedAt
        self.name = name
        self.progress = progress
        self.recorder = recorder
    }

    /// Prints a progress line, prefixed with the collector's name, where the run's progress goes.
    public func say(_ line: String) {
        progress("[\(name)] \(line)")
    }

    /// Records a problem about `subject` (a resource, node or URL) without stopping the collector.
    public func report(_ subject: String, _ message: String) {
        recorder.addProblem(.init(subject: subject, message: message), to: name)
    }

    /// Records something worth knowing that is not a problem (a type the server does not serve).
    public func note(_ text: String) {
        recorder.updateCollector(name, urgent: false) { $0.notes.append(text) }
    }

    /// Counts a file the collector wrote, for the summary.
    public func countFile(bytes: Int64) {
        countFiles(1, bytes: bytes)
    }

    /// Counts `count` files the collector wrote, of `bytes` in all (a folder copied out of a pod).
    public func countFiles(_ count: Int, bytes: Int64) {
        recorder.updateCollector(name, urgent: false) {
            $0.files += count
            $0.bytes += bytes
        }
    }
}
