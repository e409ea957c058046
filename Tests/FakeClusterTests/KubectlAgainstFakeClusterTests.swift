@testable import FakeCluster
import Foundation
import JSONCoding
@testable import KubeClient
import TestSupport
import Testing

/// A real client, pinned kubectl binaries, against the synthetic cluster: it must not tell the difference.
@Suite(.serialized)
struct KubectlAgainstFakeClusterTests {
    static let kubectlVersions = ["1.27", "1.31", "1.33"]

    /// Starts the demo cluster, writes a kubeconfig, and runs `body` with a kubectl runner.
    func withKubectl(version: String = "1.31", _ body: (FakeAPIServer, (String...) async throws -> String) async throws -> Void)
        async throws
    {
        try await withKubectlRunner(version: version) { server, kubectl in
            try await body(server) { (arguments: String...) in try await kubectl(arguments) }
        }
    }

    /// ``withKubectl(version:_:)`` with the arguments as an array.
    func withKubectlRunner(version: String = "1.31",
        _ body: (FakeAPIServer, @escaping @Sendable ([String]) async throws -> String) async throws -> Void)
        async throws
    {
        let directory = try TemporaryDirectory()
        let server = try await FakeAPIServer.start(data: SyntheticCluster.build(.demo))
        try server.writeKubeconfig(to: directory.path + "/kubeconfig")
        let kubectl = "/usr/lib/google-cloud-sdk/bin/kubectl.\(version)"
        #expect(FileManager.default.isExecutableFile(atPath: kubectl), "\(kubectl) is missing on this machine")
        do {
            try await body(server) { (arguments: [String]) in
                let result = try await ProcessRunner.run(kubectl, arguments,
                    environment: ["HOME": directory.path, "KUBECONFIG": directory.path + "/kubeconfig", "PATH": "/usr/bin:/bin"])
                #expect(result.status == 0, "kubectl \(arguments) failed: \(result.standardError)")
                return result.standardOutput
            }
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    func names(_ data: ClusterData, group: String = "", _ plural: String) -> [String] {
        (data.table(group: group, name: plural)?.objects ?? []).map { $0.name }
    }

    @Test(arguments: kubectlVersions)
    func getListsWhatTheClusterHolds(_ version: String) async throws {
        try await withKubectl(version: version) { server, kubectl in
            let pods = try await kubectl("get", "pods", "-A", "-o", "jsonpath={range .items[*]}{.metadata.namespace}/{.metadata.name}{\"\\n\"}{end}")
            let expectedPods = server.data.table(group: "", name: "pods")!.objects.map { "\($0.namespace!)/\($0.name)" }
            #expect(pods.split(separator: "\n").map(String.init).sorted() == expectedPods.sorted())
            let nodes = try await kubectl("get", "nodes", "-o", "name")
            #expect(nodes.split(separator: "\n").map(String.init) == names(server.data, "nodes").map { "node/\($0)" })
            let operators = try await kubectl("get", "clusteroperators", "-o", "name")
            #expect(operators.split(separator: "\n").count == names(server.data, group: "config.openshift.io", "clusteroperators").count)
            let short = try await kubectl("get", "co", "etcd", "-o", "jsonpath={.status.relatedObjects[0].name}")
            let etcd = server.data.table(group: "config.openshift.io", name: "clusteroperators")?.object(named: "etcd", in: nil)
            #expect(short == etcd?.value[path: "status", "relatedObjects"]?.arrayValue?.first?["name"]?.stringValue)
            #expect(!short.isEmpty)
        }
    }

    @Test func logsAndPreviousLogsMatchTheData() async throws {
        try await withKubectl { server, kubectl in
            let restarted = server.data.podLogs.keys.first { $0.previous }!
            let current = try await kubectl("logs", "-n", restarted.namespace, restarted.pod, "-c", restarted.container)
            let lines = server.data.podLogs[.init(namespace: restarted.namespace, pod: restarted.pod,
                container: restarted.container, previous: false)]!
            #expect(current.split(separator: "\n").count == lines.count)
            #expect(current.split(separator: "\n").first.map(String.init) == String(lines.line(at: 0).text))
            let previous = try await kubectl("logs", "-p", "-n", restarted.namespace, restarted.pod, "-c", restarted.container)
            let previousLines = server.data.podLogs[restarted]!
            #expect(previous.split(separator: "\n").last.map(String.init) == String(previousLines.line(at: previousLines.count - 1).text))
            let tail = try await kubectl("logs", "--tail=3", "--timestamps", "-n", restarted.namespace, restarted.pod,
                "-c", restarted.container)
            let tailLines = tail.split(separator: "\n")
            #expect(tailLines.count == 3)
            #expect(tailLines.last.map(String.init)
                == RFC3339.format(lines.line(at: lines.count - 1).time) + " " + lines.line(at: lines.count - 1).text)
        }
    }

    @Test func nodeProxyJournalAndFilesAnswerGetRaw() async throws {
        try await withKubectl { server, kubectl in
            let journal = try await kubectl("get", "--raw", "/api/v1/nodes/master-0/proxy/logs/journal?unit=kubelet&query=kubelet&since=-7d")
            let expected = server.data.journals[.init(node: "master-0", unit: "kubelet")]!
            #expect(journal.split(separator: "\n").count == expected.count)
            #expect(journal.split(separator: "\n").first.map(String.init) == String(expected.line(at: 0).text))
            let listing = try await kubectl("get", "--raw", "/api/v1/nodes/master-0/proxy/logs/kube-apiserver/")
            #expect(listing.contains("<a href=\"audit.log\">audit.log</a>"))
            let audit = try await kubectl("get", "--raw", "/api/v1/nodes/master-0/proxy/logs/kube-apiserver/audit.log")
            #expect(audit.hasPrefix("{\"kind\":\"Event\","))
        }
    }
}
