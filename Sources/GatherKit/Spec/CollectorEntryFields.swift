import Yams

/// The fields of one entry of a spec file, as its kind reads them: typed look-ups whose mistakes are ``SpecError``s
/// naming the file, the line of the field and the collector. A kind never sees YAML itself.
public struct CollectorEntryFields {
    /// The fields every entry may have, whatever its kind.
    static let commonFields = ["name", "kind", "timeout", "enabled", "groups", "when"]

    /// The collector's name, for messages.
    let collector: String
    let mapping: Node.Mapping
    let entryNode: Node
    let file: String

    /// A mistake in this entry, at `field`'s line when it is there, else at the entry's first line.
    public func problem(_ text: String, at field: String? = nil) -> SpecError {
        let node = field.flatMap { mapping[$0] } ?? entryNode
        return SpecError(file: file, line: CollectorSpec.line(node), problem: "collector `\(collector)`: \(text)")
    }

    /// Whether any text of the entry, at any depth, holds `text` (a placeholder).
    func mentions(_ text: String) -> Bool {
        func holds(_ node: Node) -> Bool {
            if let scalar = node.scalar { return scalar.string.contains(text) }
            if let sequence = node.sequence { return sequence.contains(where: holds) }
            if let mapping = node.mapping { return mapping.contains { holds($0.key) || holds($0.value) } }
            return false
        }
        return holds(entryNode)
    }

    /// Whether the entry has `field`.
    public func has(_ field: String) -> Bool { mapping[field] != nil }

    /// A text field, or nil when absent.
    public func string(_ field: String) throws(SpecError) -> String? {
        guard let node = mapping[field] else { return nil }
        guard node.scalar != nil, let text = node.string else { throw problem("`\(field)` must be text", at: field) }
        return text
    }

    /// A text field that must be there and not empty.
    public func requiredString(_ field: String) throws(SpecError) -> String {
        guard let text = try string(field), !text.isEmpty else { throw problem("needs a `\(field)`") }
        return text
    }

    /// `text`, given in `field`, split at its slashes into plain names: nothing absolute, no `..`, no empty part.
    public func relativePath(_ text: String, in field: String) throws(SpecError) -> [String] {
        let components = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard components.allSatisfy(PathComponent.isSafe) else {
            throw problem("`\(field)` `\(text)` must be a relative path of plain names", at: field)
        }
        return components
    }

    /// A `true`/`false` field, or nil when absent.
    public func bool(_ field: String) throws(SpecError) -> Bool? {
        guard let node = mapping[field] else { return nil }
        guard let value = node.bool else { throw problem("`\(field)` must be true or false", at: field) }
        return value
    }

    /// A list of texts, or nil when absent.
    public func strings(_ field: String) throws(SpecError) -> [String]? {
        guard let node = mapping[field] else { return nil }
        guard let sequence = node.sequence else { throw problem("`\(field)` must be a list", at: field) }
        var values: [String] = []
        for item in sequence {
            guard item.scalar != nil, let text = item.string else {
                throw SpecError(file: file, line: CollectorSpec.line(item),
                    problem: "collector `\(collector)`: `\(field)` must hold texts")
            }
            values.append(text)
        }
        return values
    }

    /// A list of texts that must be there and hold at least one.
    public func nonEmptyStrings(_ field: String) throws(SpecError) -> [String] {
        guard let values = try strings(field), !values.isEmpty else { throw problem("needs a non-empty `\(field)` list") }
        return values
    }

    /// A mapping of texts to texts, in file order (`priority_levels: /debug/...`), or nil when absent.
    public func stringPairs(_ field: String) throws(SpecError) -> [(key: String, value: String)]? {
        guard let node = mapping[field] else { return nil }
        guard let pairs = node.mapping, !pairs.isEmpty else {
            throw problem("`\(field)` must be a mapping of names to texts", at: field)
        }
        var values: [(key: String, value: String)] = []
        for (key, value) in pairs {
            guard let name = key.string, !name.isEmpty, value.scalar != nil, let text = value.string, !text.isEmpty
            else {
                throw SpecError(file: file, line: CollectorSpec.line(key),
                    problem: "collector `\(collector)`: `\(field)` must map names to texts")
            }
            values.append((name, text))
        }
        return values
    }

    /// A mapping of texts to non-empty lists of texts, in file order (`etcd_info/member_list.json: [etcdctl, ...]`), or
    /// nil when absent.
    public func stringListPairs(_ field: String) throws(SpecError) -> [(key: String, values: [String])]? {
        guard let node = mapping[field] else { return nil }
        guard let pairs = node.mapping, !pairs.isEmpty else {
            throw problem("`\(field)` must be a mapping of names to lists", at: field)
        }
        var result: [(key: String, values: [String])] = []
        for (key, value) in pairs {
            let items = value.sequence?.compactMap { $0.scalar != nil ? $0.string : nil } ?? []
            guard let name = key.string, !name.isEmpty, !items.isEmpty, items.count == value.sequence?.count else {
                throw SpecError(file: file, line: CollectorSpec.line(key),
                    problem: "collector `\(collector)`: `\(field)` must map names to non-empty lists of texts")
            }
            result.append((name, items))
        }
        return result
    }

    /// A positive Go duration (`90s`, `5m`), or nil when absent.
    func duration(_ field: String) throws(SpecError) -> Duration? {
        guard let text = try string(field) else { return nil }
        guard let duration = GoDuration.parse(text), duration > .zero else {
            throw problem("`\(field)` `\(text)` is not a positive duration such as 5m or 90s", at: field)
        }
        return duration
    }
}
