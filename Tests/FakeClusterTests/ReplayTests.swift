@testable import FakeCluster
import Foundation
@testable import KubeClient
import TestSupport
import Testing

/// The real must-gather, replayed: kubectl must read back what oc wrote.
@Suite(.serialized)
struct ReplayTests {
    /// The replay, loaded once for the suite (it takes seconds) and off the cooperative pool.
    actor Replay {
        static let shared = Replay()
        private var loaded: ReplayedCluster.Result?

        func get() async throws -> ReplayedCluster.Result {
            if let loaded { return loaded }
            let directory = try await RealMustGather.directory()
            let result = try await offThePool { try ReplayedCluster.load(directory: directory) }
            loaded = result
            return result
        }
    }

    @Test func loadsTheRealTreeWithoutWarnings() async throws {
        let result = try await Replay.shared.get()
        #expect(result.warnings.isEmpty, "\(result.warnings.prefix(5))")
        let data = result.data
        #expect(data.table(group: "", name: "pods")?.objects.count == 239)
        #expect(data.table(group: "", name: "nodes")?.objects.count == 6)
        // SOURCE.md says 32; the tree holds 31 (clusteroperators.yaml and the clusteroperators/ folder agree).
        #expect(data.table(group: "config.openshift.io", name: "clusteroperators")?.objects.count == 31)
        #expect(data.table(group: "", name: "namespaces")?.objects.count == 56)
        #expect(data.journals.keys.filter { $0.unit == "kubelet" }.count == 3)
    }

    /// Serves the replay and runs `body` with it and a runner of kubectl `version` (HOME in a temporary folder).
    func withReplayedKubectl(version: String,
        _ body: (ReplayedCluster.Result, String, (String...) async throws -> String) async throws -> Void) async throws
    {
        let result = try await Replay.shared.get()
        let directory = try TemporaryDirectory()
        let server = try await FakeAPIServer.start(data: result.data)
        try server.writeKubeconfig(to: directory.path + "/kubeconfig")
        let environment = ["HOME": directory.path, "KUBECONFIG": directory.path + "/kubeconfig", "PATH": "/usr/bin:/bin"]
        do {
            try await body(result, directory.path) { (arguments: String...) in
                let output = try await ProcessRunner.run("/usr/lib/google-cloud-sdk/bin/kubectl.\(version)", arguments,
                    environment: environment)
                #expect(output.status == 0, "kubectl \(arguments): \(output.standardError)")
                return output.standardOutput
            }
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    @Test func kubectlReadsTheReplayedCluster() async throws {
        try await withReplayedKubectl(version: "1.30") { result, _, kubectl in
            let pods = try await kubectl("get", "pods", "-A", "-o", "name")
            #expect(pods.split(separator: "\n").count == 239)
            let nodes = try await kubectl("get", "nodes", "-o", "name")
            #expect(nodes.split(separator: "\n").count == 6)
            let operators = try await kubectl("get", "clusteroperators", "-o", "name")
            #expect(operators.contains("clusteroperator.config.openshift.io/etcd"))

            let root = result.root
            let pod = "etcd-ip-10-0-187-218.ec2.internal"
            let original = try String(contentsOfFile: "\(root)/namespaces/openshift-etcd/pods/\(pod)/etcd/etcd/logs/current.log",
                encoding: .utf8)
            let served = try await kubectl("logs", "-n", "openshift-etcd", pod, "-c", "etcd", "--timestamps")
            #expect(served == original)

            let withPrevious = result.data.podLogs.keys.first { $0.previous }!
            let previousOriginal = try String(contentsOfFile: "\(root)/namespaces/\(withPrevious.namespace)/pods/\(withPrevious.pod)/\(withPrevious.container)/\(withPrevious.container)/logs/previous.log",
                encoding: .utf8)
            let previous = try await kubectl("logs", "-p", "--timestamps", "-n", withPrevious.namespace, withPrevious.pod,
                "-c", withPrevious.container)
            #expect(previous == previousOriginal)

            let master = result.data.journals.keys.first { $0.unit == "crio" }!.node
            let journal = try await kubectl("get", "--raw",
                "/api/v1/nodes/\(master)/proxy/logs/journal?unit=crio&query=crio&since=-7d")
            let originalLines = try String(contentsOfFile: "\(root)/host_service_logs/masters/crio_service.log", encoding: .utf8)
                .split(separator: "\n")
            let host = String(master.prefix { $0 != "." })
            let fromThisNode = originalLines.filter { $0.split(separator: " ", maxSplits: 4).dropFirst(3).first.map(String.init) == host }
            let servedLines = journal.split(separator: "\n").filter { !$0.hasPrefix("-- ") }
            #expect(servedLines == fromThisNode)
        }
    }
}
