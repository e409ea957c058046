import GatherKit
import KubeClient

/// `kind: nodeFiles`: log folders under the chosen nodes' `/var/log` (audit logs), file by file
/// (`oc adm node-logs --path`), into `<output>/<path>/<node>-<file>.gz`. `match` keeps only the names a regular
/// expression finds (`startup.*\.log|termination\.log`, as the stock kube-apiserver startup-log script greps), and
/// `listing: false` leaves out the listing file the audit-log script writes.
public struct NodeFilesKind: CollectorKind {
    public static let name = "nodeFiles"
    public static let fields = ["paths", "output", "match", "listing"] + NodeChoice.fields
    public static let needsCluster = true
    public static let isBulky = true

    /// Folders under `/var/log`, such as `kube-apiserver`.
    var paths: [String]
    /// The nodes read.
    var nodes: NodeChoice
    /// The top folder of the output (`audit_logs`, `static-pods`).
    var output: String
    /// The regular expression a file's name must match to be fetched, when there is one.
    var match: String?
    /// Whether each folder's listing is kept as `<output>/<path>.audit_logs_listing`.
    var keepsListing: Bool

    init(paths: [String], nodes: NodeChoice, output: String = "audit_logs", match: String? = nil,
        keepsListing: Bool = true)
    {
        self.paths = paths
        self.nodes = nodes
        self.output = output
        self.match = match
        self.keepsListing = keepsListing
    }

    public init(reading fields: CollectorEntryFields) throws(SpecError) {
        paths = try fields.nonEmptyStrings("paths")
        nodes = try NodeChoice(reading: fields)
        output = try fields.string("output") ?? "audit_logs"
        guard PathComponent.isSafe(output) else {
            throw fields.problem("`output` `\(output)` must be one plain folder name", at: "output")
        }
        match = try fields.string("match")
        if let match, (try? Regex(match)) == nil {
            throw fields.problem("`match` `\(match)` is not a regular expression", at: "match")
        }
        keepsListing = try fields.bool("listing") ?? true
    }

    public func makeCollector(for entry: CollectorEntry, using services: CollectorServices) throws(MissingService)
        -> any Collector
    {
        NodeFilesCollector(entry: entry, parameters: self, client: try services.require(KubeClient.self),
            listings: services.optional(NodeFolderListings.self) ?? NodeFolderListings())
    }
}
