import JSONCoding
import Yams

extension CredentialPlugin {
    /// Reads the `exec` section of a kubeconfig user, refusing what client-go refuses.
    init(reading user: FieldReader) throws(ConfigurationError) {
        let section = try user.section("exec")
        guard let apiVersion = try section.string("apiVersion"), !apiVersion.isEmpty else {
            throw section.error("apiVersion", "missing: one of \(Self.apiVersions.joined(separator: ", "))")
        }
        guard Self.apiVersions.contains(apiVersion) else {
            throw section.error("apiVersion", "\"\(apiVersion)\" is not one of \(Self.apiVersions.joined(separator: ", "))")
        }
        guard let command = try section.string("command"), !command.isEmpty else {
            throw section.error("command", "missing")
        }
        var environment: [(name: String, value: String)] = []
        if let list = section.entry.fields["env"], list.null == nil {
            guard let items = list.sequence else { throw section.error("env", "expected a list of name and value") }
            for item in items {
                guard let name = item.mapping?["name"]?.string, !name.isEmpty,
                    let value = item.mapping?["value"]?.scalar?.string
                else { throw section.error("env", "every entry needs a name and a value") }
                environment.append((name, value))
            }
        }
        let mode: InteractiveMode
        if let text = try section.string("interactiveMode"), !text.isEmpty {
            guard let known = InteractiveMode(rawValue: text) else {
                throw section.error("interactiveMode", "\"\(text)\" is not one of Never, IfAvailable, Always")
            }
            mode = known
        } else if apiVersion == "client.authentication.k8s.io/v1beta1" {
            mode = .ifAvailable  // v1beta1's default; v1 makes the field required
        } else {
            throw section.error("interactiveMode", "missing: \(apiVersion) requires Never, IfAvailable or Always")
        }
        self.init(apiVersion: apiVersion, command: command, arguments: try section.strings("args") ?? [],
            environment: environment, interactiveMode: mode,
            provideClusterInfo: try section.bool("provideClusterInfo") ?? false,
            installHint: try section.string("installHint"), kubeconfigDirectory: user.entry.directory, cluster: nil)
    }
}

extension FieldReader {
    /// The `extension` of the cluster's `extensions` item named `client.authentication.k8s.io/exec`, as JSON: what
    /// client-go passes to a plugin as `spec.cluster.config`.
    func execExtension() throws(ConfigurationError) -> JSONValue? {
        guard let list = entry.fields["extensions"], list.null == nil else { return nil }
        guard let items = list.sequence else { throw error("extensions", "expected a list of name and extension") }
        for item in items where item.mapping?["name"]?.string == "client.authentication.k8s.io/exec" {
            return item.mapping?["extension"].map(Self.json)
        }
        return nil
    }

    /// A YAML node as JSON, with YAML's own reading of plain scalars (numbers, booleans, null).
    private static func json(_ node: Node) -> JSONValue {
        switch node {
        case .mapping(let mapping):
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping { members[key.string ?? ""] = json(value) }
            return .object(members)
        case .sequence(let sequence):
            return .array(sequence.map(json))
        case .scalar(let scalar):
            if scalar.style != .plain { return .string(scalar.string) }
            if node.null != nil { return .null }
            if let flag = node.bool { return .bool(flag) }
            if node.int != nil || node.float != nil { return .number(scalar.string) }
            return .string(scalar.string)
        case .alias:
            return .null
        }
    }

    /// A reader of the mapping in `field`, with errors that name its path.
    func section(_ field: String) throws(ConfigurationError) -> FieldReader {
        guard let mapping = entry.fields[field]?.mapping else { throw error(field, "expected a mapping") }
        var fields: [String: Node] = [:]
        for (key, value) in mapping {
            if let name = key.string { fields[name] = value }
        }
        return FieldReader(entry: Kubeconfig.Entry(file: entry.file, directory: entry.directory, fields: fields,
            line: entry.fields[field]?.mark?.line), prefix: "\(prefix).\(field)")
    }
}
