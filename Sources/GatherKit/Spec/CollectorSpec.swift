/// The declarative list of what a gather collects: the support team's data, run by the engine.
///
/// The default list is `collection-scripts/collectors.yaml`; the binary carries the same text built in
/// (``DefaultCollectorSpec``), so `/usr/bin/gather` works with no file beside it, and `--spec FILE` replaces it.
public struct CollectorSpec: Sendable, Equatable {
    /// The entries, in file order.
    var entries: [CollectorEntry]

    public init(entries: [CollectorEntry]) { self.entries = entries }

    /// The entries that run when none is named: those enabled by default.
    var defaultEntries: [CollectorEntry] { entries.filter(\.enabledByDefault) }
}

/// One collector of the list.
public struct CollectorEntry: Sendable, Equatable {
    /// A unique name, also used for its folder and in the summary (`--only`/`--skip` take it).
    public var name: String
    /// What it does: a value of its kind, holding the entry's parameters.
    var kind: any CollectorKind
    /// Its own time limit, inside the run's deadline.
    public var timeout: Duration?
    /// Whether it runs when no collector is named.
    var enabledByDefault: Bool
    /// Named groups it belongs to (`audit`, `logs`), so a group can run alone.
    public var groups: [String]
    /// The line of the spec file where the entry starts.
    var line: Int
    /// What must hold in the cluster for it to run (`when:`), checked when its turn comes.
    var conditions: [EntryCondition]

    public init(name: String, kind: any CollectorKind, timeout: Duration? = nil, enabledByDefault: Bool = true,
        groups: [String] = [], line: Int = 0, conditions: [EntryCondition] = [])
    {
        self.name = name
        self.kind = kind
        self.timeout = timeout
        self.enabledByDefault = enabledByDefault
        self.groups = groups
        self.line = line
        self.conditions = conditions
    }

    /// The kind's spelling in spec files and in the summary.
    public var kindName: String { type(of: kind).name }
    /// Whether the entry talks to the cluster: its kind does, or its conditions ask it.
    public var needsCluster: Bool { type(of: kind).needsCluster || !conditions.isEmpty }
    /// Whether the entry moves large amounts of data.
    var isBulky: Bool { type(of: kind).isBulky }

    public static func == (left: CollectorEntry, right: CollectorEntry) -> Bool {
        left.name == right.name && left.kind.isEqual(to: right.kind) && left.timeout == right.timeout
            && left.enabledByDefault == right.enabledByDefault && left.groups == right.groups && left.line == right.line
            && left.conditions == right.conditions
    }
}
