import Foundation
import TestSupport
import Testing

@testable import KubeClient

struct KubeconfigTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    @Test func readsTheCurrentContextWithInlineCAAndToken() throws {
        let ca = Data("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n".utf8).base64EncodedString()
        let path = try directory.write("config", """
            apiVersion: v1
            kind: Config
            current-context: admin
            clusters:
            - name: c1
              cluster:
                server: https://api.example:6443
                certificate-authority-data: \(ca)
            users:
            - name: u1
              user:
                token: sekret-token
            contexts:
            - name: admin
              context: {cluster: c1, user: u1, namespace: openshift-etcd}
            """)
        let connection = try Kubeconfig(paths: [path]).connection()
        #expect(connection.server.host == "api.example")
        #expect(connection.server.port == 6443)
        #expect(connection.namespace == "openshift-etcd")
        guard case .certificateAuthority(let pem) = connection.trust else { Issue.record("no CA"); return }
        #expect(String(decoding: pem, as: UTF8.self).contains("BEGIN CERTIFICATE"))
        guard case .bearerToken(let token) = connection.credentials else { Issue.record("no token"); return }
        #expect(token.text == "sekret-token")
        #expect(!"\(connection)".contains("sekret-token"))
    }

    @Test func resolvesRelativeFilesAgainstTheKubeconfigDirectory() throws {
        _ = try directory.write("pki/ca.crt", "CA")
        _ = try directory.write("pki/client.crt", "CERT")
        _ = try directory.write("pki/client.key", "KEY")
        let path = try directory.write("config", """
            current-context: x
            clusters: [{name: c, cluster: {server: "https://[::1]:8443", certificate-authority: pki/ca.crt}}]
            users: [{name: u, user: {client-certificate: pki/client.crt, client-key: pki/client.key}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            """)
        let connection = try Kubeconfig(paths: [path]).connection()
        #expect(connection.server.host == "::1")
        #expect(connection.server.url(path: "/api") == "https://[::1]:8443/api")
        guard case .clientCertificate(let certificate, let key) = connection.credentials else {
            Issue.record("no client certificate"); return
        }
        #expect(certificate == Array("CERT".utf8))
        #expect(key.bytes == Array("KEY".utf8))
    }

    @Test func readsTokenFileAndInsecureFlag() throws {
        let path = try directory.write("config", """
            current-context: x
            clusters: [{name: c, cluster: {server: "https://h", insecure-skip-tls-verify: true}}]
            users: [{name: u, user: {tokenFile: /var/run/token}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            """)
        let connection = try Kubeconfig(paths: [path]).connection()
        guard case .insecureSkipVerify = connection.trust else { Issue.record("expected insecure"); return }
        guard case .bearerTokenFile(let tokenPath) = connection.credentials else { Issue.record("no token file"); return }
        #expect(tokenPath == "/var/run/token")
        #expect(connection.server.port == 443)
    }

    @Test func mergesSeveralFilesFirstDefinitionWins() throws {
        let first = try directory.write("a", """
            current-context: from-a
            contexts: [{name: from-a, context: {cluster: shared, user: ua}}]
            users: [{name: ua, user: {token: token-a}}]
            """)
        let second = try directory.write("b", """
            current-context: from-b
            clusters: [{name: shared, cluster: {server: "https://b.example"}}]
            users: [{name: ua, user: {token: token-b}}]
            """)
        let connection = try Kubeconfig(paths: [first, second]).connection()
        #expect(connection.server.host == "b.example")
        guard case .bearerToken(let token) = connection.credentials else { Issue.record("no token"); return }
        #expect(token.text == "token-a")
    }

    @Test func invalidYAMLNamesTheFile() throws {
        let path = try directory.write("broken", "clusters: [\n  - name: x\n    cluster: {server: ")
        #expect {
            try Kubeconfig(paths: [path])
        } throws: { error in
            let configurationError = error as? ConfigurationError
            return configurationError?.file == path && "\(error)".contains("not valid YAML")
        }
    }

    @Test func missingServerNamesTheFieldAndLine() throws {
        let path = try directory.write("config", """
            current-context: x
            clusters:
            - name: c
              cluster:
                certificate-authority-data: "%%%"
            contexts: [{name: x, context: {cluster: c}}]
            """)
        #expect {
            try Kubeconfig(paths: [path]).connection()
        } throws: { error in
            (error as? ConfigurationError)?.field == "clusters[c].cluster.server"
        }
    }

    @Test func badBase64NamesTheField() throws {
        let path = try directory.write("config", """
            current-context: x
            clusters: [{name: c, cluster: {server: "https://h", certificate-authority-data: "%%%"}}]
            contexts: [{name: x, context: {cluster: c}}]
            """)
        #expect {
            try Kubeconfig(paths: [path]).connection()
        } throws: { error in
            let configurationError = error as? ConfigurationError
            return configurationError?.field == "clusters[c].cluster.certificate-authority-data"
                && configurationError?.problem.contains("base64") == true
        }
    }

    @Test func undefinedContextAndAPluginWithoutAnAPIVersionAreClearErrors() throws {
        let path = try directory.write("config", """
            current-context: missing
            clusters: [{name: c, cluster: {server: "https://h"}}]
            users: [{name: u, user: {exec: {command: aws}}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            """)
        let config = try Kubeconfig(paths: [path])
        #expect(throws: ConfigurationError.self) { try config.connection() }
        #expect {
            try config.connection(context: "x")
        } throws: { error in
            (error as? ConfigurationError)?.field == "users[u].user.exec.apiVersion"
        }
    }

    @Test func unreadableFileNamesIt() {
        let path = directory.path + "/does-not-exist"
        #expect {
            try Kubeconfig(paths: [path])
        } throws: { error in
            (error as? ConfigurationError)?.file == path
        }
    }

    @Test func aFileThatNeverEndsIsRefusedAfterTheLimit() {
        let error = #expect(throws: ConfigurationError.self) { try Kubeconfig(paths: ["/dev/zero"]) }
        #expect(error?.problem.contains("larger than \(KubeconfigLimits.maximumFileBytes) bytes") == true, "\(String(describing: error))")
    }

    @Test(arguments: [KubeconfigLimits.maximumDepth + 1, 200_000])
    func hostileNestingIsAClearError(_ depth: Int) {
        let text = "clusters: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n"
        let error = #expect(throws: ConfigurationError.self) { try Kubeconfig(text: text, path: "nested") }
        // Ours past 64 levels; libyaml's own ("Maximum nesting level reached") past 1,000, before any node is built.
        #expect(error?.problem.contains("nest deeper than \(KubeconfigLimits.maximumDepth) levels") == true
            || error?.problem.contains("Maximum nesting level reached") == true, "\(String(describing: error))")
    }
}
