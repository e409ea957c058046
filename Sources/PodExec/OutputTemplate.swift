import GatherKit

/// Where an `exec` or `copy` entry writes for one pod: a path below the output root whose components may name the pod
/// (`{pod}`), its namespace (`{namespace}`), its node (`{node}`) and its labels (`{label:KEY}`), for example
/// `ingress_controllers/{label:ingresscontroller.operator.openshift.io/deployment-ingresscontroller}/{pod}/haproxy.config`.
///
/// The template is split into components before anything is put in, so a value from the cluster can never add a
/// separator or climb; the output tree sanitises each component as it does every name.
struct OutputTemplate: Sendable, Equatable {
    /// One piece of a component: text as written, or a value of the pod.
    enum Piece: Sendable, Equatable {
        case text(String)
        case pod
        case namespace
        case node
        case label(String)
    }

    let components: [[Piece]]
    let text: String

    /// Reads the template of `field`; an unknown placeholder, an empty component or `..` is a spec error.
    init(reading fields: CollectorEntryFields, field: String) throws(SpecError) {
        try self.init(try fields.requiredString(field), of: fields, field: field)
    }

    /// Reads `text`, written in `field` of `fields` (for the errors).
    init(_ text: String, of fields: CollectorEntryFields, field: String) throws(SpecError) {
        self.text = text
        var components: [[Piece]] = []
        for component in Self.components(of: text) {
            guard !component.isEmpty, component != ".", component != ".." else {
                throw fields.problem("`\(field)` `\(text)` must be a relative path without empty, `.` or `..` parts",
                    at: field)
            }
            var pieces: [Piece] = []
            var rest = Substring(component)
            while let open = rest.firstIndex(of: "{") {
                if open > rest.startIndex { pieces.append(.text(String(rest[..<open]))) }
                guard let close = rest[open...].firstIndex(of: "}") else {
                    throw fields.problem("`\(field)` `\(text)` has a `{` that is not closed", at: field)
                }
                let name = rest[rest.index(after: open)..<close]
                switch name {
                case "pod": pieces.append(.pod)
                case "namespace": pieces.append(.namespace)
                case "node": pieces.append(.node)
                case _ where name.hasPrefix("label:") && name.count > 6: pieces.append(.label(String(name.dropFirst(6))))
                default:
                    throw fields.problem("`\(field)` `\(text)`: unknown placeholder `{\(name)}` (one of {pod}, "
                        + "{namespace}, {node}, {label:KEY})", at: field)
                }
                rest = rest[rest.index(after: close)...]
            }
            if !rest.isEmpty { pieces.append(.text(String(rest))) }
            components.append(pieces)
        }
        guard !components.isEmpty else { throw fields.problem("`\(field)` is empty", at: field) }
        self.components = components
    }

    /// The components of `text`, split on `/` outside placeholders (a label key such as
    /// `app.kubernetes.io/name` holds one).
    private static func components(of text: String) -> [String] {
        var components: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "{": depth += 1
            case "}": depth = max(0, depth - 1)
            case "/" where depth == 0:
                components.append(current)
                current = ""
                continue
            default: break
            }
            current.append(character)
        }
        components.append(current)
        return components
    }

    /// Whether it names anything of a pod: an entry that runs once, without pods, may not.
    var namesPod: Bool {
        components.contains { $0.contains { if case .text = $0 { false } else { true } } }
    }

    /// The path of a template that names no pod.
    var plainComponents: [String] {
        components.map { pieces in
            pieces.map { if case .text(let text) = $0 { text } else { "" } }.joined()
        }
    }

    /// The path for `pod` in `namespace`; a label the pod does not have reads `unknown`.
    func components(pod: PodTargets.Pod, namespace: String) -> [String] {
        components.map { pieces in
            pieces.map { piece in
                switch piece {
                case .text(let text): return text
                case .pod: return pod.name
                case .namespace: return namespace
                case .node: return pod.node ?? "unknown"
                case .label(let key): return pod.labels[key] ?? "unknown"
                }
            }.joined()
        }
    }
}
