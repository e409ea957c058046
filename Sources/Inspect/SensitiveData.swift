import JSONCoding
import KubeClient

/// Removes what `oc adm inspect` removes before writing: Secret values, the token and last-applied annotations of
/// Secrets, route TLS keys and proxy passwords. It applies to every object written, alone or in a list.
enum SensitiveData {
    /// Secret keys whose values are public certificates and are kept.
    static let publicSecretKeys: Set<String> = ["tls.crt", "ca.crt", "service-ca.crt"]

    /// Annotations of Secrets that carry the secret again, emptied.
    static let secretAnnotations = ["openshift.io/token-secret.value", "kubectl.kubernetes.io/last-applied-configuration"]

    /// Whether objects of `resource` carry fields that are removed before writing.
    static func applies(to resource: APIResource) -> Bool {
        switch (resource.group, resource.name) {
        case ("", "secrets"), ("route.openshift.io", "routes"), ("config.openshift.io", "proxies"): return true
        default: return false
        }
    }

    /// `object` as it may be written, given its resource type.
    static func elided(_ object: JSONValue, resource: APIResource) -> JSONValue {
        switch (resource.group, resource.name) {
        case ("", "secrets"): return elidedSecret(object)
        case ("route.openshift.io", "routes"): return elidedRoute(object)
        case ("config.openshift.io", "proxies"): return elidedProxy(object)
        default: return object
        }
    }

    /// Every `data` and `stringData` value except the public keys becomes base64 of `"<N> bytes long"`, N the length of
    /// the decoded value, as oc writes it.
    static func elidedSecret(_ secret: JSONValue) -> JSONValue {
        guard case .object(var members) = secret else { return secret }
        for field in ["data", "stringData"] {
            guard case .object(var data)? = members[field] else { continue }
            for (key, value) in data where !publicSecretKeys.contains(key) {
                let length: Int
                switch (field, value) {
                case ("data", .string(let encoded)): length = Base64.decodedLength(encoded)
                case (_, .string(let plain)): length = plain.utf8.count
                default: length = 0
                }
                data[key] = .string(Base64.encode(Array("\(length) bytes long".utf8)))
            }
            members[field] = .object(data)
        }
        if case .object(var metadata)? = members["metadata"], case .object(var annotations)? = metadata["annotations"] {
            for key in secretAnnotations where annotations[key] != nil { annotations[key] = "" }
            metadata["annotations"] = .object(annotations)
            members["metadata"] = .object(metadata)
        }
        return .object(members)
    }

    /// `spec.tls.key` removed.
    static func elidedRoute(_ route: JSONValue) -> JSONValue {
        guard case .object(var members) = route, case .object(var spec)? = members["spec"],
            case .object(var tls)? = spec["tls"], tls["key"] != nil
        else { return route }
        tls["key"] = nil
        spec["tls"] = .object(tls)
        members["spec"] = .object(spec)
        return .object(members)
    }

    /// `user:password@` in `httpProxy` and `httpsProxy` of `spec` and `status` becomes `user:****@`.
    static func elidedProxy(_ proxy: JSONValue) -> JSONValue {
        guard case .object(var members) = proxy else { return proxy }
        for section in ["spec", "status"] {
            guard case .object(var fields)? = members[section] else { continue }
            for key in ["httpProxy", "httpsProxy"] {
                if case .string(let url)? = fields[key] { fields[key] = .string(maskingPassword(in: url)) }
            }
            members[section] = .object(fields)
        }
        return .object(members)
    }

    /// oc's `(https?://)([^:]+):([^@]+)@` → `${1}${2}:****@`, for every match.
    static func maskingPassword(in text: String) -> String {
        var output = ""
        var rest = Substring(text)
        while let start = [rest.range(of: "http://"), rest.range(of: "https://")].compactMap({ $0 })
            .min(by: { $0.lowerBound < $1.lowerBound })
        {
            output += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            guard let colon = rest.firstIndex(of: ":"), colon > rest.startIndex,
                let at = rest[rest.index(after: colon)...].firstIndex(of: "@"), at > rest.index(after: colon)
            else { continue }
            output += rest[..<colon] + ":****@"
            rest = rest[rest.index(after: at)...]
        }
        return output + rest
    }
}
