import JSONCoding
import KubeClient

/// One object as the fake cluster serves it: its JSON, parsed once, and the fields lists filter on.
public struct StoredObject: Sendable {
    /// The namespace, or nil for cluster-scoped objects.
    public let namespace: String?
    /// `metadata.name`.
    public let name: String
    /// `metadata.labels`.
    public let labels: [String: String]
    /// The object.
    public let value: JSONValue
    /// The object's compact JSON, serialised once so lists are cheap to serve.
    public let json: [UInt8]

    /// Stores `value`, reading its namespace, name and labels.
    public init(_ value: JSONValue) {
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
