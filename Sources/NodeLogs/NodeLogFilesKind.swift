import GatherKit
import KubeClient

/// `kind: nodeLogFiles`: named files under the chosen nodes' `/var/log`, each into one file at `<output>/<path>` that
/// holds every node's copy, each line prefixed with the node's name, as `oc adm node-logs -l SELECTOR --path=FILE`
/// writes it (the stock `gather_windows_node_logs`).
public struct NodeLogFilesKind: CollectorKind {
    public static let name = "nodeLogFiles"
    public static let fields = ["paths", "output"] + NodeChoice.fields
    public static let needsCluster = true
    public static let isBulky = true

    /// Files under `/var/log`, such as `kubelet/kubelet.log`.
    var paths: [[String]]
    /// The nodes read.
    var nodes: NodeChoice
    /// The folder the files go to, such as `host_service_logs/windows/log_files`.
    var output: [String]

    init(paths: [[String]], nodes: NodeChoice, output: [String]) {
        self.paths = paths
        self.nodes = nodes
        self.output = output
    }

    public init(reading fields: CollectorEntryFields) throws(SpecError) {
        nodes = try NodeChoice(reading: fields)
        guard let output = try fields.string("output") else { throw fields.problem("`output` is required") }
        self.output = try fields.relativePath(output, in: "output")
        paths = []
        for path in try fields.nonEmptyStrings("paths") {
            paths.append(try fields.relativePath(path, in: "paths"))
        }
    }

    public func makeCollector(for entry: CollectorEntry, using services: CollectorServices) throws(MissingService)
        -> any Collector
    {
        NodeLogFilesCollector(entry: entry, parameters: self, client: try services.require(KubeClient.self))
    }
}
