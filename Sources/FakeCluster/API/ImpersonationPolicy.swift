import Foundation
import HTTPTypes

/// Whom the fake cluster's one user may impersonate: the API server's check of `Impersonate-*` headers, so tests can
/// tell a client that sends them (and is refused or let through as asked) from one that drops them.
///
/// Entries are `user:NAME`, `group:NAME`, `uid:VALUE` and `extra:KEY=VALUE`; nothing else may be impersonated, and a
/// request impersonating anything else is refused with 403, with the API server's message.
public struct ImpersonationPolicy: Sendable {
    /// The user the bearer token authenticates, as named in refusals.
    static let authenticatedUser = "kubernetes-admin"

    private let allowed: Set<String>

    /// Allows no impersonation at all.
    public init() { allowed = [] }

    /// Allows `entries` (see the type's description).
    public init(allowing entries: [String]) throws(InvalidEntry) {
        for entry in entries {
            let kind = entry.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            guard ["user", "group", "uid", "extra"].contains(kind), entry.count > kind.count + 1 else {
                throw InvalidEntry(entry: entry)
            }
        }
        allowed = Set(entries)
    }

    /// The 403 answer for the first impersonation in `headers` that is not allowed; nil when all are.
    func refusal(of headers: HTTPFields) -> (code: Int, message: String)? {
        var asked: [(entry: String, resource: String, group: String, name: String)] = []
        for field in headers {
            let name = field.name.canonicalName
            let value = field.value
            switch name {
            case "impersonate-user": asked.append(("user:\(value)", "users", "", value))
            case "impersonate-group": asked.append(("group:\(value)", "groups", "", value))
            case "impersonate-uid": asked.append(("uid:\(value)", "uids", "authentication.k8s.io", value))
            default:
                guard name.hasPrefix("impersonate-extra-") else { continue }
                let key = String(name.dropFirst("impersonate-extra-".count)).removingPercentEncoding
                    ?? String(name.dropFirst("impersonate-extra-".count))
                asked.append(("extra:\(key)=\(value)", "userextras/\(key)", "authentication.k8s.io", value))
            }
        }
        guard let refused = asked.first(where: { !allowed.contains($0.entry) }) else { return nil }
        return (403, "\(refused.resource) \"\(refused.name)\" is forbidden: User \"\(Self.authenticatedUser)\" cannot "
            + "impersonate resource \"\(refused.resource)\" in API group \"\(refused.group)\" at the cluster scope")
    }

    /// An entry that is not `user:`, `group:`, `uid:` or `extra:` followed by a value.
    public struct InvalidEntry: Error, CustomStringConvertible {
        let entry: String
        public var description: String { "not user:NAME, group:NAME, uid:VALUE or extra:KEY=VALUE: \(entry)" }
    }
}
