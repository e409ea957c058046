/// Builds API paths from names that come from the server or the user, percent-encoding every segment.
public enum APIPath {
    /// `/api/v1` for the core group, `/apis/<group>/<version>` otherwise.
    public static func groupVersion(group: String, version: String) -> String {
        group.isEmpty ? "/api/\(segment(version))" : "/apis/\(segment(group))/\(segment(version))"
    }

    /// The collection path of a resource: `/api/v1/pods`, `/api/v1/namespaces/ns/pods`, `/apis/g/v/things`.
    public static func collection(group: String, version: String, resource: String, namespace: String? = nil) -> String {
        var path = groupVersion(group: group, version: version)
        if let namespace { path += "/namespaces/\(segment(namespace))" }
        return path + "/\(segment(resource))"
    }

    /// The path of one object.
    public static func object(group: String, version: String, resource: String, namespace: String? = nil, name: String)
        -> String
    {
        collection(group: group, version: version, resource: resource, namespace: namespace) + "/\(segment(name))"
    }

    private static let unreserved: Set<UInt8> = Set(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))

    /// Percent-encodes one path segment: `/`, `?`, `%` and every byte outside the unreserved set.
    public static func segment(_ text: String) -> String {
        encode(text, keeping: unreserved.union([UInt8(ascii: ":"), UInt8(ascii: "@")]))
    }

    /// Percent-encodes a query name or value.
    static func encodeQuery(_ text: String) -> String {
        encode(text, keeping: unreserved)
    }

    private static func encode(_ text: String, keeping allowed: Set<UInt8>) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if allowed.contains(byte) {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = Array("0123456789ABCDEF".utf8)
                output.unicodeScalars.append("%")
                output.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                output.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0x0F)]))
            }
        }
        return output
    }
}
