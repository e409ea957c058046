import GatherKit
import KubeClient

/// Runs an `apiGet` entry: each path once, or for each chosen pod, streamed to its file (`.partial` until whole), each
/// GET failing alone. A path the server does not have (404) is a problem for that file, and the others go on.
struct APIGetCollector: Collector {
    let entry: CollectorEntry
    let parameters: APIGetKind
    let client: KubeClient
    /// The run's pod lists.
    let lookup: PodLookup

    func run(_ context: CollectorContext) async throws {
        guard let targets = parameters.pods else {
            await get(into: parameters.output.plainComponents, pod: nil, namespace: nil, context: context)
            return
        }
        let pods = try await targets.pods(lookup: lookup)
        guard !pods.isEmpty else {
            context.note("no running \(targets.description), nothing to get")
            return
        }
        await pods.concurrentForEach(limit: 4) { pod in
            await get(into: parameters.output.components(pod: pod, namespace: targets.namespace), pod: pod.name,
                namespace: targets.namespace, context: context)
        }
    }

    /// Every request of the entry, into `folder`.
    private func get(into folder: [String], pod: String?, namespace: String?, context: CollectorContext) async {
        await parameters.requests.concurrentForEach(limit: 3) { request in
            let path = request.path(pod: pod, namespace: namespace)
            let components = folder + [request.file]
            let file: OutputFile
            do {
                file = try context.output.createFile(components)
            } catch {
                context.report(path, "\(components.joined(separator: "/")): \(error)")
                return
            }
            do {
                try await client.stream(.init(path: path, query: request.query.map { ($0.name, $0.value) },
                    accept: "*/*")) { chunk in
                    try chunk.withUnsafeReadableBytes { try file.write($0) }
                }
                try file.commit()
                context.countFile(bytes: file.bytesWritten)
            } catch {
                // A refused GET leaves nothing; what came before a cut stays under its `.partial` name.
                if file.bytesWritten == 0 { try? file.remove() } else { try? file.abandon() }
                context.report(path, "\(error)")
            }
        }
    }
}
