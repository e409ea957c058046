import CollectorTestSupport
@testable import FakeCluster
import Foundation
@testable import GatherKit
@testable import Inspect
import JSONCoding
import KubeClient
import TestSupport
import Testing
import YAMLCoding

/// The built-in list's entries for the stock image's helper scripts (OLM, priority and fairness, etcd, monitoring,
/// haproxy, insights, kube-apiserver startup logs, network counts, the add-ons), run whole against the synthetic
/// OpenShift cluster, which models what each reads.
@Suite(.serialized)
struct StockParityTests {
    /// The default list against the synthetic OpenShift cluster, run once for the suite.
    actor Gathering {
        static let shared = Gathering()
        private var result: (ClusterData, FakeClusterRun)?

        func get() async throws -> (ClusterData, FakeClusterRun) {
            if let result { return result }
            let data = InspectSyntheticClusterTests.cluster(.openshift)
            let run = try await InspectHarness.runDefaultList(data)
            result = (data, run)
            return (data, run)
        }
    }

    /// The entries whose add-on the synthetic cluster does not have: each ends not applicable, with the reason.
    static let absentAddOns = ["olm-v1", "ovn-kubernetes", "frr-k8s", "nmstate", "nfd", "sriov", "vsphere",
        "update-service", "istio", "aro", "ovn-northbound-databases", "ovn-southbound-databases", "windows-node-logs"]

    @Test func everyStockEntryGathersOrIsSkippedWithItsReason() async throws {
        let (_, run) = try await Gathering.shared.get()
        for collector in run.summary.collectors {
            if Self.absentAddOns.contains(collector.name) {
                #expect(collector.status == .notApplicable, "\(collector.name): \(collector.status)")
                #expect(collector.reason?.contains("skipped") == true, "\(collector.name): \(collector.reason ?? "")")
            } else {
                #expect(collector.status == .succeeded,
                    "\(collector.name): \(collector.status) \(collector.reason ?? "") \(collector.problems.prefix(3))")
            }
        }
        #expect(Set(run.summary.collectors.map(\.name)).isSuperset(of: Self.absentAddOns))
    }

    @Test func etcdMonitoringRoutersAndInsightsComeFromThePods() async throws {
        let (data, run) = try await Gathering.shared.get()
        let etcd = try #require(data.podContents.first { $0.key.namespace == "openshift-etcd" }?.value)
        for (file, arguments) in [("member_list", ["member", "list"]), ("endpoint_status", ["endpoint", "status"]),
            ("endpoint_health", ["endpoint", "health"]), ("alarm_list", ["alarm", "list"])]
        {
            #expect(try run.bytes("etcd_info/\(file).json") == etcd.answers[["etcdctl"] + arguments + ["-w", "json"]])
        }
        let prometheus = data.podContents.filter { $0.key.pod.hasPrefix("prometheus-k8s") }.sorted { $0.key.pod < $1.key.pod }
        #expect(prometheus.count == 2)
        for (key, contents) in prometheus {
            let answer = contents.answers[["curl", "-sG", "http://localhost:9090/api/v1/status/tsdb"]]
            #expect(try run.bytes("monitoring/prometheus/\(key.pod)/status/tsdb.json") == answer)
        }
        for file in ["alertmanagers", "rules", "status/config", "status/flags"] {
            #expect(try run.bytes("monitoring/prometheus/\(file).json").count > 20, "\(file)")
        }
        #expect(try run.yaml("monitoring/alertmanager/status.json")?["cluster"]?["status"] == "ready")
        let routers = data.podContents.filter { $0.key.namespace == "openshift-ingress" }
        #expect(!routers.isEmpty)
        for (key, contents) in routers {
            #expect(try run.bytes("ingress_controllers/default/\(key.pod)/haproxy.config")
                == contents.files["/var/lib/haproxy/conf/haproxy.config"])
        }
        #expect(run.files().contains { $0.hasPrefix("insights-data/") && $0.hasSuffix(".tar.gz") })
    }

    @Test func priorityAndFairnessDumpsLieUnderEachKubeAPIServerPod() async throws {
        let (data, run) = try await Gathering.shared.get()
        let pods = try #require(data.table(group: "", name: "pods")?.objects(in: "openshift-kube-apiserver",
            matching: LabelSelector(parsing: "apiserver")!)).map(\.name)
        #expect(pods.count == 3)
        for pod in pods {
            let folder = "namespaces/openshift-kube-apiserver/pods/\(pod)/kube-apiserver/kube-apiserver/"
                + "api_priority_and_fairness/"
            for (file, endpoint) in [("priority_levels", "dump_priority_levels"), ("queues", "dump_queues"),
                ("requests", "dump_requests")]
            {
                #expect(try run.bytes(folder + file) == data.debugDocuments["/debug/api_priority_and_fairness/" + endpoint])
            }
        }
    }

    @Test func olmObjectsOfEveryNamespaceAndTheInstalledAddOn() async throws {
        let (_, run) = try await Gathering.shared.get()
        let files = Set(run.files())
        for path in ["namespaces/openshift-marketplace/operators.coreos.com/catalogsources/redhat-operators.yaml",
            "namespaces/openshift-operators/operators.coreos.com/operatorgroups/global-operators.yaml",
            "namespaces/openshift-operator-lifecycle-manager/operators.coreos.com/clusterserviceversions/packageserver.yaml",
            "namespaces/metallb-system/operators.coreos.com/subscriptions/metallb-operator-sub.yaml",
            "namespaces/metallb-system/operators.coreos.com/installplans/install-7x2kq.yaml",
            "cluster-scoped-resources/operators.coreos.com/operators/metallb-operator.metallb-system.yaml",
            // The MetalLB entry, with the namespace its Subscription names.
            "namespaces/metallb-system/metallb-system.yaml",
            "namespaces/metallb-system/metallb.io/metallbs/metallb.yaml",
            "namespaces/metallb-system/metallb.io/ipaddresspools/default-pool.yaml"]
        {
            #expect(files.contains(path), "\(path)")
        }
    }

    @Test func countsStartupLogsAndConnectivityChecks() async throws {
        let (data, run) = try await Gathering.shared.get()
        let pods = data.table(group: "", name: "pods")?.objects.count ?? 0
        let services = data.table(group: "", name: "services")?.objects.count ?? 0
        let scale = String(decoding: try run.bytes("network_logs/cluster_scale"), as: UTF8.self)
        #expect(scale.contains("services amount: \(services)\n") && scale.contains("pods amount: \(pods)\n"), "\(scale)")
        #expect(try run.bytes("virt_info/crd/virtualmachines.kubevirt.io.count") == Array("0\n".utf8))
        let startup = run.files().filter { $0.hasPrefix("static-pods/kube-apiserver/") }.sorted()
        #expect(startup == ["master-0-startup.log.gz", "master-0-termination.log.gz", "master-1-startup.log.gz",
            "master-1-termination.log.gz", "master-2-startup.log.gz", "master-2-termination.log.gz"]
            .map { "static-pods/kube-apiserver/" + $0 })
    }

    /// The machine-config daemons' files: the logs kept from before a restart, from every node that has them, and the
    /// on-disk config of the nodes annotated Degraded only.
    @Test func machineConfigFilesComeFromTheDaemonOfEachNode() async throws {
        let (_, run) = try await Gathering.shared.get()
        let files = run.files().filter { $0.hasPrefix("machine_config_") }.sorted()
        #expect(files == ["machine_config_ondisk/worker-0/bootstrapconfigdiff",
            "machine_config_ondisk/worker-0/mcs-machine-config-content.json",
            "machine_config_termination_logs/master-0/machine-config-daemon.log"])
        let (data, _) = try await Gathering.shared.get()
        let nodes = data.table(group: "", name: "nodes")?.objects.count ?? 0
        let termination = try #require(run.summary.collectors.first { $0.name == "machine-config-termination-logs" })
        #expect(nodes > 3 && termination.notes.count == nodes - 1, "\(termination.notes)")
        #expect(termination.notes.allSatisfy { $0.hasSuffix("has no /rootfs/etc/machine-config-daemon/previous-logs") })
    }

    /// With its Subscription gone, the MetalLB entry is not applicable with the stock script's words, and nothing of it is
    /// gathered.
    @Test func anAddOnWithoutItsSubscriptionIsSkippedWithANote() async throws {
        var data = InspectSyntheticClusterTests.cluster(.openshift)
        let table = try #require(data.table(group: "operators.coreos.com", name: "subscriptions"))
        data.setTable(table.resource, objects: [])
        let run = try await InspectHarness.runDefaultList(data)
        let metallb = try #require(run.summary.collectors.first { $0.name == "metallb" })
        #expect(metallb.status == .notApplicable)
        #expect(metallb.reason == "\"metallb-operator\" not detected, skipped")
        #expect(metallb.notes == [metallb.reason!])
        #expect(!run.files().contains { $0.hasPrefix("namespaces/metallb-system/metallb.io/") })
    }

    /// With Windows workers, their kubelet, kube-proxy, containerd, hybrid-overlay, WICD and csi-proxy logs come into
    /// `host_service_logs/windows/log_files/`, each file holding every Windows node's lines behind the node's name, as
    /// `oc adm node-logs -l kubernetes.io/os=windows --path=...` writes them; a node without csi-proxy is a note.
    @Test func windowsNodeLogsHoldEveryWindowsNodesLinesBehindItsName() async throws {
        var spec = SyntheticSpec()
        spec.windowsNodes = 2
        let data = SyntheticCluster.build(spec)
        let run = try await InspectHarness.runDefaultList(data, only: ["windows-node-logs"])
        let entry = try #require(run.summary.collectors.first)
        #expect(entry.status == .succeeded, "\(entry.status) \(entry.problems)")
        #expect(entry.notes == ["node/windows-1 has no /var/log/csi-proxy/csi-proxy.log"])
        let folder = "host_service_logs/windows/log_files/"
        #expect(run.files().filter { $0 != "gather-summary.json" }.sorted()
            == SyntheticBuilder.windowsLogFiles.map { folder + $0 }.sorted())
        for file in SyntheticBuilder.windowsLogFiles {
            let text = try String(contentsOfFile: run.directory.path + "/" + folder + file, encoding: .utf8)
            var expected = ""
            for node in ["windows-0", "windows-1"] {
                guard case .bytes(let bytes)? = data.nodeFiles[node]?.files[file] else { continue }
                for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
                    expected += "\(node) \(line)\n"
                }
            }
            #expect(text == expected, "\(file)")
            #expect(text.hasPrefix("windows-0 ") && text.hasSuffix("\n"), "\(file)")
        }
    }
}
