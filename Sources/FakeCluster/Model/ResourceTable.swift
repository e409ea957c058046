import KubeClient

/// Every object of one resource type, sorted by namespace then name, as a list would return them.
struct ResourceTable: Sendable {
    /// The type, as discovery describes it.
    let resource: APIResource
    /// The objects, sorted.
    private(set) var objects: [StoredObject]

    /// Creates a table of `objects` (sorted here).
    init(resource: APIResource, objects: [StoredObject]) {
        self.resource = resource
        self.objects = objects.sorted { ($0.namespace ?? "", $0.name) < ($1.namespace ?? "", $1.name) }
    }

    /// The objects in `namespace` (all when nil) that match `selector`.
    func objects(in namespace: String?, matching selector: LabelSelector) -> [StoredObject] {
        objects.filter { object in
            (namespace == nil || object.namespace == namespace) && selector.matches(object.labels)
        }
    }

    /// The object `name` in `namespace`.
    func object(named name: String, in namespace: String?) -> StoredObject? {
        objects.first { $0.name == name && $0.namespace == namespace }
    }
}

/// A label selector as kubectl sends it: `a=b`, `a==b`, `a!=b`, `a`, `!a`, `a in (x,y)`, `a notin (x,y)`, comma-joined.
struct LabelSelector: Sendable, Equatable {
    enum Requirement: Sendable, Equatable {
        case equals(String, String)
        case notEquals(String, String)
        case exists(String)
        case notExists(String)
        case isIn(String, Set<String>)
        case notIn(String, Set<String>)
    }

    let requirements: [Requirement]

    /// The selector that matches everything.
    static let everything = LabelSelector(requirements: [])

    init(requirements: [Requirement]) { self.requirements = requirements }

    /// Parses a selector; nil when it is malformed.
    init?(parsing text: String) {
        var requirements: [Requirement] = []
        for part in Self.splitTopLevel(text) {
            let term = part.trimmingSpaces()
            if term.isEmpty { continue }
            if let range = term.range(of: " notin ") ?? term.range(of: " in ") {
                let key = String(term[..<range.lowerBound]).trimmingSpaces()
                var values = String(term[range.upperBound...]).trimmingSpaces()
                guard values.hasPrefix("("), values.hasSuffix(")") else { return nil }
                values = String(values.dropFirst().dropLast())
                let set = Set(values.split(separator: ",").map { String($0).trimmingSpaces() })
                requirements.append(term[range].contains("notin") ? .notIn(key, set) : .isIn(key, set))
            } else if let range = term.range(of: "!=") {
                requirements.append(.notEquals(String(term[..<range.lowerBound]), String(term[range.upperBound...])))
            } else if let range = term.range(of: "==") ?? term.range(of: "=") {
                requirements.append(.equals(String(term[..<range.lowerBound]), String(term[range.upperBound...])))
            } else if term.hasPrefix("!") {
                requirements.append(.notExists(String(term.dropFirst())))
            } else {
                requirements.append(.exists(term))
            }
        }
        self.requirements = requirements
    }

    /// Whether `labels` satisfy every requirement.
    func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { requirement in
            switch requirement {
            case .equals(let key, let value): return labels[key] == value
            case .notEquals(let key, let value): return labels[key] != value
            case .exists(let key): return labels[key] != nil
            case .notExists(let key): return labels[key] == nil
            case .isIn(let key, let values): return labels[key].map(values.contains) ?? false
            case .notIn(let key, let values): return labels[key].map { !values.contains($0) } ?? true
            }
        }
    }

    /// Splits on commas outside parentheses.
    private static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            if character == "(" { depth += 1 }
            if character == ")" { depth -= 1 }
            if character == ",", depth == 0 {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
