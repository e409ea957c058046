/// The declarative list of what a gather collects: the support team's data, run by the engine.
///
/// The default list is `collection-scripts/collectors.yaml`; the binary carries the same text built in
/// (``DefaultCollectorSpec``), so `/usr/bin/gather` works with no file beside it, and `--spec FILE` replaces it.
public struct CollectorSpec: Sendable, Equatable {
    /// The entries, in file order.
    public var entries: [CollectorEntry]

    public init(entries: [CollectorEntry]) { self.entries = entries }

    /// The entries that run when none is named: those enabled by default.
    public var defaultEntries: [CollectorEntry] { entries.filter(\.enabledByDefault) }
}

/// One collector of the list.
public struct CollectorEntry: Sendable, Equatable {
    /// A unique name, also used for its folder and in the summary (`--only`/`--skip` take it).
    public var name: String
    /// What it does.
    public var kind: CollectorKind
    /// Its own time limit, inside the run's deadline.
    public var timeout: Duration?
    /// Whether it runs when no collector is named.
    public var enabledByDefault: Bool
    /// Named groups it belongs to (`audit`, `logs`), so a group can run alone.
    public var groups: [String]
    /// The line of the spec file where the entry starts.
    public var line: Int

    public init(name: String, kind: CollectorKind, timeout: Duration? = nil, enabledByDefault: Bool = true,
        groups: [String] = [], line: Int = 0)
    {
        self.name = name
        self.kind = kind
        self.timeout = timeout
        self.enabledByDefault = enabledByDefault
        self.groups = groups
        self.line = line
    }
}

/// What a collector does, with its parameters.
public enum CollectorKind: Sendable, Equatable {
    /// Writes `version`: product on line 1, version on line 2.
    case version
    /// `oc adm inspect` of resource arguments (`ns/openshift-etcd`, `clusteroperators`, `a,b,c`), in `namespace`
    /// or across all namespaces.
    case inspect(resources: [String], namespace: String?, allNamespaces: Bool)
    /// Journal units of the chosen nodes, merged per unit.
    case serviceLogs(units: [String], nodes: NodeChoice)
    /// Log folders under the nodes' `/var/log` (audit logs), file by file.
    case nodeFiles(paths: [String], nodes: NodeChoice)
    /// An executable with arguments, given `BASE_COLLECTION_PATH`, `MUST_GATHER_SINCE` and `MUST_GATHER_SINCE_TIME`.
    case script(path: String, arguments: [String])

    /// Whether it moves large amounts of data (node logs): such collectors go last and are skipped once the disk
    /// guard refuses.
    public var isBulky: Bool {
        switch self {
        case .serviceLogs, .nodeFiles: return true
        default: return false
        }
    }

    /// Whether it talks to the cluster (so the run needs a connection).
    public var needsCluster: Bool {
        switch self {
        case .inspect, .serviceLogs, .nodeFiles: return true
        case .version, .script: return false
        }
    }

    /// The spelling in spec files.
    public var name: String {
        switch self {
        case .version: return "version"
        case .inspect: return "inspect"
        case .serviceLogs: return "serviceLogs"
        case .nodeFiles: return "nodeFiles"
        case .script: return "script"
        }
    }
}

/// Which nodes a node collector reads.
public enum NodeChoice: Sendable, Equatable {
    /// Nodes with `node-role.kubernetes.io/<role>` (for `master`, also `control-plane`).
    case role(String)
    /// Nodes matching a label selector.
    case selector(String)
}
