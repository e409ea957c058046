import GatherKit

/// `kind: count`: how many objects of some types the cluster holds across all namespaces, as the stock scripts count
/// with `oc get -A TYPE -o name | wc -l`. Either a file per type (`folder: virt_info/crd` writes
/// `virtualmachines.kubevirt.io.count`), or one file of labelled lines (`file: network_logs/cluster_scale` with
/// `lines: {services amount: services}` writes `services amount: 42`). A type the server does not serve counts 0, as
/// the stock pipeline prints, with a note.
public struct CountKind: CollectorKind {
    public static let name = "count"
    public static let fields = ["types", "folder", "lines", "file"]
    public static let needsCluster = true

    /// Where the counts go.
    enum Layout: Sendable, Equatable {
        /// `<folder>/<type>.count`, one per type, each holding the number and a newline.
        case filePerType(folder: [String], types: [String])
        /// One file, a `label: number` line per type, in the entry's order.
        case lines(file: [String], labelledTypes: [LabelledType])
    }

    struct LabelledType: Sendable, Equatable {
        var label: String
        var type: String
    }

    let layout: Layout

    public init(reading fields: CollectorEntryFields) throws(SpecError) {
        if let types = try fields.strings("types") {
            guard !types.isEmpty, !fields.has("lines"), !fields.has("file") else {
                throw fields.problem("`types` goes with `folder`; `lines` with `file`")
            }
            layout = .filePerType(folder: try Self.path(fields, "folder"), types: types)
        } else if let lines = try fields.stringPairs("lines") {
            guard !fields.has("folder") else { throw fields.problem("`lines` goes with `file`, not `folder`") }
            layout = .lines(file: try Self.path(fields, "file"),
                labelledTypes: lines.map { LabelledType(label: $0.key, type: $0.value) })
        } else {
            throw fields.problem("needs `types` and `folder`, or `lines` and `file`")
        }
    }

    /// A relative path of plain components.
    private static func path(_ fields: CollectorEntryFields, _ field: String) throws(SpecError) -> [String] {
        try fields.relativePath(try fields.requiredString(field), in: field)
    }

    public func makeCollector(for entry: CollectorEntry, using services: CollectorServices) throws(MissingService)
        -> any Collector
    {
        CountCollector(entry: entry, layout: layout, session: try services.require())
    }
}
