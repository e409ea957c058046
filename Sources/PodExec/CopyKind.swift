import GatherKit
import KubeClient

/// `kind: copy`: a file or folder copied out of a container of the chosen pods (`oc cp`: tar over exec), to a path
/// per pod. With `ifPresent: true`, a path the container does not have is a note, not a problem (the machine-config
/// daemon keeps `previous-logs` only after a restart).
public struct CopyKind: CollectorKind {
    public static let name = "copy"
    public static let fields = PodTargets.fields + ["container", "path", "output", "ifPresent"]
    public static let needsCluster = true
    public static let isBulky = true

    let pods: PodTargets
    let container: String
    let path: String
    let output: OutputTemplate
    /// Whether a missing path is expected.
    let ifPresent: Bool

    public init(reading fields: CollectorEntryFields) throws(SpecError) {
        pods = try PodTargets(reading: fields)
        container = try fields.requiredString("container")
        path = try fields.requiredString("path")
        guard path.hasPrefix("/"), !path.split(separator: "/").contains("..") else {
            throw fields.problem("`path` `\(path)` must be an absolute path in the container, without `..`", at: "path")
        }
        output = try OutputTemplate(reading: fields, field: "output")
        ifPresent = try fields.bool("ifPresent") ?? false
    }

    public func makeCollector(for entry: CollectorEntry, using services: CollectorServices) throws(MissingService)
        -> any Collector
    {
        let client = try services.require(KubeClient.self)
        return CopyCollector(entry: entry, parameters: self, client: client, lookup: services.podLookup(client: client))
    }
}
