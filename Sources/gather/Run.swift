import ArgumentParser
import Dispatch
import Foundation
import GatherKit

/// The default gathering: the collector list, run into the output folder.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the collector list (what `gather` with no arguments does).")

    @Option(help: "Output folder (default: $BASE_COLLECTION_PATH, else /must-gather).") var destDir: String?
    @Option(help: "A collector list file replacing the built-in one.") var spec: String?
    @Option(help: "Only logs newer than this Go duration (2h0m0s, 30m); default $MUST_GATHER_SINCE.") var since: String?
    @Option(help: "Only logs after this RFC3339 time; default $MUST_GATHER_SINCE_TIME.") var sinceTime: String?
    @Option(help: "The run's deadline, a Go duration; it ends inside oc adm must-gather's 10 minutes.") var timeout = "8m"
    @Option(help: "Run only these collectors or groups (comma-separated).") var only: String?
    @Option(help: "Skip these collectors or groups (comma-separated).") var skip: String?
    @Flag(help: "Print what would run, and exit.") var list = false
    @Option(help: "Collectors running at once.") var collectors = 4
    @Option(help: "Stop writing when the output volume is this full, in percent (oc adm must-gather kills at 70).")
    var maxDiskPercent = 60.0
    @Option(help: "Stop writing after this many bytes in all (default: no budget).") var byteBudget: Int64?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let collectorSpec: CollectorSpec
        do {
            if let spec {
                guard let text = try? String(contentsOfFile: spec, encoding: .utf8) else {
                    throw SpecError(file: spec, line: 0, problem: "cannot read the file")
                }
                collectorSpec = try CollectorSpec.parse(text, file: spec)
            } else {
                collectorSpec = try DefaultCollectorSpec.spec()
            }
        } catch {
            throw ExitCode.configuration(describing: error)
        }
        let entries: [CollectorEntry]
        let window: SinceWindow
        let deadline: Duration
        do {
            entries = try CollectorSelection(only: only, skip: skip).select(from: collectorSpec)
            window = try SinceWindow.resolve(since: since, sinceTime: sinceTime, environment: environment)
            guard let parsed = GoDuration.parse(timeout), parsed > .zero else {
                throw ValidationError("--timeout \(timeout): expected a positive Go duration such as 8m")
            }
            deadline = parsed
        } catch {
            throw ExitCode.configuration(describing: error)
        }
        if list {
            for entry in entries {
                Console.line("\(entry.name)\t\(entry.kind.name)\(entry.groups.isEmpty ? "" : "\t[\(entry.groups.joined(separator: ","))]")")
            }
            return
        }
        let root = destDir ?? environment["BASE_COLLECTION_PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "/must-gather"
        let output: OutputTree
        do {
            output = try OutputTree(root: root,
                diskGuard: DiskGuard(maximumUsedPercent: maxDiskPercent, byteBudget: byteBudget))
        } catch {
            throw ExitCode.configuration(describing: error)
        }
        let factory = CollectorFactory(product: environment["GATHER_PRODUCT"] ?? BuildInfo.product,
            version: environment["GATHER_VERSION"] ?? BuildInfo.version)
        let (collectors, unavailable) = factory.make(entries)
        let recorder = SummaryRecorder(summary: RunSummary(toolVersion: BuildInfo.version, startedAt: Date(),
            options: ["since": window.description, "deadline": GoDuration.format(deadline), "output": output.root,
                "disk": "stop at \(maxDiskPercent)% used" + (byteBudget.map { " or \($0) bytes written" } ?? ""),
                "spec": spec ?? "built-in"],
            collectors: entries.map { .init(name: $0.name, kind: $0.kind.name, status: .pending) }), directory: output.root)
        for (entry, reason) in unavailable {
            recorder.updateCollector(entry.name) {
                $0.status = .skipped
                $0.reason = reason
            }
            Console.line("[\(entry.name)] skipped: \(reason)")
        }
        Console.line("gathering into \(output.root), logs: \(window), deadline \(GoDuration.format(deadline))")
        let runner = Runner(deadline: deadline, concurrency: self.collectors, progress: Console.line)
        let runTask = Task { await runner.run(collectors, output: output, since: window, recorder: recorder) }
        let signals = SignalCancellation(signals: [SIGTERM, SIGINT]) { runTask.cancel() }
        let summary = await runTask.value
        signals.stop()
        let counts = Dictionary(grouping: summary.collectors, by: \.status).mapValues(\.count)
        let text = counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
            .joined(separator: ", ")
        Console.line("done: \(text); summary in \(output.root)/\(SummaryRecorder.fileName)")
        if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
    }
}

/// Cancels the run when SIGTERM or SIGINT arrives (as `oc adm must-gather` sends at its timeout).
final class SignalCancellation {
    private let sources: [any DispatchSourceSignal]

    init(signals: [Int32], handler: @escaping @Sendable () -> Void) {
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            return source
        }
    }

    func stop() { sources.forEach { $0.cancel() } }
}
