import Foundation
import GatherKit

/// What `gather run` and `gather inspect` share once the collectors are chosen: the summary, the runner under the
/// deadline and SIGTERM/SIGINT, and the closing line.
struct RunExecution {
    var entries: [CollectorEntry]
    var output: OutputTree
    var window: SinceWindow
    var deadline: Duration
    /// Collectors running at once.
    var concurrency: Int
    /// The options to record, as text.
    var options: [String: String]
    var cluster: ClusterSetup?
    var connectionOptions: ConnectionOptions
    var factory: CollectorFactory

    /// Runs the entries and returns the summary, also written at the root of the output.
    func execute() async -> RunSummary {
        let collectors = factory.make(entries)
        var options = options
        if let cluster {
            options["server"] = cluster.client.connection.server.description
            let rate = connectionOptions.qps > 0 ? "\(connectionOptions.qps) per second" : "no rate limit"
            options["requests"] = "\(rate), \(connectionOptions.concurrency) at once"
        }
        Console.line("gathering into \(output.root), logs: \(window), deadline \(GoDuration.format(deadline))"
            + (cluster?.versionDescription.map { ", cluster \($0)" } ?? ""))
        var runner = Runner(deadline: deadline, concurrency: concurrency, progress: Console.line)
        runner.serverHealth = cluster?.outageReporting?.serverHealth
        let heading = RunSummary.Heading(toolVersion: BuildInfo.version, options: options,
            clusterVersion: cluster?.versionDescription)
        let runTask = Task { await runner.run(collectors, output: output, since: window, heading: heading) }
        let signals = SignalCancellation(signals: [SIGTERM, SIGINT]) { runTask.cancel() }
        let summary = await runTask.value
        signals.stop()
        await cluster?.close()
        let counts = Dictionary(grouping: summary.collectors, by: \.status).mapValues(\.count)
        let text = counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
            .joined(separator: ", ")
        let files = summary.collectors.reduce(0) { $0 + $1.files }
        let bytes = summary.collectors.reduce(Int64(0)) { $0 + $1.bytes }
        Console.line("done: \(text); \(files) files, \(bytes) bytes; summary in \(output.root)/\(RunSummary.fileName)")
        for collector in summary.collectors where !collector.problems.isEmpty {
            Console.line("[\(collector.name)] \(collector.problems.count) problems, first: "
                + "\(collector.problems[0].subject): \(collector.problems[0].message)")
        }
        return summary
    }
}
