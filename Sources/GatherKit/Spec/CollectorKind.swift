/// A kind of collector (`inspect`, `serviceLogs`, `script`, ...): one type, in one file, that says everything the
/// engine needs to know of it. The engine itself knows no kind; the executable registers the kinds it runs
/// (``CollectorKindRegistry``), the way swift-argument-parser registers subcommands.
///
/// A value of the type holds one entry's parameters, already checked: the collector it makes never re-reads YAML.
public protocol CollectorKind: Sendable, Equatable {
    /// The spelling in spec files.
    static var name: String { get }
    /// The fields an entry of this kind may have beside the common ones (``CollectorEntryFields/commonFields``). Any
    /// other field is an error naming these.
    static var fields: [String] { get }
    /// Whether it talks to the cluster: a run with no such entry connects to nothing, and without a connection such
    /// entries are skipped with the reason.
    static var needsCluster: Bool { get }
    /// Whether it moves large amounts of data (node logs): such entries run last in the list and are skipped once the
    /// disk guard refuses.
    static var isBulky: Bool { get }

    /// Reads an entry's parameters; a mistake is a ``SpecError`` with the file and the line.
    init(reading fields: CollectorEntryFields) throws(SpecError)

    /// The collector that runs `entry` (whose kind is this value), with what the run provides.
    func makeCollector(for entry: CollectorEntry, using services: CollectorServices) throws(MissingService)
        -> any Collector

    /// The same parameters with what the entry's `when:` conditions found put in (`{operatorNamespace}`). Kinds whose
    /// parameters never name a placeholder keep the default, which changes nothing.
    func bound(to bindings: ConditionBindings) throws(UnboundPlaceholder) -> Self
}

extension CollectorKind {
    public static var needsCluster: Bool { false }
    public static var isBulky: Bool { false }

    public func bound(to bindings: ConditionBindings) throws(UnboundPlaceholder) -> Self { self }

    /// Whether `other` is the same kind with the same parameters.
    func isEqual(to other: any CollectorKind) -> Bool {
        (other as? Self) == self
    }
}
