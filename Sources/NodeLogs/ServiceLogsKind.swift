import GatherKit
import KubeClient

/// `kind: serviceLogs`: journal units of the chosen nodes, merged per unit (`oc adm node-logs -u`).
public struct ServiceLogsKind: CollectorKind {
    public static let name = "serviceLogs"
    public static let fields = ["units"] + NodeChoice.fields
    public static let needsCluster = true
    public static let isBulky = true

    /// The systemd units, such as `kubelet` and `crio`.
    var units: [String]
    /// The nodes read.
    var nodes: NodeChoice

    init(units: [String], nodes: NodeChoice) {
        self.units = units
        self.nodes = nodes
    }

    public init(reading fields: CollectorEntryFields) throws(SpecError) {
        units = try fields.nonEmptyStrings("units")
        nodes = try NodeChoice(reading: fields)
    }

    public func makeCollector(for entry: CollectorEntry, using services: CollectorServices) throws(MissingService)
        -> any Collector
    {
        ServiceLogsCollector(entry: entry, units: units, nodes: nodes, client: try services.require(KubeClient.self))
    }
}
