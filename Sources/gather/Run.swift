import ArgumentParser
import Foundation
import GatherKit
import Inspect
import JSONCoding

/// The default gathering: the collector list, run into the output folder.
struct Run: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Run the collector list (what `gather` with no arguments does).")

    @Option(help: "Output folder (default: $BASE_COLLECTION_PATH, else /must-gather).") var destDir: String?
    @Option(help: "A collector list file (default: \(Run.imageCollectorList) when present, as in the image, else the built-in list).")
    var spec: String?
    @Option(help: "Only logs newer than this Go duration (2h0m0s, 30m); default $MUST_GATHER_SINCE.")
    var since: GoDurationArgument?
    @Option(help: "Only logs after this RFC3339 time; default $MUST_GATHER_SINCE_TIME.") var sinceTime: RFC3339Argument?
    @Option(help: "The run's deadline, a Go duration; it ends inside oc adm must-gather's 10 minutes.")
    var timeout = GoDurationArgument(.seconds(8 * 60))
    @Option(help: "Run only these collectors or groups (comma-separated).") var only: String?
    @Option(help: "Skip these collectors or groups (comma-separated).") var skip: String?
    @Flag(help: "Print what would run, and exit.") var list = false
    @Option(help: "Collectors running at once.") var collectors = 4
    @Option(help: "Stop writing when the output volume is this full, in percent (oc adm must-gather kills at 70).")
    var maxDiskPercent = 60.0
    @Option(help: "Stop writing after this many bytes in all (default: no budget).") var byteBudget: Int64?
    @Option(help: """
        Also pack the finished tree into this .tar.gz. Without --dest-dir the tree is built in a folder beside it \
        (its name without .tar.gz) and removed once packed.
        """)
    var archive: String?
    @OptionGroup var logOptions: ContainerLogOptions
    @OptionGroup var connectionOptions: ConnectionOptions

    /// Where the image installs the collector list (`collection-scripts/collectors.yaml`); read when present, so a
    /// product image changes what is gathered by changing that file.
    static let imageCollectorList = "/usr/share/gather/collectors.yaml"

    func run() async throws {
        // The deadline counts from here: connecting to a slow cluster is part of the time oc adm must-gather allows.
        let started = ContinuousClock.now
        let environment = ProcessInfo.processInfo.environment
        let (collectorSpec, specFile) = try collectorList()
        let entries: [CollectorEntry]
        let window: SinceWindow
        let deadline: Duration
        do {
            entries = try CollectorSelection(only: only, skip: skip).select(from: collectorSpec)
            window = try SinceWindow.resolve(since: since?.duration, sinceTime: sinceTime?.date, environment: environment)
            deadline = timeout.duration
        } catch {
            throw ExitStatus.UsageError(error)
        }
        if list {
            for entry in entries {
                Console.line("\(entry.name)\t\(entry.kindName)\(entry.groups.isEmpty ? "" : "\t[\(entry.groups.joined(separator: ","))]")")
            }
            return
        }
        var cluster: ClusterSetup?
        var noClusterReason: String?
        if entries.contains(where: \.needsCluster) {
            let inspect = logOptions.inspectOptions(since: window)
            let runDeadline = (end: started + deadline, runLength: deadline)
            if connectionOptions.isExplicit {
                cluster = try await ClusterSetup.connect(connectionOptions, inspect: inspect, deadline: runDeadline)
            } else {
                // Nothing named a cluster and none was found: gather what needs no cluster, and say why the rest is
                // missing, rather than asking the customer to run again.
                do {
                    cluster = try await ClusterSetup.connect(connectionOptions, inspect: inspect, quiet: true,
                        deadline: runDeadline)
                } catch let error as ClusterSetup.Unconfigured {
                    noClusterReason = "no cluster connection: \(error.reason)"
                    Console.line(noClusterReason!)
                }
            }
        }
        // The folder is made only once the cluster has accepted the credentials: a refused run leaves no tree.
        let output: OutputTree
        let packing: ArchivePacking?
        do {
            (output, packing) = try outputPlace(environment: environment)
        } catch {
            await cluster?.close()
            throw error
        }
        var options = ["since": window.description, "deadline": GoDuration.format(deadline), "output": output.root,
            "disk": "stop at \(maxDiskPercent)% used" + (byteBudget.map { " or \($0) bytes written" } ?? ""),
            "spec": specFile ?? "built-in"]
        if let maxLogBytes = logOptions.maxLogBytes { options["container logs"] = "newest \(maxLogBytes) bytes each" }
        if let gzipLogsOver = logOptions.gzipLogsOver { options["gzipped container logs"] = "over \(gzipLogsOver) bytes" }
        if logOptions.rotatedPodLogs { options["rotated container logs"] = "gathered" }
        let execution = RunExecution(entries: entries, output: output, window: window,
            deadline: deadline - started.duration(to: .now),
            concurrency: collectors, options: options, cluster: cluster, connectionOptions: connectionOptions,
            factory: CollectorFactory(services: services(cluster: cluster, environment: environment),
                noCluster: cluster == nil ? noClusterReason ?? "no cluster connection" : nil))
        let summary = await execution.execute()
        ReportAfterRun.write(into: output.root, summary: summary)
        let packed = packing.map { finish($0) } ?? true
        let exitStatus = packed ? summary.exitStatus : max(summary.exitStatus, 1)
        if exitStatus != 0 { throw ExitStatus.RunIncomplete() }
    }

    /// What the kinds make their collectors with: the image's identity, and the cluster when there is one.
    private func services(cluster: ClusterSetup?, environment: [String: String]) -> CollectorServices {
        var services = CollectorServices()
        services.provide(ProductIdentity(product: environment["GATHER_PRODUCT"] ?? BuildInfo.product,
            version: environment["GATHER_VERSION"] ?? BuildInfo.version))
        cluster?.provide(to: &services)
        return services
    }

    /// The output folder, and with `--archive` the packing to do afterwards: without `--dest-dir` the tree goes into a
    /// new folder beside the archive, removed once packed.
    private func outputPlace(environment: [String: String]) throws -> (OutputTree, ArchivePacking?) {
        var root = destDir ?? environment["BASE_COLLECTION_PATH"].flatMap { $0.isEmpty ? nil : $0 } ?? "/must-gather"
        var packing: ArchivePacking?
        do {
            if let archive {
                if destDir == nil {
                    root = String(archive.dropLast(archive.hasSuffix(".tgz") ? 4 : 7))
                }
                packing = ArchivePacking(tree: root, archive: archive)
                try packing?.validate()
                if destDir == nil, FileManager.default.fileExists(atPath: root) {
                    throw ArchivePathError("--archive: \(root) exists; remove it or name a folder with --dest-dir")
                }
            }
            return (try OutputTree(root: root,
                diskGuard: DiskGuard(maximumUsedPercent: maxDiskPercent, byteBudget: byteBudget)), packing)
        } catch {
            throw ExitStatus.UsageError(error)
        }
    }

    /// Packs the finished tree; removes it when it was only the archive's staging folder. Returns whether it packed.
    private func finish(_ packing: ArchivePacking) -> Bool {
        guard packing.pack() else { return false }
        if destDir == nil { try? FileManager.default.removeItem(atPath: packing.tree) }
        return true
    }

    /// The collector list: `--spec`, else the image's file when present, else the built-in copy; and its file.
    private func collectorList() throws -> (CollectorSpec, String?) {
        let file = spec ?? (FileManager.default.fileExists(atPath: Self.imageCollectorList) ? Self.imageCollectorList : nil)
        do {
            guard let file else { return (try DefaultCollectorSpec.spec(kinds: collectorKinds), nil) }
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw SpecError(file: file, line: 0, problem: "cannot read the file")
            }
            return (try CollectorSpec.parse(text, file: file, kinds: collectorKinds), file)
        } catch {
            throw ExitStatus.UsageError(error)
        }
    }
}
