@testable import FakeCluster
@testable import KubeClient
import Testing

/// The synthetic cluster is shaped like a real one: stock selectors find the components, every owner reference and
/// every event points at an object that exists, and the cluster operators are the release's.
struct SyntheticShapeTests {
    static func cluster(_ flavor: SyntheticSpec.Flavor) -> ClusterData {
        var spec = SyntheticSpec.demo
        spec.flavor = flavor
        return SyntheticCluster.build(spec)
    }

    /// The pods `selector` finds in `namespace`, and the names of their containers.
    static func pods(_ data: ClusterData, _ namespace: String, _ selector: String) -> [(name: String, containers: [String])] {
        let table = data.table(group: "", name: "pods")!
        return table.objects(in: namespace, matching: LabelSelector(parsing: selector)!).map { pod in
            (pod.name, (pod.value[path: "spec", "containers"]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue })
        }
    }

    @Test func stockSelectorsFindTheOpenShiftComponents() {
        let data = Self.cluster(.openshift)
        let masters = SyntheticSpec.demo.masters
        let etcd = Self.pods(data, "openshift-etcd", "app=etcd")
        #expect(etcd.count == masters && etcd.allSatisfy { $0.containers.contains("etcdctl") })
        #expect(Self.pods(data, "openshift-kube-apiserver", "apiserver=true").count == masters)
        #expect(!Self.pods(data, "openshift-monitoring", "prometheus=k8s").isEmpty)
        #expect(!Self.pods(data, "openshift-monitoring", "alertmanager=main").isEmpty)
        #expect(!Self.pods(data, "openshift-ingress",
            "ingresscontroller.operator.openshift.io/deployment-ingresscontroller=default").isEmpty)
        #expect(Self.pods(data, "openshift-insights", "app=insights-operator").first?.containers == ["insights-operator"])
    }

    @Test func plainKubernetesLooksLikeKubeadm() {
        let data = Self.cluster(.kubernetes)
        for component in ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"] {
            let pods = Self.pods(data, "kube-system", "component=\(component),tier=control-plane")
            #expect(pods.count == SyntheticSpec.demo.masters, "\(component)")
            #expect(pods.allSatisfy { $0.name.hasPrefix(component + "-master-") })
        }
        #expect(!Self.pods(data, "kube-system", "k8s-app=kube-dns").isEmpty)
        #expect(Self.pods(data, "kube-system", "k8s-app=kube-proxy").count == SyntheticSpec.demo.nodes)
        #expect(data.table(group: "config.openshift.io", name: "clusteroperators") == nil)
    }

    /// Pods are owned by ReplicaSets, DaemonSets, StatefulSets or (static pods) Nodes; ReplicaSets by Deployments;
    /// each reference names an object of that kind, with its uid, whose selector matches the owned object's labels.
    @Test(arguments: SyntheticSpec.Flavor.allCases)
    func everyOwnerReferenceNamesAnObjectThatExists(_ flavor: SyntheticSpec.Flavor) throws {
        let data = Self.cluster(flavor)
        let tables = ["ReplicaSet": ("apps", "replicasets"), "Deployment": ("apps", "deployments"),
            "DaemonSet": ("apps", "daemonsets"), "StatefulSet": ("apps", "statefulsets"), "Node": ("", "nodes")]
        var owned = 0
        for (group, plural) in [("", "pods"), ("apps", "replicasets")] {
            for object in data.table(group: group, name: plural)!.objects {
                for reference in object.value[path: "metadata", "ownerReferences"]?.arrayValue ?? [] {
                    let kind = try #require(reference["kind"]?.stringValue)
                    let (ownerGroup, ownerPlural) = try #require(tables[kind], "\(kind)")
                    let owner = data.table(group: ownerGroup, name: ownerPlural)?.object(
                        named: reference["name"]?.stringValue ?? "", in: ownerGroup.isEmpty ? nil : object.namespace)
                    #expect(owner?.value[path: "metadata", "uid"] == reference["uid"], "\(plural)/\(object.name)")
                    if let selector = owner?.value[path: "spec", "selector", "matchLabels"]?.objectValue {
                        #expect(selector.allSatisfy { object.labels[$0.key] == $0.value.stringValue }, "\(object.name)")
                    }
                    owned += 1
                }
            }
        }
        let pods = data.table(group: "", name: "pods")!.objects.count
        let replicaSets = data.table(group: "apps", name: "replicasets")!.objects.count
        #expect(owned == pods + replicaSets, "every pod and ReplicaSet has its controller")
    }

    @Test(arguments: SyntheticSpec.Flavor.allCases)
    func everyEventPointsAtAPodThatExists(_ flavor: SyntheticSpec.Flavor) {
        let data = Self.cluster(flavor)
        let pods = data.table(group: "", name: "pods")!
        let events = data.table(group: "", name: "events")!.objects
        #expect(events.count == SyntheticSpec.demo.events)
        for event in events {
            let involved = event.value["involvedObject"]
            let pod = pods.object(named: involved?["name"]?.stringValue ?? "", in: involved?["namespace"]?.stringValue)
            #expect(pod != nil && pod?.value[path: "metadata", "uid"] == involved?["uid"], "\(event.name)")
            #expect(event.namespace == pod?.namespace)
        }
    }

    /// The cluster operators are the fixture's release's (4.8: 31), and every namespace they name exists.
    @Test func clusterOperatorsAreTheReleasesAndTheirNamespacesExist() async throws {
        let data = Self.cluster(.openshift)
        let operators = data.table(group: "config.openshift.io", name: "clusteroperators")!.objects
        let replayed = try await ReplayTests.Replay.shared.get().data
        let real = replayed.table(group: "config.openshift.io", name: "clusteroperators")!.objects
        #expect(operators.map(\.name) == real.map(\.name))
        let namespaces = Set(data.table(group: "", name: "namespaces")!.objects.map(\.name))
        for clusterOperator in operators {
            for reference in clusterOperator.value[path: "status", "relatedObjects"]?.arrayValue ?? [] {
                guard reference["group"]?.stringValue == "", reference["resource"]?.stringValue == "namespaces" else {
                    continue
                }
                #expect(namespaces.contains(reference["name"]?.stringValue ?? ""), "\(clusterOperator.name)")
            }
        }
        let version = data.table(group: "config.openshift.io", name: "clusterversions")!.objects.first
        let realVersion = replayed.table(group: "config.openshift.io", name: "clusterversions")!.objects.first
        let desired = version?.value[path: "status", "desired", "version"]?.stringValue ?? ""
        let realDesired = realVersion?.value[path: "status", "desired", "version"]?.stringValue ?? ""
        #expect(!desired.isEmpty && realDesired.hasPrefix(desired), "\(desired) follows \(realDesired)")
    }
}
