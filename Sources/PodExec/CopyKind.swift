import GatherKit
import KubeClient

/// `kind: copy`: a file or folder copied out of a container of the chosen pods (`oc cp`: tar over exec), to a path
/// per pod.
public struct CopyKind: CollectorKind {
    public static let name = "copy"
    public static let fields = PodTargets.fields + ["container", "path", "output"]
    public static let needsCluster = true
    public static let isBulky = true

    let pods: PodTargets
    let container: String
    let path: String
    let output: OutputTemplate

    public init(reading fields: CollectorEntryFields) throws(SpecError) {
        pods = try PodTargets(reading: fields)
        container = try fields.requiredString("container")
        path = try fields.requiredString("path")
        guard path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
            throw fields.problem("`path` `\(path)` must be an absolute path in the container, without `..`", at: "path")
        }
        output = try OutputTemplate(reading: fields, field: "output")
    }

    public func makeCollector(for entry: CollectorEntry, using services: CollectorServices) throws(MissingService)
        -> any Collector
    {
        CopyCollector(entry: entry, parameters: self, client: try services.require(KubeClient.self))
    }
}
