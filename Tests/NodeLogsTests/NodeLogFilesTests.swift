import CollectorTestSupport
@testable import FakeCluster
import Foundation
@testable import GatherKit
import KubeClient
@testable import NodeLogs
import TestSupport
import Testing

/// `kind: nodeLogFiles` against Windows workers of the fake cluster: a node that fails loses its part of a file only.
@Suite(.serialized)
struct NodeLogFilesTests {
    static let kind = NodeLogFilesKind(paths: [["kubelet", "kubelet.log"], ["kube-proxy", "kube-proxy.log"]],
        nodes: .selector("kubernetes.io/os=windows"), output: ["host_service_logs", "windows", "log_files"])

    static func windowsCluster() -> ClusterData {
        var spec = SyntheticSpec()
        spec.windowsNodes = 2
        return SyntheticCluster.build(spec)
    }

    @Test func aNodeThatFailsLeavesTheOtherNodesLinesAndAProblem() async throws {
        let failing = Fault("/api/v1/nodes/windows-1/proxy/logs/kubelet/kubelet.log", .serverError(status: 500, share: 1))
        let (directory, summary) = try await NodeLogsTests.run(Self.windowsCluster(), faults: [failing]) { client in
            [NodeLogFilesCollector(entry: CollectorEntry(name: "windows-node-logs", kind: Self.kind),
                parameters: Self.kind, client: client)]
        }
        let collector = try #require(summary.collectors.first)
        #expect(collector.status == .partial)
        #expect(collector.problems.map(\.subject) == ["node/windows-1 kubelet/kubelet.log"], "\(collector.problems)")
        let folder = directory.path + "/host_service_logs/windows/log_files"
        let kubelet = try String(contentsOfFile: folder + "/kubelet/kubelet.log", encoding: .utf8)
        #expect(!kubelet.isEmpty && kubelet.split(separator: "\n").allSatisfy { $0.hasPrefix("windows-0 ") })
        #expect(kubelet.hasSuffix("\n"), "a last line without a newline gets one")
        let proxy = try String(contentsOfFile: folder + "/kube-proxy/kube-proxy.log", encoding: .utf8)
        #expect(Set(proxy.split(separator: "\n").map { $0.prefix { $0 != " " } }) == ["windows-0", "windows-1"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["kube-proxy", "kubelet"],
            "no pieces are left")
    }

    @Test(arguments: [
        ("output: host_service_logs/windows\n    paths: [../etc/passwd]", "must be a relative path of plain names"),
        ("output: /tmp/x\n    paths: [kubelet/kubelet.log]", "must be a relative path of plain names"),
        ("paths: [kubelet/kubelet.log]", "`output` is required"),
    ])
    func aWrongEntryIsRefusedWithTheReason(_ body: String, _ problem: String) {
        #expect {
            try CollectorSpec.parse("collectors:\n  - name: x\n    kind: nodeLogFiles\n    selector: a=b\n    \(body)\n",
                file: "bad.yaml", kinds: CollectorKindRegistry([NodeLogFilesKind.self]))
        } throws: { error in
            (error as? SpecError)?.problem.contains(problem) == true
        }
    }
}
