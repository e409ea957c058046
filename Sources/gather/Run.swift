import ArgumentParser
import Foundation
import GatherKit
import Inspect

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
    @OptionGroup var logOptions: ContainerLogOptions
    @OptionGroup var connectionOptions: ConnectionOptions

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
        var cluster: ClusterSetup?
        var noClusterReason: String?
        if entries.contains(where: \.kind.needsCluster) {
            let inspect = logOptions.inspectOptions(since: window)
            if connectionOptions.isExplicit {
                cluster = try await ClusterSetup.connect(connectionOptions, inspect: inspect)
            } else {
                // Nothing named a cluster and none was found: gather what needs no cluster, and say why the rest is
                // missing, rather than asking the customer to run again.
                do {
                    cluster = try await ClusterSetup.connect(connectionOptions, inspect: inspect, quiet: true)
                } catch let error as ClusterSetup.Unconfigured {
                    noClusterReason = "no cluster connection: \(error.reason)"
                    Console.line(noClusterReason!)
                }
            }
        }
        var options = ["since": window.description, "deadline": GoDuration.format(deadline), "output": output.root,
            "disk": "stop at \(maxDiskPercent)% used" + (byteBudget.map { " or \($0) bytes written" } ?? ""),
            "spec": spec ?? "built-in"]
        if let maxLogBytes = logOptions.maxLogBytes { options["container logs"] = "newest \(maxLogBytes) bytes each" }
        if let gzipLogsOver = logOptions.gzipLogsOver { options["gzipped container logs"] = "over \(gzipLogsOver) bytes" }
        let execution = RunExecution(entries: entries, output: output, window: window, deadline: deadline,
            concurrency: collectors, options: options, cluster: cluster, connectionOptions: connectionOptions,
            factory: CollectorFactory(product: environment["GATHER_PRODUCT"] ?? BuildInfo.product,
                version: environment["GATHER_VERSION"] ?? BuildInfo.version, cluster: cluster?.collectors,
                noClusterReason: noClusterReason))
        let summary = await execution.execute()
        if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
    }
}
