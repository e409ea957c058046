import Yams

extension Impersonation {
    /// Reads `as`, `as-uid`, `as-groups` and `as-user-extra` of a kubeconfig user.
    init(reading user: FieldReader) throws(ConfigurationError) {
        var extra: [String: [String]] = [:]
        if let node = user.entry.fields["as-user-extra"], node.null == nil {
            guard let mapping = node.mapping else { throw user.error("as-user-extra", "expected a mapping of lists") }
            for (key, values) in mapping {
                guard let name = key.string, let list = values.sequence else {
                    throw user.error("as-user-extra", "expected a mapping of lists")
                }
                extra[name] = list.compactMap { $0.scalar?.string }
            }
        }
        self.init(user: try user.string("as").flatMap { $0.isEmpty ? nil : $0 },
            uid: try user.string("as-uid").flatMap { $0.isEmpty ? nil : $0 },
            groups: try user.strings("as-groups") ?? [], extra: extra)
    }
}
