import Foundation

/// The service-account configuration a pod gets: `KUBERNETES_SERVICE_HOST`/`_PORT` and the token, CA and namespace files.
public struct InClusterConfiguration: Sendable {
    /// Where the service-account files are; injectable for tests.
    var serviceAccountDirectory: String

    /// The standard service-account directory of a pod.
    public static let defaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    /// Creates a reader of the service account in `serviceAccountDirectory`.
    public init(serviceAccountDirectory: String = Self.defaultServiceAccountDirectory) {
        self.serviceAccountDirectory = serviceAccountDirectory
    }

    /// Whether the environment describes an in-cluster run (both variables set and the token file present).
    func isAvailable(environment: [String: String]) -> Bool {
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
            let port = environment["KUBERNETES_SERVICE_PORT"], !port.isEmpty
        else { return false }
        return FileManager.default.fileExists(atPath: tokenPath)
    }

    var tokenPath: String { serviceAccountDirectory + "/token" }

    /// The connection: the token file is re-read when it changes, the CA file is required.
    public func connection(environment: [String: String]) throws(ConfigurationError) -> ClusterConnection {
        let source = "in-cluster service account (\(serviceAccountDirectory))"
        guard let host = environment["KUBERNETES_SERVICE_HOST"], !host.isEmpty else {
            throw ConfigurationError(file: source, field: "KUBERNETES_SERVICE_HOST", problem: "not set")
        }
        guard let portText = environment["KUBERNETES_SERVICE_PORT"], let port = Int(portText), (1...65535).contains(port)
        else {
            throw ConfigurationError(file: source, field: "KUBERNETES_SERVICE_PORT", problem: "not a port number")
        }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        let server: ServerAddress
        do {
            server = try ServerAddress(parsing: "https://\(hostPart):\(port)")
        } catch {
            throw ConfigurationError(file: source, field: "KUBERNETES_SERVICE_HOST", problem: error.description)
        }
        guard FileManager.default.isReadableFile(atPath: tokenPath) else {
            throw ConfigurationError(file: tokenPath, problem: "the service-account token is missing or unreadable")
        }
        let caPath = serviceAccountDirectory + "/ca.crt"
        guard let ca = FileManager.default.contents(atPath: caPath), !ca.isEmpty else {
            throw ConfigurationError(file: caPath, problem: "the service-account CA is missing or empty")
        }
        let namespace = FileManager.default.contents(atPath: serviceAccountDirectory + "/namespace")
            .map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        return ClusterConnection(
            server: server,
            trust: .certificateAuthority(pem: Array(ca)),
            credentials: .bearerTokenFile(path: tokenPath),
            namespace: namespace?.isEmpty == false ? namespace : nil,
            source: source
        )
    }
}
