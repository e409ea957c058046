import Yams

extension CollectorSpec {
    /// Parses a spec file's text with the kinds this build runs. Every mistake (unknown kind or field, missing or
    /// duplicate name, bad duration, a kind's own parameters) is an error with the file and the line, found before
    /// anything runs.
    public static func parse(_ text: String, file: String, kinds: CollectorKindRegistry) throws(SpecError)
        -> CollectorSpec
    {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw SpecError(file: file, line: Self.line(of: error), problem: "not valid YAML: \(error)")
        } catch {
            throw SpecError(file: file, line: 0, problem: "not valid YAML: \(error)")
        }
        guard let root, let mapping = root.mapping else {
            throw SpecError(file: file, line: 1, problem: "expected a mapping with a `collectors` list")
        }
        for (key, value) in mapping where key.string != "collectors" {
            throw SpecError(file: file, line: line(value), problem: "unknown top-level field `\(key.string ?? "?")`")
        }
        guard let list = mapping["collectors"]?.sequence else {
            throw SpecError(file: file, line: line(root), problem: "`collectors` must be a list")
        }
        var entries: [CollectorEntry] = []
        var seen: [String: Int] = [:]
        for item in list {
            let entry = try entry(item, file: file, kinds: kinds)
            if let first = seen[entry.name] {
                throw SpecError(file: file, line: entry.line,
                    problem: "collector name `\(entry.name)` is used twice (first on line \(first))")
            }
            seen[entry.name] = entry.line
            entries.append(entry)
        }
        return CollectorSpec(entries: entries)
    }

    /// Reads one entry: the common fields here, the rest by its kind, after checking that every field belongs.
    private static func entry(_ node: Node, file: String, kinds: CollectorKindRegistry) throws(SpecError)
        -> CollectorEntry
    {
        guard let mapping = node.mapping else {
            throw SpecError(file: file, line: line(node), problem: "a collector must be a mapping")
        }
        guard let name = mapping["name"]?.string, !name.isEmpty else {
            throw SpecError(file: file, line: line(node), problem: "a collector needs a `name`")
        }
        let fields = CollectorEntryFields(collector: name, mapping: mapping, entryNode: node, file: file)
        guard PathComponent.isSafe(name), name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw SpecError(file: file, line: line(mapping["name"] ?? node),
                problem: "collector name `\(name)` may only hold letters, digits, `-`, `_` and `.`")
        }
        guard let kindName = try fields.string("kind") else { throw fields.problem("needs a `kind`") }
        guard let kind = kinds.kind(named: kindName) else {
            throw fields.problem("unknown kind `\(kindName)` (one of: \(kinds.names.joined(separator: ", ")))", at: "kind")
        }
        for (key, _) in mapping {
            let field = key.string ?? ""
            guard CollectorEntryFields.commonFields.contains(field) || kind.fields.contains(field) else {
                let accepted = (kind.fields + CollectorEntryFields.commonFields).joined(separator: ", ")
                throw SpecError(file: file, line: line(key),
                    problem: "collector `\(name)`: field `\(field)` does not belong to kind `\(kindName)` "
                        + "(it accepts: \(accepted))")
            }
        }
        let conditions = try fields.conditions()
        if fields.mentions(ConditionBindings.operatorNamespacePlaceholder),
            !conditions.contains(where: \.bindsOperatorNamespace)
        {
            throw fields.problem("\(ConditionBindings.operatorNamespacePlaceholder) needs a `when` condition that "
                + "finds the operator (`subscription` or `clusterServiceVersion`)")
        }
        return CollectorEntry(name: name, kind: try kind.init(reading: fields), timeout: try fields.duration("timeout"),
            enabledByDefault: try fields.bool("enabled") ?? true, groups: try fields.strings("groups") ?? [],
            line: line(node), conditions: conditions)
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
