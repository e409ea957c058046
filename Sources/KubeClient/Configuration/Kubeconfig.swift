import Foundation
import Yams

/// A kubeconfig file (or several, merged as `KUBECONFIG=a:b` does): clusters, users and contexts by name.
///
/// Merging follows kubectl: the first file that sets `current-context` wins, and for each named cluster, user and context
/// the first file that defines the name wins. Relative file paths are resolved against the directory of the file that
/// names them.
public struct Kubeconfig {
    struct Entry {
        let file: String
        let directory: String
        let fields: [String: Node]
        let line: Int?
    }

    var currentContext: String?
    var currentContextFile: String?
    var clusters: [String: Entry] = [:]
    var users: [String: Entry] = [:]
    var contexts: [String: Entry] = [:]
    /// The files that were read, in order.
    private(set) var files: [String] = []

    /// Reads and merges `paths`; a file that does not exist is an error.
    public init(paths: [String]) throws(ConfigurationError) {
        for path in paths {
            try merge(path: path)
        }
    }

    /// Parses kubeconfig text, as if read from `path`.
    public init(text: String, path: String) throws(ConfigurationError) {
        try merge(text: text, path: path)
    }

    private mutating func merge(path: String) throws(ConfigurationError) {
        let data: Data
        do {
            data = try KubeconfigLimits.contents(of: path)
        } catch {
            throw ConfigurationError(file: path, problem: "cannot read the kubeconfig: \(Self.reason(error))")
        }
        try merge(text: String(decoding: data, as: UTF8.self), path: path)
    }

    private mutating func merge(text: String, path: String) throws(ConfigurationError) {
        files.append(path)
        if let problem = KubeconfigLimits.nestingProblem(text) {
            throw ConfigurationError(file: path, problem: "not a usable kubeconfig: \(problem)")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ConfigurationError(file: path, problem: "not valid YAML: \(error)")
        }
        guard let root else { return }  // an empty file adds nothing, as in kubectl
        guard let mapping = root.mapping else {
            throw ConfigurationError(file: path, problem: "expected a mapping at the top level")
        }
        let directory = (path as NSString).deletingLastPathComponent
        if currentContext == nil, let name = mapping["current-context"]?.string, !name.isEmpty {
            currentContext = name
            currentContextFile = path
        }
        for (section, key) in [("clusters", "cluster"), ("users", "user"), ("contexts", "context")] {
            guard let listNode = mapping[section] else { continue }
            guard let list = listNode.sequence else {
                if listNode.null != nil { continue }
                throw ConfigurationError(file: path, field: section, problem: "expected a list (line \(Self.line(listNode)))")
            }
            for (position, item) in list.enumerated() {
                guard let itemMapping = item.mapping, let name = itemMapping["name"]?.string, !name.isEmpty else {
                    throw ConfigurationError(
                        file: path,
                        field: "\(section)[\(position)].name",
                        problem: "missing (line \(Self.line(item)))"
                    )
                }
                var fields: [String: Node] = [:]
                if let body = itemMapping[key] {
                    guard let bodyMapping = body.mapping else {
                        throw ConfigurationError(
                            file: path,
                            field: "\(section)[\(name)].\(key)",
                            problem: "expected a mapping (line \(Self.line(body)))"
                        )
                    }
                    for (fieldKey, value) in bodyMapping {
                        if let keyText = fieldKey.string { fields[keyText] = value }
                    }
                }
                let entry = Entry(file: path, directory: directory, fields: fields, line: item.mark?.line)
                switch section {
                case "clusters": if clusters[name] == nil { clusters[name] = entry }
                case "users": if users[name] == nil { users[name] = entry }
                default: if contexts[name] == nil { contexts[name] = entry }
                }
            }
        }
    }

    /// The connection of `contextName`, or of the current context.
    public func connection(context contextName: String? = nil) throws(ConfigurationError) -> ClusterConnection {
        let fileList = files.joined(separator: ":")
        guard let name = contextName ?? currentContext else {
            throw ConfigurationError(file: fileList, field: "current-context", problem: "not set, and no context was chosen")
        }
        guard let context = contexts[name] else {
            throw ConfigurationError(
                file: currentContextFile ?? fileList,
                field: "current-context",
                problem: "names context \"\(name)\", which is not defined"
            )
        }
        let contextField = "contexts[\(name)].context"
        guard let clusterName = context.fields["cluster"]?.string, !clusterName.isEmpty else {
            throw ConfigurationError(file: context.file, field: "\(contextField).cluster", problem: "missing")
        }
        guard let cluster = clusters[clusterName] else {
            throw ConfigurationError(
                file: context.file,
                field: "\(contextField).cluster",
                problem: "names cluster \"\(clusterName)\", which is not defined"
            )
        }
        let userName = context.fields["user"]?.string ?? ""
        let user: Entry?
        if userName.isEmpty {
            user = nil
        } else if let found = users[userName] {
            user = found
        } else {
            throw ConfigurationError(
                file: context.file,
                field: "\(contextField).user",
                problem: "names user \"\(userName)\", which is not defined"
            )
        }
        let clusterReader = FieldReader(entry: cluster, prefix: "clusters[\(clusterName)].cluster")
        guard let serverText = try clusterReader.string("server") else {
            throw clusterReader.error("server", "missing")
        }
        let server: ServerAddress
        do {
            server = try ServerAddress(parsing: serverText)
        } catch {
            throw clusterReader.error("server", error.description)
        }
        let trust: ServerTrust
        if try clusterReader.bool("insecure-skip-tls-verify") == true {
            trust = .insecureSkipVerify
        } else if let ca = try clusterReader.bytes(inline: "certificate-authority-data", file: "certificate-authority") {
            trust = .certificateAuthority(pem: ca)
        } else {
            trust = .systemRoots
        }
        let tlsServerName = try clusterReader.string("tls-server-name").flatMap { $0.isEmpty ? nil : $0 }
        var proxy: ProxySetting?
        if let proxyURL = try clusterReader.string("proxy-url"), !proxyURL.isEmpty {
            do {
                proxy = try ProxySetting.parse(proxyURL, field: "proxy-url")
            } catch {
                throw clusterReader.error("proxy-url", error.problem)
            }
        }
        var credentials = Credentials.none
        var impersonation = Impersonation()
        if let user {
            let userReader = FieldReader(entry: user, prefix: "users[\(userName)].user")
            if user.fields["auth-provider"] != nil {
                throw userReader.error("auth-provider",
                    "auth-provider plugins (removed from kubectl in 1.26) are not supported; use an exec plugin, a token or a client certificate")
            }
            if let certificate = try userReader.bytes(inline: "client-certificate-data", file: "client-certificate") {
                guard let key = try userReader.bytes(inline: "client-key-data", file: "client-key") else {
                    throw userReader.error("client-key", "missing: a client certificate needs its key")
                }
                credentials = .clientCertificate(certificatePEM: certificate, keyPEM: Secret(key))
            } else if let token = try userReader.string("token"), !token.isEmpty {
                credentials = .bearerToken(Secret(token))
            } else if let tokenFile = try userReader.string("tokenFile"), !tokenFile.isEmpty {
                credentials = .bearerTokenFile(path: userReader.resolve(tokenFile))
            } else if user.fields["exec"] != nil {
                var plugin = try CredentialPlugin(reading: userReader)
                plugin.cluster = CredentialPlugin.ClusterInfo(server: serverText, tlsServerName: tlsServerName,
                    insecureSkipTLSVerify: trust.skipsVerification, certificateAuthorityData: trust.pem,
                    proxyURL: try clusterReader.string("proxy-url"), config: try clusterReader.execExtension())
                credentials = .plugin(plugin)
            }
            impersonation = try Impersonation(reading: userReader)
        }
        let namespace = context.fields["namespace"]?.string
        return ClusterConnection(
            server: server,
            trust: trust,
            credentials: credentials,
            namespace: namespace?.isEmpty == false ? namespace : nil,
            source: "kubeconfig \(fileList), context \(name)",
            tlsServerName: tlsServerName,
            proxy: proxy,
            impersonation: impersonation
        )
    }

    static func line(_ node: Node) -> Int { (node.mark?.line ?? 0) }

    static func reason(_ error: any Error) -> String {
        if let problem = error as? KubeconfigLimits.ReadProblem { return problem.description }
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }
}

/// Reads typed fields of one kubeconfig entry, with errors that name the file, the field and the line.
struct FieldReader {
    let entry: Kubeconfig.Entry
    let prefix: String

    public func error(_ field: String, _ problem: String) -> ConfigurationError {
        var text = problem
        if let node = entry.fields[field], let line = node.mark?.line { text += " (line \(line))" }
        return ConfigurationError(file: entry.file, field: "\(prefix).\(field)", problem: text)
    }

    func string(_ field: String) throws(ConfigurationError) -> String? {
        guard let node = entry.fields[field] else { return nil }
        if node.null != nil { return nil }
        guard let scalar = node.scalar else { throw error(field, "expected a string") }
        return scalar.string
    }

    /// A list of strings; nil when the field is not set.
    func strings(_ field: String) throws(ConfigurationError) -> [String]? {
        guard let node = entry.fields[field], node.null == nil else { return nil }
        guard let list = node.sequence else { throw error(field, "expected a list of strings") }
        var strings: [String] = []
        for item in list {
            guard let scalar = item.scalar else { throw error(field, "expected a list of strings") }
            strings.append(scalar.string)
        }
        return strings
    }

    func bool(_ field: String) throws(ConfigurationError) -> Bool? {
        guard let node = entry.fields[field], node.null == nil else { return nil }
        guard let flag = node.bool else { throw error(field, "expected true or false") }
        return flag
    }

    public func resolve(_ path: String) -> String {
        path.hasPrefix("/") ? path : (entry.directory as NSString).appendingPathComponent(path)
    }

    /// The bytes of `inline` (base64) or of the file named by `file`; nil when neither is set.
    public func bytes(inline: String, file: String) throws(ConfigurationError) -> [UInt8]? {
        if let encoded = try string(inline), !encoded.isEmpty {
            let compact = encoded.filter { !$0.isWhitespace }
            guard let data = Data(base64Encoded: compact) else { throw error(inline, "not valid base64") }
            return Array(data)
        }
        if let path = try string(file), !path.isEmpty {
            let resolved = resolve(path)
            do {
                return Array(try KubeconfigLimits.contents(of: resolved))
            } catch {
                throw self.error(file, "cannot read \(resolved): \(Kubeconfig.reason(error))")
            }
        }
        return nil
    }
}
