import GatherKit

/// Which nodes a node collector reads.
enum NodeChoice: Sendable, Equatable, CustomStringConvertible {
    /// Nodes with `node-role.kubernetes.io/<role>` (for `master`, also `control-plane`).
    case role(String)
    /// Nodes matching a label selector.
    case selector(String)

    /// The fields an entry chooses its nodes with.
    static let fields = ["role", "selector"]

    /// Reads `role` or `selector`, exactly one of them.
    init(reading fields: CollectorEntryFields) throws(SpecError) {
        switch (try fields.string("role"), try fields.string("selector")) {
        case (let role?, nil): self = .role(role)
        case (nil, let selector?): self = .selector(selector)
        case (nil, nil): throw fields.problem("choose nodes with `role` or `selector`")
        default: throw fields.problem("`role` and `selector` exclude each other")
        }
    }

    var description: String {
        switch self {
        case .role(let role): return "role(\"\(role)\")"
        case .selector(let selector): return "selector(\"\(selector)\")"
        }
    }
}
