import Foundation
import TestSupport
import Testing

@testable import KubeClient

struct ConnectionResolverTests {
    let directory: TemporaryDirectory
    let serviceAccount: String

    init() throws {
        directory = try TemporaryDirectory()
        serviceAccount = directory.path + "/sa"
        _ = try directory.write("sa/token", "in-cluster-token\n")
        _ = try directory.write("sa/ca.crt", "CA PEM")
        _ = try directory.write("sa/namespace", "openshift-must-gather-abc")
    }

    func kubeconfig(named name: String, server: String) throws -> String {
        try directory.write(name, """
            current-context: x
            clusters: [{name: c, cluster: {server: "\(server)"}}]
            contexts: [{name: x, context: {cluster: c}}]
            """)
    }

    var inClusterEnvironment: [String: String] {
        ["KUBERNETES_SERVICE_HOST": "10.0.0.1", "KUBERNETES_SERVICE_PORT": "443"]
    }

    @Test func explicitKubeconfigWinsOverEverything() throws {
        let explicit = try kubeconfig(named: "explicit", server: "https://explicit")
        let fromEnvironment = try kubeconfig(named: "env", server: "https://env")
        var environment = inClusterEnvironment
        environment["KUBECONFIG"] = fromEnvironment
        let resolver = ConnectionResolver(environment: environment, inCluster: .init(serviceAccountDirectory: serviceAccount))
        #expect(try resolver.resolve(explicitKubeconfig: explicit).server.host == "explicit")
        #expect(try resolver.resolve().server.host == "env")
    }

    @Test func inClusterComesBeforeTheHomeKubeconfig() throws {
        _ = try kubeconfig(named: "home/.kube/config", server: "https://home")
        let resolver = ConnectionResolver(
            environment: inClusterEnvironment,
            inCluster: .init(serviceAccountDirectory: serviceAccount),
            homeDirectory: directory.path + "/home"
        )
        let connection = try resolver.resolve()
        #expect(connection.server.url(path: "") == "https://10.0.0.1:443")
        #expect(connection.namespace == "openshift-must-gather-abc")
        guard case .bearerTokenFile(let path) = connection.credentials else { Issue.record("no token file"); return }
        #expect(path == serviceAccount + "/token")
        guard case .certificateAuthority(let pem) = connection.trust else { Issue.record("no CA"); return }
        #expect(pem == Array("CA PEM".utf8))
    }

    @Test func homeKubeconfigIsTheLastResort() throws {
        _ = try kubeconfig(named: "home/.kube/config", server: "https://home")
        let resolver = ConnectionResolver(
            environment: [:], inCluster: .init(serviceAccountDirectory: serviceAccount),
            homeDirectory: directory.path + "/home")
        #expect(try resolver.resolve().server.host == "home")
    }

    @Test func inClusterBracketsIPv6AndRequiresTheCA() throws {
        let environment = ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "6443"]
        let connection = try InClusterConfiguration(serviceAccountDirectory: serviceAccount).connection(environment: environment)
        #expect(connection.server.url(path: "/api") == "https://[fd00::1]:6443/api")
        try FileManager.default.removeItem(atPath: serviceAccount + "/ca.crt")
        #expect {
            try InClusterConfiguration(serviceAccountDirectory: serviceAccount).connection(environment: environment)
        } throws: { error in
            (error as? ConfigurationError)?.file == serviceAccount + "/ca.crt"
        }
    }

    @Test func nothingConfiguredIsAClearError() {
        let resolver = ConnectionResolver(
            environment: [:], inCluster: .init(serviceAccountDirectory: directory.path + "/none"),
            homeDirectory: directory.path + "/nobody")
        #expect {
            try resolver.resolve()
        } throws: { error in
            "\(error)".contains("no cluster configured")
        }
    }

    @Test func kubeconfigVariableNamingNoExistingFileIsAnError() {
        let resolver = ConnectionResolver(environment: ["KUBECONFIG": "/nonexistent/a:/nonexistent/b"])
        #expect(throws: ConfigurationError.self) { try resolver.resolve() }
    }
}
