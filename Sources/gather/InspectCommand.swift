import ArgumentParser
import Foundation
import GatherKit
import Inspect
import JSONCoding

/// `gather inspect`: `oc adm inspect`, in-process and parallel, for people who know that command.
struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Gather resources and their related data, as `oc adm inspect` does.",
        discussion: """
            Writes oc's layout (cluster-scoped-resources/, namespaces/, container logs, event-filter.html) with
            secrets elided. Examples:
              gather inspect ns/openshift-etcd --dest-dir /tmp/etcd
              gather inspect clusteroperators,nodes
              gather inspect leases,csistoragecapacities -A
              gather inspect pods my-pod -n my-namespace --since 1h
            """)

    @Argument(help: "Resources: TYPE, TYPE/NAME, TYPE.GROUP, comma lists, or TYPE NAME...")
    var resources: [String]
    @Option(help: "Output folder (default: inspect.local.<random>).") var destDir: String?
    @Option(name: [.customShort("n"), .long], help: "The namespace of namespaced resources.") var namespace: String?
    @Flag(name: [.customShort("A"), .long], help: "Namespaced resources across all namespaces.")
    var allNamespaces = false
    @Option(help: "Only logs newer than this Go duration (2h0m0s, 30m).") var since: GoDurationArgument?
    @Option(help: "Only logs after this RFC3339 time.") var sinceTime: RFC3339Argument?
    @Option(help: "Give up after this Go duration.") var timeout = GoDurationArgument(.seconds(3600))
    @OptionGroup var logOptions: ContainerLogOptions
    @OptionGroup var connectionOptions: ConnectionOptions

    func run() async throws {
        let window: SinceWindow
        let deadline: Duration
        do {
            _ = try ResourceArguments(resources)
            window = try SinceWindow.resolve(since: since?.duration, sinceTime: sinceTime?.date, environment: [:])
            deadline = timeout.duration
        } catch {
            throw ExitStatus.UsageError(error)
        }
        let root = destDir ?? "inspect.local.\(UInt64.random(in: 0..<UInt64(Int64.max)))"
        let output: OutputTree
        do {
            output = try OutputTree(root: root)
        } catch {
            throw ExitStatus.UsageError(error)
        }
        let entry = CollectorEntry(name: "inspect",
            kind: InspectKind(resources: resources, namespace: namespace, allNamespaces: allNamespaces,
                style: .commandLine))
        let cluster = try await ClusterSetup.connect(connectionOptions, inspect: logOptions.inspectOptions(since: window),
            deadline: (end: .now + deadline, runLength: deadline))
        var services = CollectorServices()
        cluster.provide(to: &services)
        let execution = RunExecution(entries: [entry], output: output, window: window, deadline: deadline,
            concurrency: 1, options: ["since": window.description, "resources": resources.joined(separator: " ")],
            cluster: cluster, connectionOptions: connectionOptions,
            factory: CollectorFactory(services: services))
        let summary = await execution.execute()
        Console.line("Wrote inspect data to \(output.root).")
        if summary.exitStatus != 0 { throw ExitStatus.RunIncomplete() }
    }
}
