import Foundation

/// Acting as another user, as `kubectl --as` does: the server checks that the authenticated user may impersonate, then
/// treats the request as the impersonated user's. Sent as `Impersonate-*` headers on every request.
public struct Impersonation: Sendable, Equatable {
    /// `Impersonate-User`.
    public var user: String?
    /// `Impersonate-Uid`.
    public var uid: String?
    /// `Impersonate-Group`, one header each.
    public var groups: [String]
    /// `Impersonate-Extra-<key>`, one header per value.
    public var extra: [String: [String]]

    public init(user: String? = nil, uid: String? = nil, groups: [String] = [], extra: [String: [String]] = [:]) {
        self.user = user
        self.uid = uid
        self.groups = groups
        self.extra = extra
    }

    /// Whether nothing is impersonated.
    var isEmpty: Bool { user == nil && uid == nil && groups.isEmpty && extra.isEmpty }

    /// The headers, in a stable order. Extra keys are percent-encoded as client-go encodes them, since a header name
    /// cannot hold every character a key may.
    var headers: [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        if let user { headers.append(("Impersonate-User", user)) }
        if let uid { headers.append(("Impersonate-Uid", uid)) }
        for group in groups { headers.append(("Impersonate-Group", group)) }
        for key in extra.keys.sorted() {
            let name = "Impersonate-Extra-" + Self.escapeKey(key)
            for value in extra[key] ?? [] { headers.append((name, value)) }
        }
        return headers
    }

    /// Keeps the characters a header name may hold (less `%`), percent-encodes the rest.
    static func escapeKey(_ key: String) -> String {
        let kept = CharacterSet(charactersIn: "!#$&'*+-.^_`|~0123456789"
            + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return key.addingPercentEncoding(withAllowedCharacters: kept) ?? key
    }
}
