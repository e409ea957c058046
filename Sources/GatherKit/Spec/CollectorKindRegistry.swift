/// The kinds of collector a build runs, by their name in spec files. The executable makes one list of them; a spec that
/// names another kind is refused with that list.
public struct CollectorKindRegistry: Sendable {
    private let kinds: [String: any CollectorKind.Type]

    /// The registry of `kinds`; two kinds with one name are a programming error.
    public init(_ kinds: [any CollectorKind.Type]) {
        var byName: [String: any CollectorKind.Type] = [:]
        for kind in kinds {
            precondition(byName[kind.name] == nil, "two collector kinds are named \(kind.name)")
            byName[kind.name] = kind
        }
        self.kinds = byName
    }

    /// The kind named `name` in a spec file, if this build has it.
    func kind(named name: String) -> (any CollectorKind.Type)? { kinds[name] }

    /// Every name, sorted, for messages.
    var names: [String] { kinds.keys.sorted() }
}
