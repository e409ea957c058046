import Yams

extension CollectorSpec {
    /// Parses a spec file's text. Every mistake (unknown kind or field, missing or duplicate name, bad duration) is an
    /// error with the file and the line, found before anything runs.
    public static func parse(_ text: String, file: String) throws(SpecError) -> CollectorSpec {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw SpecError(file: file, line: Self.line(of: error), problem: "not valid YAML: \(error)")
        } catch {
            throw SpecError(file: file, line: 0, problem: "not valid YAML: \(error)")
        }
        guard let mapping = root?.mapping else {
            throw SpecError(file: file, line: 1, problem: "expected a mapping with a `collectors` list")
        }
        for (key, value) in mapping where key.string != "collectors" {
            throw SpecError(file: file, line: line(value), problem: "unknown top-level field `\(key.string ?? "?")`")
        }
        guard let list = mapping["collectors"]?.sequence else {
            throw SpecError(file: file, line: line(root!), problem: "`collectors` must be a list")
        }
        var entries: [CollectorEntry] = []
        var seen: [String: Int] = [:]
        for item in list {
            let entry = try EntryReader(node: item, file: file).entry()
            if let first = seen[entry.name] {
                throw SpecError(file: file, line: entry.line,
                    problem: "collector name `\(entry.name)` is used twice (first on line \(first))")
            }
            seen[entry.name] = entry.line
            entries.append(entry)
        }
        return CollectorSpec(entries: entries)
    }

    static func line(_ node: Node) -> Int { (node.mark?.line ?? 0) }

    private static func line(of error: YamlError) -> Int {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return 0
        }
    }
}

/// A spec that cannot be used: the file, the line, what is wrong.
public struct SpecError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let line: Int
    public let problem: String

    public init(file: String, line: Int, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String { line > 0 ? "\(file):\(line): \(problem)" : "\(file): \(problem)" }
}

/// Reads one entry, checking every field against its kind.
private struct EntryReader {
    let node: Node
    let file: String

    static let commonFields: Set<String> = ["name", "kind", "timeout", "enabled", "groups"]
    static let kindFields: [String: Set<String>] = [
        "version": [], "inspect": ["resources", "namespace", "allNamespaces"],
        "serviceLogs": ["units", "role", "selector"], "nodeFiles": ["paths", "role", "selector"],
        "script": ["path", "arguments"],
    ]

    func fail(_ problem: String, at field: Node? = nil) -> SpecError {
        SpecError(file: file, line: CollectorSpec.line(field ?? node), problem: problem)
    }

    func entry() throws(SpecError) -> CollectorEntry {
        guard let mapping = node.mapping else { throw fail("a collector must be a mapping") }
        guard let name = mapping["name"]?.string, !name.isEmpty else { throw fail("a collector needs a `name`") }
        guard PathComponent.isSafe(name), name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw fail("collector name `\(name)` may only hold letters, digits, `-`, `_` and `.`", at: mapping["name"])
        }
        guard let kindName = mapping["kind"]?.string else { throw fail("collector `\(name)` needs a `kind`") }
        guard let allowed = Self.kindFields[kindName] else {
            let kinds = Self.kindFields.keys.sorted().joined(separator: ", ")
            throw fail("collector `\(name)`: unknown kind `\(kindName)` (one of: \(kinds))", at: mapping["kind"])
        }
        for (key, value) in mapping {
            let field = key.string ?? ""
            guard Self.commonFields.contains(field) || allowed.contains(field) else {
                throw fail("collector `\(name)`: field `\(field)` does not belong to kind `\(kindName)`", at: value)
            }
        }
        var timeout: Duration?
        if let text = mapping["timeout"]?.string {
            guard let duration = GoDuration.parse(text), duration > .zero else {
                throw fail("collector `\(name)`: timeout `\(text)` is not a positive duration such as 5m or 90s",
                    at: mapping["timeout"])
            }
            timeout = duration
        }
        var enabled = true
        if let flag = mapping["enabled"] {
            guard let value = flag.bool else { throw fail("collector `\(name)`: `enabled` must be true or false", at: flag) }
            enabled = value
        }
        let groups = try strings(mapping["groups"], field: "groups", of: name) ?? []
        let kind: CollectorKind
        switch kindName {
        case "version":
            kind = .version
        case "inspect":
            guard let resources = try strings(mapping["resources"], field: "resources", of: name), !resources.isEmpty else {
                throw fail("collector `\(name)`: an inspect needs a non-empty `resources` list")
            }
            var allNamespaces = false
            if let flag = mapping["allNamespaces"] {
                guard let value = flag.bool else {
                    throw fail("collector `\(name)`: `allNamespaces` must be true or false", at: flag)
                }
                allNamespaces = value
            }
            kind = .inspect(resources: resources, namespace: mapping["namespace"]?.string, allNamespaces: allNamespaces)
        case "serviceLogs", "nodeFiles":
            let listField = kindName == "serviceLogs" ? "units" : "paths"
            guard let list = try strings(mapping[listField], field: listField, of: name), !list.isEmpty else {
                throw fail("collector `\(name)`: needs a non-empty `\(listField)` list")
            }
            let nodes: NodeChoice
            switch (mapping["role"]?.string, mapping["selector"]?.string) {
            case (let role?, nil): nodes = .role(role)
            case (nil, let selector?): nodes = .selector(selector)
            case (nil, nil): throw fail("collector `\(name)`: choose nodes with `role` or `selector`")
            default: throw fail("collector `\(name)`: `role` and `selector` exclude each other")
            }
            kind = kindName == "serviceLogs" ? .serviceLogs(units: list, nodes: nodes) : .nodeFiles(paths: list, nodes: nodes)
        default:
            guard let path = mapping["path"]?.string, !path.isEmpty else {
                throw fail("collector `\(name)`: a script needs a `path`")
            }
            kind = .script(path: path, arguments: try strings(mapping["arguments"], field: "arguments", of: name) ?? [])
        }
        return CollectorEntry(name: name, kind: kind, timeout: timeout, enabledByDefault: enabled, groups: groups,
            line: CollectorSpec.line(node))
    }

    func strings(_ field: Node?, field fieldName: String, of name: String) throws(SpecError) -> [String]? {
        guard let field else { return nil }
        guard let sequence = field.sequence else {
            throw fail("collector `\(name)`: `\(fieldName)` must be a list", at: field)
        }
        var values: [String] = []
        for item in sequence {
            guard let text = item.string else {
                throw fail("collector `\(name)`: `\(fieldName)` must hold strings", at: item)
            }
            values.append(text)
        }
        return values
    }
}
