@testable import FakeCluster
import Foundation
@testable import KubeClient
import TestSupport
import Testing

/// kubectl 1.31 and 1.33 speak exec over WebSocket (v5 first): `kubectl exec` and `kubectl cp` (tar over exec)
/// must take the fake cluster's answers as a real API server's.
extension KubectlAgainstFakeClusterTests {
    static let execVersions = ["1.31", "1.33"]

    @Test(arguments: execVersions)
    func kubectlExecRunsEtcdctlOverWebSocket(_ version: String) async throws {
        try await withKubectlRunner(version: version) { server, kubectl in
            let command = ["etcdctl", "member", "list", "-w", "json"]
            let output = try await kubectl(["exec", "-n", "openshift-etcd", "etcd-master-0", "-c", "etcdctl", "--"] + command)
            let model = server.data.podContents[.init(namespace: "openshift-etcd", pod: "etcd-master-0")]!
            #expect(Array(output.utf8) == model.answers[command]!)
            // Over WebSocket, not a fallback to SPDY. The server records the exec once its close handshake is over,
            // which may be a moment after kubectl has printed and left.
            var upgraded = false
            for _ in 0..<100 where !upgraded {
                upgraded = server.requestLog.all.contains { $0.target.contains("/exec?") && $0.status == 101 }
                if !upgraded { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(upgraded)
        }
    }

    @Test(arguments: execVersions)
    func kubectlExecReportsExitStatusAndStderr(_ version: String) async throws {
        let directory = try TemporaryDirectory()
        let server = try await FakeAPIServer.start(data: SyntheticCluster.build(.demo))
        try server.writeKubeconfig(to: directory.path + "/kubeconfig")
        let result = try await ProcessRunner.run("/usr/lib/google-cloud-sdk/bin/kubectl.\(version)",
            ["exec", "-n", "openshift-etcd", "etcd-master-1", "-c", "etcd", "--", "cat", "/etc/missing"],
            environment: ["HOME": directory.path, "KUBECONFIG": directory.path + "/kubeconfig", "PATH": "/usr/bin:/bin"])
        await server.stop()
        #expect(result.status == 1, "stderr: \(result.standardError)")
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("cat: /etc/missing: No such file or directory"))
    }

    @Test(arguments: execVersions)
    func kubectlCpCopiesFilesOutOfPods(_ version: String) async throws {
        let destination = try TemporaryDirectory()
        try await withKubectlRunner(version: version) { server, kubectl in
            let router = server.data.podContents.keys.first { $0.namespace == "openshift-ingress" }!
            let config = "/var/lib/haproxy/conf/haproxy.config"
            _ = try await kubectl(["cp", "-c", "router", "openshift-ingress/\(router.pod):\(config)",
                destination.path + "/haproxy.config"])
            let copied = FileManager.default.contents(atPath: destination.path + "/haproxy.config").map { Array($0) }
            #expect(copied == server.data.podContents[router]!.files[config])

            let insights = server.data.podContents.keys.first { $0.namespace == "openshift-insights" }!
            _ = try await kubectl(["cp", "openshift-insights/\(insights.pod):/var/lib/insights-operator",
                destination.path + "/insights-data"])
            for (path, bytes) in server.data.podContents[insights]!.files {
                let local = destination.path + "/insights-data/" + (path as NSString).lastPathComponent
                #expect(FileManager.default.contents(atPath: local).map { Array($0) } == bytes, "\(local)")
            }
        }
    }
}
