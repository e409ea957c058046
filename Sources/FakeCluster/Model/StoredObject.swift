import JSONCoding
import KubeClient

/// One object as the fake cluster serves it: its JSON, parsed once, and the fields lists filter on.
struct StoredObject: Sendable {
    /// The namespace, or nil for cluster-scoped objects.
    let namespace: String?
    /// `metadata.name`.
    let name: String
    /// `metadata.labels`.
    let labels: [String: String]
    /// The object.
    let value: JSONValue
    /// The object's compact JSON, serialised once so lists are cheap to serve.
    let json: [UInt8]

    /// Stores `value`, reading its namespace, name and labels.
    init(_ value: JSONValue) {
        self.value = value
        namespace = value[path: "metadata", "namespace"]?.stringValue
        name = value[path: "metadata", "name"]?.stringValue ?? ""
        var labels: [String: String] = [:]
        for (key, label) in value[path: "metadata", "labels"]?.objectValue ?? [:] {
            if let text = label.stringValue { labels[key] = text }
        }
        self.labels = labels
        json = JSONWriter.bytes(of: value)
    }
}
