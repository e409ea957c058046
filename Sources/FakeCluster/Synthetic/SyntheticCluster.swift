import Compression
import Crypto
import Foundation
import JSONCoding
import KubeClient

/// Builds a deterministic OpenShift-like (or plain Kubernetes) cluster from a ``SyntheticSpec``.
///
/// The OpenShift flavor follows a real OpenShift 4.8 cluster (``OpenShiftRelease``): its namespaces, its cluster
/// operators and their related objects, and the platform's workloads (``PlatformComponent``). The Kubernetes flavor
/// looks like a cluster kubeadm set up. Both add the spec's workload namespaces (`default` and `workload-NNN`), each
/// with a Deployment whose ReplicaSet owns the pods. Every object carries what the Kubernetes OpenAPI schema (or the
/// OpenShift CRD schema) requires, as a real API server's would.
public enum SyntheticCluster {
    /// The journal units every node has.
    static let journalUnits = ["crio", "kubelet", "NetworkManager"]
    /// The Kubernetes version of the plain (kubeadm) flavor.
    static let kubeadmVersion = "v1.30.4"

    /// The API servers whose audit logs masters keep under `/var/log/<server>/`.
    static func auditServers(_ flavor: SyntheticSpec.Flavor) -> [String] {
        flavor == .openshift ? ["kube-apiserver", "openshift-apiserver", "oauth-apiserver"] : ["kube-apiserver"]
    }

    /// The system namespaces of each flavor, besides the workload ones (`default` is both).
    static func systemNamespaces(_ flavor: SyntheticSpec.Flavor) -> [String] {
        flavor == .openshift
            ? OpenShiftRelease.namespaces
            : ["default", "kube-node-lease", "kube-public", "kube-system"]
    }

    /// The namespaces that hold the spec's workload (a Deployment, its pods, a Service, a Lease): `default` and
    /// `workload-000`, `workload-001`, ...
    static func workloadNamespaces(_ spec: SyntheticSpec) -> [String] {
        ["default"] + (0..<spec.namespaces).map { "workload-\(String($0).leftPadded(to: 3))" }
    }

    /// Makes the cluster.
    public static func build(_ spec: SyntheticSpec) -> ClusterData {
        var builder = SyntheticBuilder(spec: spec)
        return builder.build()
    }
}

/// A node as the other objects refer to it.
struct SyntheticNode {
    var name: String
    var master: Bool
    var uid: String
    var address: String
}

/// A pod as events refer to it.
struct PodReference {
    var namespace: String
    var name: String
    var uid: String
    var node: String
}

/// The state of one build: the generator, the objects so far, the cluster data they become.
public struct SyntheticBuilder {
    let spec: SyntheticSpec
    var random: SeededGenerator
    public var data: ClusterData
    var objects: [String: [JSONValue]] = [:]  // "group/plural" -> objects
    /// Every pod made so far, for events to point at.
    var pods: [PodReference] = []
    /// The digest of each image, computed once.
    var imageDigests: [String: String] = [:]

    init(spec: SyntheticSpec) {
        self.spec = spec
        random = SeededGenerator(seed: spec.seed)
        let gitVersion = spec.flavor == .openshift ? OpenShiftRelease.kubernetesVersion : SyntheticCluster.kubeadmVersion
        let minor = gitVersion.split(separator: ".")[1]
        data = ClusterData(version: [
            "major": "1", "minor": .string(String(minor)), "gitVersion": .string(gitVersion), "gitCommit": "fake",
            "gitTreeState": "clean", "buildDate": "2026-01-01T00:00:00Z", "goVersion": "go1.22.5", "compiler": "gc",
            "platform": "linux/amd64",
        ])
    }

    func timestamp(hoursAgo: Double) -> JSONValue {
        .string(RFC3339.formatSeconds(spec.now.addingTimeInterval(-hoursAgo * 3600)))
    }

    mutating func uuid() -> String {
        "\(random.hex(8))-\(random.hex(4))-\(random.hex(4))-\(random.hex(4))-\(random.hex(12))"
    }

    mutating func uid() -> JSONValue { .string(uuid()) }

    mutating func metadata(_ name: String, namespace: String? = nil, labels: [String: String] = [:],
        annotations: [String: String] = [:], owner: JSONValue? = nil, hoursAgo: Double = 48) -> JSONValue
    {
        var members: [String: JSONValue] = [
            "name": .string(name), "uid": uid(), "resourceVersion": .string(String(random.next() % 900_000 + 1000)),
            "creationTimestamp": timestamp(hoursAgo: hoursAgo),
            "managedFields": [["manager": "fake-cluster", "operation": "Update", "apiVersion": "v1",
                "time": timestamp(hoursAgo: hoursAgo), "fieldsType": "FieldsV1", "fieldsV1": ["f:metadata": [:]]]],
        ]
        if let namespace { members["namespace"] = .string(namespace) }
        if !labels.isEmpty { members["labels"] = .object(labels.mapValues { .string($0) }) }
        if !annotations.isEmpty { members["annotations"] = .object(annotations.mapValues { .string($0) }) }
        if let owner { members["ownerReferences"] = [owner] }
        return .object(members)
    }

    /// The owner reference of a controller to the objects it made.
    static func ownerReference(_ apiVersion: String, _ kind: String, of metadata: JSONValue) -> JSONValue {
        ["apiVersion": .string(apiVersion), "kind": .string(kind), "name": metadata["name"] ?? "",
            "uid": metadata["uid"] ?? "", "controller": true, "blockOwnerDeletion": true]
    }

    mutating func add(_ group: String, _ plural: String, _ object: JSONValue) {
        objects["\(group)/\(plural)", default: []].append(object)
    }

    func apiVersion(_ group: String, _ version: String = "v1") -> JSONValue {
        .string(group.isEmpty ? version : "\(group)/\(version)")
    }

    public mutating func build() -> ClusterData {
        let workloads = SyntheticCluster.workloadNamespaces(spec)
        let namespaces = SyntheticCluster.systemNamespaces(spec.flavor) + workloads.filter { $0 != "default" }
        let nodes = makeNodes()
        for namespace in namespaces {
            add("", "namespaces", ["apiVersion": "v1", "kind": "Namespace",
                "metadata": metadata(namespace, labels: ["kubernetes.io/metadata.name": namespace]),
                "spec": ["finalizers": ["kubernetes"]], "status": ["phase": "Active"]])
            makeNamespaceBasics(in: namespace)
        }
        for component in PlatformComponent.platform(spec.flavor) {
            makeComponent(component, nodes: nodes)
        }
        for namespace in workloads {
            makeApplication(in: namespace, nodes: nodes)
        }
        makeEvents()
        makeClusterTypes(namespaces: namespaces)
        if spec.flavor == .openshift { makeOpenShiftTypes(workloads: workloads) }
        makeNodeLogs(nodes: nodes)
        // Last, so that every other object is the same as without them.
        makeOddities(in: "default", nodes: nodes)
        // What follows draws from a generator of its own, so that the oddities a fault adds change none of it.
        random = SeededGenerator(seed: spec.seed ^ 0x6F6C_6D2D_706F_6473)
        if spec.flavor == .openshift { makeOperatorLifecycle(nodes: nodes) }
        makeWindowsNodes()
        let types = spec.flavor == .openshift ? ServedTypes.openshift : ServedTypes.kubernetes
        for type in types {
            data.setTable(type, objects: objects["\(type.group)/\(type.name)"] ?? [])
        }
        if spec.flavor == .openshift {
            modelPodContents(nodes: nodes)
            data.debugDocuments = PriorityAndFairnessDumps.documents
        }
        return data
    }

    // MARK: Nodes

    mutating func makeNodes() -> [SyntheticNode] {
        var nodes: [SyntheticNode] = []
        let openshift = spec.flavor == .openshift
        for index in 0..<spec.nodes {
            let master = index < spec.masters
            let name = master ? "master-\(index)" : "worker-\(index - spec.masters)"
            var labels = ["kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
                "beta.kubernetes.io/os": "linux", "beta.kubernetes.io/arch": "amd64"]
            if openshift { labels["node.openshift.io/os_id"] = "rhcos" }
            if master {
                labels["node-role.kubernetes.io/master"] = ""
                labels["node-role.kubernetes.io/control-plane"] = ""
            } else {
                labels["node-role.kubernetes.io/worker"] = ""
            }
            // The machine-config daemon's state: the first worker failed to apply its config.
            let annotations = openshift
                ? ["machineconfiguration.openshift.io/state": name == "worker-0" ? "Degraded" : "Done"] : [:]
            let system = openshift ? NodeSystem.rhcos : NodeSystem.ubuntu
            nodes.append(addNode(name, labels: labels, annotations: annotations, address: "10.0.0.\(index + 10)",
                system: system, master: master))
        }
        return nodes
    }

    /// A Node object and its CSINode; returns the node as other objects refer to it.
    mutating func addNode(_ name: String, labels: [String: String], annotations: [String: String], address: String,
        system: NodeSystem, master: Bool) -> SyntheticNode
    {
        let nodeMetadata = metadata(name, labels: labels, annotations: annotations, hoursAgo: 240)
        let node = SyntheticNode(name: name, master: master, uid: nodeMetadata["uid"]?.stringValue ?? "",
            address: address)
        let resources: JSONValue = ["cpu": "8", "memory": "32Gi", "pods": "250", "ephemeral-storage": "120Gi"]
        let conditions: [JSONValue] = [
            ("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            ("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            ("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            ("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
        ].map { type, status, reason, message in
            ["type": .string(type), "status": .string(status), "reason": .string(reason),
                "message": .string(message), "lastHeartbeatTime": timestamp(hoursAgo: 0.1),
                "lastTransitionTime": timestamp(hoursAgo: 200)]
        }
        add("", "nodes", ["apiVersion": "v1", "kind": "Node", "metadata": nodeMetadata,
            "spec": ["providerID": .string("fake:///\(name)")],
            "status": [
                "addresses": [["type": "InternalIP", "address": .string(address)],
                    ["type": "Hostname", "address": .string(name)]],
                "conditions": .array(conditions),
                "capacity": resources, "allocatable": resources,
                "daemonEndpoints": ["kubeletEndpoint": ["Port": 10250]],
                "nodeInfo": [
                    "architecture": "amd64", "operatingSystem": .string(system.operatingSystem), "bootID": uid(),
                    "machineID": .string(random.hex(16) + random.hex(16)), "systemUUID": uid(),
                    "kubeletVersion": .string(system.kubeletVersion), "kubeProxyVersion": .string(system.kubeletVersion),
                    "containerRuntimeVersion": .string(system.containerRuntime),
                    "kernelVersion": .string(system.kernelVersion), "osImage": .string(system.osImage),
                ],
            ]])
        add("storage.k8s.io", "csinodes", ["apiVersion": "storage.k8s.io/v1", "kind": "CSINode",
            "metadata": metadata(name, owner: Self.ownerReference("v1", "Node", of: nodeMetadata)),
            "spec": ["drivers": []]])
        return node
    }

    /// The large config map and the odd names the spec asks for.
    mutating func makeOddities(in namespace: String, nodes: [SyntheticNode]) {
        if spec.largeObjectBytes > 0 {
            let blob = JSONValue.string(String(repeating: "0123456789abcdef\n", count: spec.largeObjectBytes / 17 + 1))
            for index in 0..<max(1, spec.largeObjectCount) {
                add("", "configmaps", ["apiVersion": "v1", "kind": "ConfigMap",
                    "metadata": metadata(index == 0 ? "large-config" : "large-config-\(index)", namespace: namespace),
                    "data": ["blob.txt": blob]])
            }
        }
        guard spec.oddNames else { return }
        for name in ["..", "odd\u{0}nul", "odd\u{1b}[31mred", "odd\tname\nwith breaks"] {
            add("", "configmaps", ["apiVersion": "v1", "kind": "ConfigMap", "metadata": metadata(name, namespace: namespace),
                "data": ["key": .string(name)]])
        }
        for name in ["odd-\u{e9}t\u{e9}-\u{1F600}", "odd\u{7}bell\u{1}", String(repeating: "x", count: 300)] {
            makeApplicationPod(namespace: namespace, name: name, labels: ["app": "odd"], node: nodes.first, index: 1,
                owner: nil)
        }
    }

    /// The kubelet's folder of one container's log files, `folder` below the node's `/var/log`: the current `0.log`
    /// and the rotated files the spec asks for.
    mutating func addKubeletLogFolder(_ folder: String, node: String, namespace: String, pod: String, container: String) {
        let current = data.podLogs[.init(namespace: namespace, pod: pod, container: container, previous: false)]
        var files: [(String, NodeFileTree.Content)] = []
        if let current { files.append(("0.log", .lines(current))) }
        for age in stride(from: spec.rotatedLogsPerContainer, through: 1, by: -1) {
            let stamp = Self.rotationStamp(spec.now.addingTimeInterval(-Double(age) * 3600))
            let text = Array((0..<20).map { "\(stamp) rotated log \(age) of \(namespace)/\(pod)/\(container) line \($0)\n" }.joined().utf8)
            files.append(age == 1 ? ("0.log.\(stamp)", .bytes(text)) : ("0.log.\(stamp).gz", .bytes(Self.gzip(text))))
        }
        for (name, content) in files { data.nodeFiles[node, default: NodeFileTree()].add(folder + "/" + name, content) }
    }

    /// The kubelet's rotation stamp, `20060102-150405` in UTC.
    static func rotationStamp(_ date: Date) -> String {
        let text = RFC3339.formatSeconds(date)
        return String(text.prefix(10).filter { $0 != "-" }) + "-" + String(text.dropFirst(11).prefix(8).filter { $0 != ":" })
    }

    static func gzip(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        guard let compressor = try? GzipCompressor() else { return [] }
        try? compressor.compress(bytes) { output.append(contentsOf: $0) }
        try? compressor.finish { output.append(contentsOf: $0) }
        return output
    }

    mutating func addLog(_ namespace: String, _ pod: String, _ container: String, previous: Bool) {
        let key = ClusterData.PodLogKey(namespace: namespace, pod: pod, container: container, previous: previous)
        let end = spec.now.addingTimeInterval(previous ? -3600 : -60)
        data.podLogs[key] = EvenlySpacedLines.containerLog(bytes: spec.logBytesPerContainer, end: end,
            prefix: "\(namespace)/\(pod)/\(container)\(previous ? " previous" : "")")
    }

    // MARK: Cluster-scoped types

    mutating func makeClusterTypes(namespaces: [String]) {
        add("storage.k8s.io", "storageclasses", ["apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
            "metadata": metadata("standard"), "provisioner": "fake.csi.example", "reclaimPolicy": "Delete"])
        add("storage.k8s.io", "csidrivers", ["apiVersion": "storage.k8s.io/v1", "kind": "CSIDriver",
            "metadata": metadata("fake.csi.example"), "spec": ["attachRequired": false]])
        add("", "persistentvolumes", ["apiVersion": "v1", "kind": "PersistentVolume", "metadata": metadata("pv-0"),
            "spec": ["capacity": ["storage": "10Gi"], "accessModes": ["ReadWriteOnce"]], "status": ["phase": "Available"]])
        add("apiregistration.k8s.io", "apiservices", ["apiVersion": "apiregistration.k8s.io/v1", "kind": "APIService",
            "metadata": metadata("v1.apps"), "spec": ["group": "apps", "version": "v1", "groupPriorityMinimum": 17800,
                "versionPriority": 15], "status": ["conditions": [["type": "Available", "status": "True"]]]])
        let webhookNamespace = namespaces.count > 2 ? namespaces[2] : namespaces[0]
        add("admissionregistration.k8s.io", "validatingwebhookconfigurations",
            ["apiVersion": "admissionregistration.k8s.io/v1", "kind": "ValidatingWebhookConfiguration",
                "metadata": metadata("example-validator"),
                "webhooks": [["name": "validate.example.com", "admissionReviewVersions": ["v1"], "sideEffects": "None",
                    "clientConfig": ["service": ["namespace": .string(webhookNamespace), "name": "webhook", "port": 443]]]]])
        add("apiextensions.k8s.io", "customresourcedefinitions", ["apiVersion": "apiextensions.k8s.io/v1",
            "kind": "CustomResourceDefinition", "metadata": metadata("widgets.example.com"),
            "spec": ["group": "example.com", "scope": "Namespaced",
                "names": ["plural": "widgets", "singular": "widget", "kind": "Widget", "listKind": "WidgetList"],
                "versions": [["name": "v1", "served": true, "storage": true]]]])
        for index in 0..<spec.customResources {
            let namespace = namespaces[index % namespaces.count]
            add("example.com", "widgets", ["apiVersion": "example.com/v1", "kind": "Widget",
                "metadata": metadata("widget-\(index)", namespace: namespace),
                "spec": ["size": .integer(index), "big": .number("9007199254740993"), "ratio": .number("0.25"),
                    "note": "line one\nline two\n", "flag": "yes"]])
        }
    }

    // MARK: Node logs

    mutating func makeNodeLogs(nodes: [SyntheticNode]) {
        for (position, node) in nodes.enumerated() {
            for unit in SyntheticCluster.journalUnits {
                // Nodes interleave: each unit's lines are offset by a fraction of a second per node.
                data.journals[.init(node: node.name, unit: unit)] = EvenlySpacedLines.journal(
                    bytes: spec.journalBytesPerUnit, end: spec.now.addingTimeInterval(-Double(position) * 0.137),
                    host: node.name, unit: unit)
            }
            var tree = data.nodeFiles[node.name] ?? NodeFileTree()
            tree.add("messages", .bytes(Array("fake messages of \(node.name)\n".utf8)))
            if node.master {
                for server in SyntheticCluster.auditServers(spec.flavor) {
                    let third = spec.auditBytesPerServer / 3
                    for (age, file) in [(2.0, "audit-\(auditStamp(hoursAgo: 2)).log"),
                        (1.0, "audit-\(auditStamp(hoursAgo: 1)).log"), (0.0, "audit.log")]
                    {
                        tree.add("\(server)/\(file)", .lines(EvenlySpacedLines.audit(bytes: third,
                            end: spec.now.addingTimeInterval(-age * 3600), node: node.name, server: server)))
                    }
                    tree.add("\(server)/audit.log.lock", .bytes([]))
                    tree.add("\(server)/termination.log", .bytes(Array("terminated cleanly\n".utf8)))
                    if server == "kube-apiserver" {
                        tree.add("\(server)/startup.log", .bytes(Array("kube-apiserver on \(node.name) started\n".utf8)))
                    }
                }
            }
            data.nodeFiles[node.name] = tree
        }
    }

    func auditStamp(hoursAgo: Double) -> String {
        // kube-apiserver rotation names: audit-2006-01-02T15-04-05.000.log
        let text = RFC3339.formatSeconds(spec.now.addingTimeInterval(-hoursAgo * 3600))
        return text.dropLast().replacingOccurrences(of: ":", with: "-") + ".000"
    }
}
