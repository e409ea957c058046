import Foundation
import JSONCoding
import TestSupport
import Testing

@testable import KubeClient

/// The kubeconfig fields beyond server, CA and credentials: exec plugins, proxies, server names, impersonation.
struct KubeconfigConnectionFieldsTests {
    let directory: TemporaryDirectory

    init() throws { directory = try TemporaryDirectory() }

    func connection(cluster: String = "", user: String) throws -> ClusterConnection {
        let path = try directory.write("kube/config", """
            current-context: x
            clusters:
            - name: c
              cluster:
                server: https://api.example:6443
            \(cluster)
            users:
            - name: u
              user:
            \(user)
            contexts: [{name: x, context: {cluster: c, user: u}}]
            """)
        return try Kubeconfig(paths: [path]).connection()
    }

    func error(cluster: String = "", user: String) -> ConfigurationError? {
        do {
            _ = try connection(cluster: cluster, user: user)
            return nil
        } catch {
            return error as? ConfigurationError
        }
    }

    @Test func anExecSectionIsReadWithItsDefaults() throws {
        let connection = try connection(cluster: """
                tls-server-name: api.internal
                extensions:
                - name: client.authentication.k8s.io/exec
                  extension: {audience: sts.example, retries: 3, fips: true, zones: [a, "1"]}
                - name: other
                  extension: {ignored: true}
            """, user: """
                exec:
                  apiVersion: client.authentication.k8s.io/v1beta1
                  command: bin/get-token
                  args: [--region, eu]
                  env: [{name: REGION, value: eu}]
                  provideClusterInfo: true
                  installHint: install get-token
            """)
        guard case .plugin(let plugin) = connection.credentials else { Issue.record("no plugin"); return }
        #expect(plugin.command == "bin/get-token")
        #expect(plugin.arguments == ["--region", "eu"])
        #expect(plugin.environment.map { "\($0.name)=\($0.value)" } == ["REGION=eu"])
        #expect(plugin.interactiveMode == .ifAvailable)
        #expect(plugin.provideClusterInfo)
        #expect(plugin.installHint == "install get-token")
        #expect(plugin.kubeconfigDirectory == directory.path + "/kube")
        #expect(plugin.cluster?.server == "https://api.example:6443")
        #expect(plugin.cluster?.tlsServerName == "api.internal")
        #expect(plugin.cluster?.config
            == ["audience": "sts.example", "retries": .number("3"), "fips": true, "zones": ["a", "1"]])
        let info = CredentialPluginRunner.execInfo(plugin)
        #expect(info[path: "spec", "cluster", "config", "audience"]?.stringValue == "sts.example")
        #expect(info[path: "spec", "cluster", "tls-server-name"]?.stringValue == "api.internal")
        #expect(info[path: "spec", "interactive"]?.boolValue == false)
        #expect(connection.tlsServerName == "api.internal")
    }

    @Test func aV1PluginNeedsItsInteractiveMode() {
        let problem = error(user: """
                exec: {apiVersion: client.authentication.k8s.io/v1, command: get-token}
            """)
        #expect(problem?.field == "users[u].user.exec.interactiveMode")
        let unknownVersion = error(user: """
                exec: {apiVersion: client.authentication.k8s.io/v1alpha1, command: get-token}
            """)
        #expect(unknownVersion?.field == "users[u].user.exec.apiVersion")
        let authProvider = error(user: "    auth-provider: {name: gcp}")
        #expect(authProvider?.problem.contains("auth-provider") == true)
    }

    @Test func aPluginCommandIsFoundBesideTheKubeconfigOrOnPath() throws {
        for path in ["kube/bin/get-token", "path/get-token"] {
            let written = try directory.write(path, "#!/bin/sh\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: written)
        }
        func plugin(_ command: String) -> CredentialPlugin {
            CredentialPlugin(apiVersion: "client.authentication.k8s.io/v1", command: command, arguments: [],
                environment: [], interactiveMode: .never, provideClusterInfo: false, installHint: nil,
                kubeconfigDirectory: directory.path + "/kube")
        }
        let searchPath = "/nonexistent:\(directory.path)/path"
        #expect(plugin("bin/get-token").executablePath(searchPath: searchPath) == directory.path + "/kube/bin/get-token")
        #expect(plugin("./bin/get-token").executablePath(searchPath: searchPath) != nil)
        #expect(plugin("get-token").executablePath(searchPath: searchPath) == directory.path + "/path/get-token")
        #expect(plugin("get-token").executablePath(searchPath: "/nonexistent") == nil)
        #expect(plugin(directory.path + "/path/get-token").executablePath(searchPath: nil) != nil)
    }

    @Test func proxyURLAndImpersonationAreRead() throws {
        let connection = try connection(cluster: "    proxy-url: socks5://127.0.0.1:1080", user: """
                token: t
                as: alice
                as-uid: "1000"
                as-groups: [developers, auditors]
                as-user-extra: {scopes.example.com/team: [blue, green]}
            """)
        #expect(connection.proxy == ProxySetting(kind: .socks5, host: "127.0.0.1", port: 1080, credentials: nil))
        #expect(connection.impersonation.headers.map { "\($0.name): \($0.value)" } == [
            "Impersonate-User: alice", "Impersonate-Uid: 1000", "Impersonate-Group: developers",
            "Impersonate-Group: auditors", "Impersonate-Extra-scopes.example.com%2Fteam: blue",
            "Impersonate-Extra-scopes.example.com%2Fteam: green",
        ])
        let httpsProxy = error(cluster: "    proxy-url: https://proxy.corp", user: "    token: t")
        #expect(httpsProxy?.field == "clusters[c].cluster.proxy-url")
        #expect(httpsProxy?.problem.contains("https:// proxy") == true)
    }

    @Test func theEnvironmentsProxyAppliesWhenTheKubeconfigNamesNone() throws {
        let path = try directory.write("env/config", """
            current-context: x
            clusters: [{name: c, cluster: {server: "https://api.example:6443"}}]
            users: [{name: u, user: {token: t}}]
            contexts: [{name: x, context: {cluster: c, user: u}}]
            """)
        let resolver = ConnectionResolver(environment: ["HTTPS_PROXY": "proxy.corp:3128"],
            inCluster: InClusterConfiguration(serviceAccountDirectory: directory.path + "/none"))
        let connection = try resolver.resolve(explicitKubeconfig: path)
        #expect(connection.proxy == ProxySetting(kind: .http, host: "proxy.corp", port: 3128, credentials: nil))
        let broken = ConnectionResolver(environment: ["HTTPS_PROXY": "ftp://proxy.corp"],
            inCluster: InClusterConfiguration(serviceAccountDirectory: directory.path + "/none"))
        #expect(throws: ConfigurationError.self) { try broken.resolve(explicitKubeconfig: path) }
    }
}
