import CollectorTestSupport
import Foundation
import KubeClient
import TestSupport
import Testing

@testable import FakeCluster
@testable import GatherKit
@testable import PodExec

/// The `exec` and `copy` kinds: read from a collector list, run by the runner against the synthetic cluster, whose
/// pods answer what the stock scripts run in them.
@Suite(.serialized)
struct ExecAndCopyKindTests {
    static let kinds = CollectorKindRegistry([ExecKind.self, CopyKind.self])

    /// Runs the entries of `spec` against `data`.
    static func run(_ spec: String, data: ClusterData = SyntheticCluster.build(.demo)) async throws -> FakeClusterRun {
        let entries = try CollectorSpec.parse(spec, file: "test.yaml", kinds: kinds).entries
        return try await FakeClusterRun.run(data) { client in
            var services = CollectorServices()
            services.provide(client)
            return try entries.map { try $0.kind.makeCollector(for: $0, using: services) }
        }
    }

    static func contents(_ data: ClusterData, namespace: String) -> [(pod: String, contents: PodContents)] {
        data.podContents.filter { $0.key.namespace == namespace }.map { ($0.key.pod, $0.value) }.sorted { $0.pod < $1.pod }
    }

    @Test func execWritesEachPodsAnswerWhereTheTemplateSays() async throws {
        let data = SyntheticCluster.build(.demo)
        let run = try await Self.run("""
            collectors:
              - name: etcd-members
                kind: exec
                namespace: openshift-etcd
                selector: app=etcd
                container: etcdctl
                command: [etcdctl, member, list, -w, json]
                output: etcd_info/member_list.json
              - name: prometheus-runtime
                kind: exec
                namespace: openshift-monitoring
                selector: prometheus=k8s
                pods: each
                container: prometheus
                command: [curl, -sG, "http://localhost:9090/api/v1/status/runtimeinfo"]
                output: monitoring/prometheus/{pod}/status/runtimeinfo.json
            """, data: data)
        #expect(run.summary.collectors.map(\.status) == [.succeeded, .succeeded], "\(run.summary.collectors)")
        let etcd = Self.contents(data, namespace: "openshift-etcd")
        let members = try Data(contentsOf: URL(fileURLWithPath: run.root + "/etcd_info/member_list.json"))
        #expect(Array(members) == etcd.first?.contents.answers[["etcdctl", "member", "list", "-w", "json"]])
        let prometheus = Self.contents(data, namespace: "openshift-monitoring").filter { $0.pod.hasPrefix("prometheus") }
        #expect(prometheus.count == 2)
        for (pod, contents) in prometheus {
            let written = try Data(contentsOf: URL(fileURLWithPath: run.root
                + "/monitoring/prometheus/\(pod)/status/runtimeinfo.json"))
            #expect(Array(written) == contents.answers[["curl", "-sG", "http://localhost:9090/api/v1/status/runtimeinfo"]])
        }
        #expect(run.summary.collectors[1].files == 2)
    }

    @Test func aFailingCommandIsAProblemForEachPodWithItsStandardErrorKept() async throws {
        let run = try await Self.run("""
            collectors:
              - name: missing-tool
                kind: exec
                namespace: openshift-monitoring
                selector: alertmanager=main
                pods: each
                container: alertmanager
                command: [amtool, check-config]
                output: "monitoring/alertmanager/{pod}.txt"
              - name: absent-operator
                kind: exec
                namespace: openshift-metallb
                selector: app=metallb
                container: controller
                command: [true]
                output: metallb/out.txt
            """)
        let failing = run.summary.collectors[0]
        #expect(failing.status == .partial)
        let pods = RegularFiles.list(under: run.root + "/monitoring/alertmanager").filter { !$0.hasSuffix(".stderr") }
        #expect(!pods.isEmpty && failing.problems.count == pods.count, "\(failing.problems)")
        #expect(failing.problems.allSatisfy { $0.message.contains("exited with 127") && $0.subject.hasPrefix("pod/") })
        for pod in pods {
            let stderr = try String(contentsOfFile: run.root + "/monitoring/alertmanager/\(pod).stderr", encoding: .utf8)
            #expect(stderr.contains("amtool"), "\(stderr)")
        }
        let absent = run.summary.collectors[1]
        #expect(absent.status == .succeeded && absent.files == 0)
        #expect(absent.notes == ["no running pods app=metallb in openshift-metallb, nothing to run"])
    }

    @Test func copyBringsEachRoutersConfigAndTheInsightsFolder() async throws {
        let data = SyntheticCluster.build(.demo)
        let run = try await Self.run("""
            collectors:
              - name: haproxy-config
                kind: copy
                namespace: openshift-ingress
                selector: ingresscontroller.operator.openshift.io/deployment-ingresscontroller=default
                pods: each
                container: router
                path: /var/lib/haproxy/conf/haproxy.config
                output: "ingress_controllers/{label:ingresscontroller.operator.openshift.io/deployment-ingresscontroller}/{pod}/haproxy.config"
              - name: insights
                kind: copy
                namespace: openshift-insights
                selector: app=insights-operator
                container: insights-operator
                path: /var/lib/insights-operator
                output: insights-data
            """, data: data)
        #expect(run.summary.collectors.map(\.status) == [.succeeded, .succeeded], "\(run.summary.collectors)")
        let routers = Self.contents(data, namespace: "openshift-ingress")
        #expect(!routers.isEmpty)
        for (pod, contents) in routers {
            let written = try Data(contentsOf: URL(fileURLWithPath: run.root
                + "/ingress_controllers/default/\(pod)/haproxy.config"))
            #expect(Array(written) == contents.files["/var/lib/haproxy/conf/haproxy.config"])
        }
        let insights = try #require(Self.contents(data, namespace: "openshift-insights").first)
        for (path, bytes) in insights.contents.files {
            let relative = path.replacingOccurrences(of: "/var/lib/insights-operator/", with: "")
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: run.root + "/insights-data/" + relative))) == bytes)
        }
        #expect(run.summary.collectors[0].files == routers.count)
    }

    @Test(arguments: [
        ("kind: exec\n    namespace: a\n    pod: p\n    selector: x=y\n    container: c\n    command: [true]\n    output: o",
            "choose the pods with `pod` or `selector`"),
        ("kind: exec\n    namespace: a\n    pod: p\n    container: c\n    command: [true]\n    output: o/{host}",
            "unknown placeholder `{host}`"),
        ("kind: exec\n    namespace: a\n    pod: p\n    container: c\n    command: [true]\n    commands: {o: [true]}",
            "`commands` replaces `command` and `output`"),
        ("kind: exec\n    namespace: a\n    pod: p\n    container: c\n    commands: {\"o/{host}\": [true]}",
            "unknown placeholder `{host}`"),
        ("kind: copy\n    namespace: a\n    pod: p\n    container: c\n    path: /x\n    output: o\n    nodeAnnotation: k",
            "`nodeAnnotation` must be KEY=VALUE"),
        ("kind: exec\n    namespace: a\n    pod: p\n    container: c\n    command: [true]\n    output: ../o", "without empty"),
        ("kind: exec\n    namespace: a\n    pod: p\n    pods: all\n    container: c\n    command: [true]\n    output: o",
            "`pods` is `first` or `each`"),
        ("kind: copy\n    namespace: a\n    pod: p\n    container: c\n    path: etc/x\n    output: o", "must be an absolute path"),
        ("kind: copy\n    namespace: a\n    pod: p\n    container: c\n    path: /etc/x\n    command: [ls]\n    output: o",
            "field `command` does not belong to kind `copy`"),
    ])
    func aWrongEntryIsRefusedWithTheReason(_ body: String, _ problem: String) {
        #expect {
            try CollectorSpec.parse("collectors:\n  - name: x\n    \(body)\n", file: "bad.yaml", kinds: Self.kinds)
        } throws: { error in
            (error as? SpecError)?.problem.contains(problem) == true
        }
    }

    @Test func labelValuesAndPodNamesCannotAddFoldersOrClimb() throws {
        let template = try #require((try CollectorSpec.parse("""
            collectors:
              - {name: x, kind: exec, namespace: a, pod: p, container: c, command: [true], output: "out/{label:k}/{pod}.txt"}
            """, file: "t.yaml", kinds: Self.kinds).entries.first?.kind as? ExecKind)?.runs.first?.output)
        let components = template.components(pod: .init(name: "../../etc", labels: ["k": "a/b"]), namespace: "n")
        #expect(components == ["out", "a/b", "../../etc.txt"])
    }
}
