import GatherKit
import KubeClient

/// `kind: nodeFiles`: log folders under the chosen nodes' `/var/log` (audit logs), file by file
/// (`oc adm node-logs --path`).
public struct NodeFilesKind: CollectorKind {
    public static let name = "nodeFiles"
    public static let fields = ["paths"] + NodeChoice.fields
    public static let needsCluster = true
    public static let isBulky = true

    /// Folders under `/var/log`, such as `kube-apiserver`.
    var paths: [String]
    /// The nodes read.
    var nodes: NodeChoice

    init(paths: [String], nodes: NodeChoice) {
        self.paths = paths
        self.nodes = nodes
    }

    public init(reading fields: CollectorEntryFields) throws(SpecError) {
        paths = try fields.nonEmptyStrings("paths")
        nodes = try NodeChoice(reading: fields)
    }

    public func makeCollector(for entry: CollectorEntry, using services: CollectorServices) throws(MissingService)
        -> any Collector
    {
        NodeFilesCollector(entry: entry, paths: paths, nodes: nodes, client: try services.require(KubeClient.self))
    }
}
