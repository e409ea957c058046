import Foundation
import TestSupport

/// fake-cluster serving on a loopback port, with the service-account folder a pod gets (`token`, `ca.crt`,
/// `namespace`): the cluster the image's pod runs gather from, reached through KUBERNETES_SERVICE_HOST and _PORT as
/// in a real pod.
struct PodCluster {
    let server: BackgroundProcess
    /// The service-account folder.
    let serviceAccount: String
    /// The token in it, which must reach no output file and no log line.
    let token: String
    /// The port on 127.0.0.1.
    let port: String

    /// Starts the server with `namespaces` application namespaces, its service account in `<directory>/sa`.
    static func start(in directory: TemporaryDirectory, namespaces: Int) async throws -> PodCluster {
        let serviceAccount = directory.path + "/sa"
        let server = try await BackgroundProcess.start(BuiltProduct.path("fake-cluster"), [
            "--port", "0", "--write-service-account", serviceAccount, "--namespaces", String(namespaces),
        ])
        guard server.firstLine.hasPrefix("serving https://127.0.0.1:"),
            let port = server.firstLine.split(separator: ":").last?.split(separator: " ").first
        else {
            server.stop()
            throw PodFailure(description: "fake-cluster did not start: \(server.firstLine)")
        }
        let token = try String(contentsOfFile: serviceAccount + "/token", encoding: .utf8)
        return PodCluster(server: server, serviceAccount: serviceAccount, token: token, port: String(port))
    }

    /// What the pod's environment says about the cluster.
    var environment: [String: String] { ["KUBERNETES_SERVICE_HOST": "127.0.0.1", "KUBERNETES_SERVICE_PORT": port] }

    func stop() { server.stop() }
}
