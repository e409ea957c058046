import GatherKit
import KubeClient

/// Runs a `copy` entry: the path copied out of each chosen pod, four pods at once, each pod failing alone. Members the
/// copy leaves out (links, devices, unsafe names) are noted. No pod matching is a note, not a failure.
struct CopyCollector: Collector {
    let entry: CollectorEntry
    let parameters: CopyKind
    let client: KubeClient
    /// The run's pod lists.
    let lookup: PodLookup

    func run(_ context: CollectorContext) async throws {
        let pods = try await parameters.pods.pods(lookup: lookup)
        guard !pods.isEmpty else {
            context.note("no running \(parameters.pods.description), nothing to copy")
            return
        }
        let copier = PodCopy(client: client, tree: context.output, timeout: entry.timeout ?? .seconds(180))
        await pods.concurrentForEach(limit: 4) { pod in
            let namespace = parameters.pods.namespace
            do {
                let result = try await copier.copy(namespace: namespace, pod: pod.name, container: parameters.container,
                    path: parameters.path, to: parameters.output.components(pod: pod, namespace: namespace))
                context.countFiles(result.files, bytes: result.bytes)
                if !result.leftOut.isEmpty {
                    context.note("pod/\(namespace)/\(pod.name) \(parameters.path): left out \(result.leftOut.count) "
                        + "members: " + result.leftOut.prefix(5).joined(separator: "; "))
                }
            } catch let error as PodCopyError where error.pathIsMissing && parameters.ifPresent {
                context.note("pod/\(namespace)/\(pod.name) has no \(parameters.path)")
            } catch {
                context.report("pod/\(namespace)/\(pod.name)", "\(error)")
            }
        }
    }
}
