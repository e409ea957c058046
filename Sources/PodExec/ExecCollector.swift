import GatherKit
import KubeClient

/// Runs an `exec` entry: each command in each chosen pod, four at once, each failing alone. A command that exits
/// non-zero keeps what it printed and is a problem for its pod; a stream cut half-way leaves its file `.partial`. No
/// pod matching is a note, not a failure: the component is not there.
struct ExecCollector: Collector {
    let entry: CollectorEntry
    let parameters: ExecKind
    let client: KubeClient
    /// The run's pod lists.
    let lookup: PodLookup

    /// The most of standard error kept per pod.
    static let maximumStandardErrorBytes = 64 * 1024

    func run(_ context: CollectorContext) async throws {
        let pods = try await parameters.pods.pods(lookup: lookup)
        guard !pods.isEmpty else {
            context.note("no running \(parameters.pods.description), nothing to run")
            return
        }
        let work = pods.flatMap { pod in parameters.runs.map { (pod: pod, run: $0) } }
        await work.concurrentForEach(limit: 4) { item in
            await run(item.run, in: item.pod, context: context)
        }
    }

    private func run(_ run: ExecKind.Run, in pod: PodTargets.Pod, context: CollectorContext) async {
        let namespace = parameters.pods.namespace
        let subject = "pod/\(namespace)/\(pod.name)"
        let components = run.output.components(pod: pod, namespace: namespace)
        let file: OutputFile
        do {
            file = try context.output.createFile(components, bulky: true)
        } catch {
            context.report(subject, "\(components.joined(separator: "/")): \(error)")
            return
        }
        var standardError: [UInt8] = []
        do {
            let result = try await client.exec(namespace: namespace, pod: pod.name, container: parameters.container,
                command: run.command,
                startOver: {
                    // Cut by an outage of the API server: the command runs once more, its output written afresh.
                    try file.startOver()
                    standardError = []
                },
                stdout: { chunk in try chunk.withUnsafeReadableBytes { try file.write($0) } },
                stderr: { chunk in
                    standardError += chunk.readableBytesView.prefix(max(0, Self.maximumStandardErrorBytes - standardError.count))
                })
            try file.commit()
            context.countFile(bytes: file.bytesWritten)
            if !standardError.isEmpty {
                let stderrComponents = Array(components.dropLast()) + [components.last! + ".stderr"]
                try context.output.write(standardError, to: stderrComponents)
                context.countFile(bytes: Int64(standardError.count))
            }
            if result.exitCode != 0 {
                let message = String(decoding: standardError.prefix(500), as: UTF8.self)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                context.report(subject, "`\(run.command.joined(separator: " "))` exited with \(result.exitCode)"
                    + (message.isEmpty ? "" : ": \(message)"))
            }
        } catch {
            // What came before the failure stays, under its `.partial` name.
            try? file.abandon()
            context.report(subject, "`\(run.command.joined(separator: " "))` in \(parameters.container): \(error)")
        }
    }
}
