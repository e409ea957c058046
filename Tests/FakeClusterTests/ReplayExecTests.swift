import FakeCluster
import Foundation
import TestSupport
import Testing

/// The replayed cluster answers over exec what the original gather collected over exec.
extension ReplayTests {
    @Test func kubectlExecAndCpReadWhatTheGatherCollected() async throws {
        let result = try await Replay.shared.get()
        let directory = try TemporaryDirectory()
        let server = try await FakeAPIServer.start(data: result.data)
        try server.writeKubeconfig(to: directory.path + "/kubeconfig")
        let environment = ["HOME": directory.path, "KUBECONFIG": directory.path + "/kubeconfig", "PATH": "/usr/bin:/bin"]
        func kubectl(_ arguments: String...) async throws -> String {
            let output = try await ProcessRunner.run("/usr/lib/google-cloud-sdk/bin/kubectl.1.33", arguments,
                environment: environment)
            #expect(output.status == 0, "kubectl \(arguments): \(output.standardError)")
            return output.standardOutput
        }
        let root = result.root
        let etcdPod = "etcd-ip-10-0-187-218.ec2.internal"
        let members = try await kubectl("exec", "-n", "openshift-etcd", etcdPod, "-c", "etcdctl", "--",
            "etcdctl", "member", "list", "-w", "json")
        #expect(Array(members.utf8) == Array(try Data(contentsOf: URL(fileURLWithPath: root + "/etcd_info/member_list.json"))))
        let router = "router-default-6dd4c95495-7dqkw"
        _ = try await kubectl("cp", "openshift-ingress/\(router):/var/lib/haproxy/conf/haproxy.config",
            directory.path + "/haproxy.config")
        #expect(FileManager.default.contents(atPath: directory.path + "/haproxy.config")
            == FileManager.default.contents(atPath: root + "/ingress_controllers/default/\(router)/haproxy.config"))
        await server.stop()
    }
}
