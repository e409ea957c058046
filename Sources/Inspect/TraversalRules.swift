import JSONCoding

/// `oc adm inspect`'s traversal rules, as data: what an object of a given type brings along besides itself. Every
/// object also brings its `status.relatedObjects`; types not listed bring nothing else.
enum TraversalRules {
    /// What an object brings.
    enum Brings: Sendable, Equatable {
        /// A namespace: its own file, then a list file per type in it (the namespace sweep).
        case namespaceSweep
        /// A cluster operator: every list of the `config.openshift.io` groups, once per run.
        case configLists
        /// The namespaces of the services it calls, read at `path` in each element of the array `under` (or in the
        /// object itself when `under` is nil): webhooks and conversion webhooks.
        case serviceNamespaces(under: String?, path: [String])
        /// A pod: its containers' logs, fetched once the YAML is written.
        case containerLogs
    }

    /// The rule of each (group, resource) that has one.
    static let byType: [TypeKey: Brings] = [
        TypeKey("", "namespaces"): .namespaceSweep,
        TypeKey("config.openshift.io", "clusteroperators"): .configLists,
        TypeKey("admissionregistration.k8s.io", "mutatingwebhookconfigurations"):
            .serviceNamespaces(under: "webhooks", path: ["clientConfig", "service", "namespace"]),
        TypeKey("admissionregistration.k8s.io", "validatingwebhookconfigurations"):
            .serviceNamespaces(under: "webhooks", path: ["clientConfig", "service", "namespace"]),
        TypeKey("apiextensions.k8s.io", "customresourcedefinitions"):
            .serviceNamespaces(under: nil, path: ["spec", "conversion", "webhook", "clientConfig", "service", "namespace"]),
        TypeKey("", "pods"): .containerLogs,
    ]

    /// A type by its API group and plural name.
    struct TypeKey: Hashable, Sendable {
        let group: String
        let resource: String

        init(_ group: String, _ resource: String) {
            self.group = group
            self.resource = resource
        }
    }

    /// The namespaces `object` names at `path`, in each element of `under` or in itself; sorted, each once.
    static func namespaces(in object: JSONValue, under: String?, path: [String]) -> [String] {
        let holders = under.map { object[$0]?.arrayValue ?? [] } ?? [object]
        let namespaces = holders.compactMap { holder in
            path.reduce(Optional(holder)) { value, key in value?[key] }?.stringValue
        }
        return Set(namespaces).sorted()
    }
}
