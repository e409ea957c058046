@testable import FakeCluster
import Foundation
import TestSupport
import Testing

/// The replayed cluster answers over exec what the original gather collected over exec.
extension ReplayTests {
    @Test func kubectlExecAndCpReadWhatTheGatherCollected() async throws {
        try await withReplayedKubectl(version: "1.33") { result, directory, kubectl in
            let root = result.root
            let members = try await kubectl("exec", "-n", "openshift-etcd", "etcd-ip-10-0-187-218.ec2.internal",
                "-c", "etcdctl", "--", "etcdctl", "member", "list", "-w", "json")
            #expect(Array(members.utf8)
                == Array(try Data(contentsOf: URL(fileURLWithPath: root + "/etcd_info/member_list.json"))))
            let router = "router-default-6dd4c95495-7dqkw"
            _ = try await kubectl("cp", "openshift-ingress/\(router):/var/lib/haproxy/conf/haproxy.config",
                directory + "/haproxy.config")
            #expect(FileManager.default.contents(atPath: directory + "/haproxy.config")
                == FileManager.default.contents(atPath: root + "/ingress_controllers/default/\(router)/haproxy.config"))
        }
    }
}
