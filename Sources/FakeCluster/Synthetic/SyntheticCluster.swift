import Compression
import Foundation
import KubeClient

/// Builds a deterministic OpenShift-like (or plain Kubernetes) cluster from a ``SyntheticSpec``.
public enum SyntheticCluster {
    /// The journal units every node has.
    public static let journalUnits = ["crio", "kubelet", "NetworkManager"]
    /// The API servers whose audit logs masters keep under `/var/log/<server>/`.
    public static func auditServers(_ flavor: SyntheticSpec.Flavor) -> [String] {
        flavor == .openshift ? ["kube-apiserver", "openshift-apiserver", "oauth-apiserver"] : ["kube-apiserver"]
    }

    /// The system namespaces of each flavor, besides the workload ones.
    static func systemNamespaces(_ flavor: SyntheticSpec.Flavor) -> [String] {
        flavor == .openshift
            ? ["default", "kube-system", "openshift", "openshift-cluster-version", "openshift-etcd",
                "openshift-kube-apiserver", "openshift-apiserver", "openshift-authentication", "openshift-monitoring"]
            : ["default", "kube-system"]
    }

    /// Makes the cluster.
    public static func build(_ spec: SyntheticSpec) -> ClusterData {
        var builder = Builder(spec: spec)
        return builder.build()
    }
}

struct Builder {
    let spec: SyntheticSpec
    var random: SeededGenerator
    var data: ClusterData
    var objects: [String: [JSONValue]] = [:]  // "group/plural" -> objects

    init(spec: SyntheticSpec) {
        self.spec = spec
        random = SeededGenerator(seed: spec.seed)
        data = ClusterData(version: [
            "major": "1", "minor": "30", "gitVersion": "v1.30.4", "gitCommit": "fake", "gitTreeState": "clean",
            "buildDate": "2026-01-01T00:00:00Z", "goVersion": "go1.22.5", "compiler": "gc", "platform": "linux/amd64",
        ])
    }

    func timestamp(hoursAgo: Double) -> JSONValue {
        .string(RFC3339.formatSeconds(spec.now.addingTimeInterval(-hoursAgo * 3600)))
    }

    mutating func uid() -> JSONValue {
        .string("\(random.hex(8))-\(random.hex(4))-\(random.hex(4))-\(random.hex(4))-\(random.hex(12))")
    }

    mutating func metadata(_ name: String, namespace: String? = nil, labels: [String: String] = [:],
        annotations: [String: String] = [:], hoursAgo: Double = 48) -> JSONValue
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
        return .object(members)
    }

    mutating func add(_ group: String, _ plural: String, _ object: JSONValue) {
        objects["\(group)/\(plural)", default: []].append(object)
    }

    func apiVersion(_ group: String, _ version: String = "v1") -> JSONValue {
        .string(group.isEmpty ? version : "\(group)/\(version)")
    }

    mutating func build() -> ClusterData {
        let namespaces = SyntheticCluster.systemNamespaces(spec.flavor)
            + (0..<spec.namespaces).map { "workload-\(String($0).leftPadded(to: 3))" }
        let nodes = makeNodes()
        for namespace in namespaces {
            add("", "namespaces", ["apiVersion": "v1", "kind": "Namespace",
                "metadata": metadata(namespace, labels: ["kubernetes.io/metadata.name": namespace]),
                "spec": ["finalizers": ["kubernetes"]], "status": ["phase": "Active"]])
            makeWorkloads(in: namespace, nodes: nodes)
        }
        makeEvents(namespaces: namespaces)
        makeClusterTypes(namespaces: namespaces)
        if spec.flavor == .openshift { makeOpenShiftTypes(namespaces: namespaces) }
        makeNodeLogs(nodes: nodes)
        // After every object that existed before them, so that those stay the same.
        if spec.flavor == .openshift { makeExecTargets(nodes: nodes) }
        // Last, so that every other object is the same as without them.
        makeOddities(in: "default", nodes: nodes)
        let types = spec.flavor == .openshift ? ServedTypes.openshift : ServedTypes.kubernetes
        for type in types {
            data.setTable(type, objects: objects["\(type.group)/\(type.name)"] ?? [])
        }
        return data
    }

    // MARK: Nodes

    mutating func makeNodes() -> [(name: String, master: Bool)] {
        var nodes: [(name: String, master: Bool)] = []
        for index in 0..<spec.nodes {
            let master = index < spec.masters
            let name = master ? "master-\(index)" : "worker-\(index - spec.masters)"
            nodes.append((name, master))
            var labels = ["kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64"]
            if master {
                labels["node-role.kubernetes.io/master"] = ""
                labels["node-role.kubernetes.io/control-plane"] = ""
            } else {
                labels["node-role.kubernetes.io/worker"] = ""
            }
            add("", "nodes", ["apiVersion": "v1", "kind": "Node", "metadata": metadata(name, labels: labels, hoursAgo: 240),
                "spec": ["providerID": .string("fake:///\(name)")],
                "status": [
                    "addresses": [["type": "InternalIP", "address": .string("10.0.0.\(index + 10)")],
                        ["type": "Hostname", "address": .string(name)]],
                    "conditions": [["type": "Ready", "status": "True", "reason": "KubeletReady",
                        "lastHeartbeatTime": timestamp(hoursAgo: 0.1), "lastTransitionTime": timestamp(hoursAgo: 200),
                        "message": "kubelet is posting ready status"]],
                    "capacity": ["cpu": "8", "memory": "32Gi", "pods": "250"],
                    "nodeInfo": ["kubeletVersion": "v1.30.4", "osImage": "Fake Linux", "containerRuntimeVersion": "cri-o://1.30.4",
                        "architecture": "amd64", "operatingSystem": "linux"],
                ]])
            add("storage.k8s.io", "csinodes", ["apiVersion": "storage.k8s.io/v1", "kind": "CSINode",
                "metadata": metadata(name), "spec": ["drivers": []]])
        }
        return nodes
    }

    // MARK: Workloads

    mutating func makeWorkloads(in namespace: String, nodes: [(name: String, master: Bool)]) {
        let deployment = "\(namespace)-app"
        let labels = ["app": deployment]
        add("apps", "deployments", ["apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": metadata(deployment, namespace: namespace, labels: labels),
            "spec": ["replicas": .integer(spec.podsPerNamespace), "selector": ["matchLabels": ["app": .string(deployment)]]],
            "status": ["replicas": .integer(spec.podsPerNamespace), "readyReplicas": .integer(spec.podsPerNamespace)]])
        let replicaSet = "\(deployment)-\(random.hex(10))"
        add("apps", "replicasets", ["apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": metadata(replicaSet, namespace: namespace, labels: labels),
            "spec": ["replicas": .integer(spec.podsPerNamespace)], "status": ["replicas": .integer(spec.podsPerNamespace)]])
        add("", "services", ["apiVersion": "v1", "kind": "Service",
            "metadata": metadata(deployment, namespace: namespace, labels: labels),
            "spec": ["clusterIP": "172.30.0.10", "ports": [["port": 443, "protocol": "TCP", "targetPort": 8443]],
                "selector": ["app": .string(deployment)], "type": "ClusterIP"]])
        add("", "endpoints", ["apiVersion": "v1", "kind": "Endpoints",
            "metadata": metadata(deployment, namespace: namespace, labels: labels), "subsets": []])
        add("", "serviceaccounts", ["apiVersion": "v1", "kind": "ServiceAccount", "metadata": metadata("default", namespace: namespace)])
        add("coordination.k8s.io", "leases", ["apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
            "metadata": metadata("\(deployment)-lock", namespace: namespace),
            "spec": ["holderIdentity": .string(deployment), "leaseDurationSeconds": 137]])
        for index in 0..<spec.configMapsPerNamespace {
            add("", "configmaps", ["apiVersion": "v1", "kind": "ConfigMap",
                "metadata": metadata("config-\(index)", namespace: namespace),
                "data": ["config.yaml": "key: value\nmultiline: |\n  text\n", "port": "8080", "enabled": "true"]])
        }
        for index in 0..<spec.secretsPerNamespace {
            let name = "secret-\(index)"
            let canary = "CANARY-\(spec.seed)-\(namespace)-\(name)-\(random.hex(12))"
            data.canaries.append(canary)
            add("", "secrets", ["apiVersion": "v1", "kind": "Secret", "type": "Opaque",
                "metadata": metadata(name, namespace: namespace, annotations: [
                    "kubectl.kubernetes.io/last-applied-configuration": "{\"data\":{\"password\":\"\(canary)\"}}"]),
                "data": ["password": .string(Data(canary.utf8).base64EncodedString()),
                    "ca.crt": .string(Data("-----BEGIN CERTIFICATE-----\nfake\n-----END CERTIFICATE-----\n".utf8).base64EncodedString())]])
        }
        for podIndex in 0..<spec.podsPerNamespace {
            makePod(namespace: namespace, name: "\(replicaSet)-\(random.hex(5))", labels: labels,
                node: nodes[(podIndex + namespace.count) % max(nodes.count, 1)].name, index: podIndex)
        }
    }

    /// Adds a running pod with its logs; `containerNames` default to `main` and `sidecar-N` as the spec says.
    mutating func makePod(namespace: String, name: String, labels: [String: String], node: String, index: Int,
        containerNames: [String]? = nil)
    {
        var containers: [JSONValue] = []
        var statuses: [JSONValue] = []
        var initContainers: [JSONValue] = []
        var initStatuses: [JSONValue] = []
        let withInit = spec.initContainerEvery > 0 && index % spec.initContainerEvery == 0
        if withInit {
            initContainers.append(["name": "setup", "image": "registry.example/setup:1", "command": ["/bin/setup"]])
            initStatuses.append(["name": "setup", "ready": true, "restartCount": 0, "image": "registry.example/setup:1",
                "state": ["terminated": ["exitCode": 0, "reason": "Completed", "finishedAt": timestamp(hoursAgo: 47)]]])
            addLog(namespace, name, "setup", previous: false)
        }
        for containerIndex in 0..<(containerNames?.count ?? spec.containersPerPod) {
            let container = containerNames?[containerIndex] ?? (containerIndex == 0 ? "main" : "sidecar-\(containerIndex)")
            let containerSerial = data.podLogs.count
            let restarted = spec.restartEvery > 0 && containerSerial % spec.restartEvery == 0
            containers.append(["name": .string(container), "image": "registry.example/app:1",
                "ports": [["containerPort": 8443, "protocol": "TCP"]], "resources": [:]])
            var status: JSONValue = ["name": .string(container), "ready": true, "started": true,
                "restartCount": restarted ? 2 : 0, "image": "registry.example/app:1",
                "state": ["running": ["startedAt": timestamp(hoursAgo: restarted ? 1 : 47)]]]
            if restarted, case .object(var members) = status {
                members["lastState"] = ["terminated": ["exitCode": 137, "reason": "OOMKilled",
                    "finishedAt": timestamp(hoursAgo: 1)]]
                status = .object(members)
                addLog(namespace, name, container, previous: true)
            }
            statuses.append(status)
            addLog(namespace, name, container, previous: false)
        }
        var podSpec: [String: JSONValue] = ["containers": .array(containers), "nodeName": .string(node),
            "restartPolicy": "Always", "serviceAccountName": "default"]
        var podStatus: [String: JSONValue] = ["phase": "Running", "containerStatuses": .array(statuses),
            "hostIP": "10.0.0.10", "podIP": .string("10.128.\(index % 250).\(random.next() % 250)"),
            "startTime": timestamp(hoursAgo: 47),
            "conditions": [["type": "Ready", "status": "True", "lastTransitionTime": timestamp(hoursAgo: 46)]]]
        if withInit {
            podSpec["initContainers"] = .array(initContainers)
            podStatus["initContainerStatuses"] = .array(initStatuses)
        }
        let podMetadata = metadata(name, namespace: namespace, labels: labels)
        let folder = "pods/\(namespace)_\(name)_\(podMetadata[path: "uid"]?.stringValue ?? "")"
        for container in (initContainers + containers).compactMap({ $0[path: "name"]?.stringValue }) {
            addKubeletLogFolder(folder + "/" + container, node: node, namespace: namespace, pod: name, container: container)
        }
        add("", "pods", ["apiVersion": "v1", "kind": "Pod", "metadata": podMetadata,
            "spec": .object(podSpec), "status": .object(podStatus)])
    }

    /// The large config map and the odd names the spec asks for.
    mutating func makeOddities(in namespace: String, nodes: [(name: String, master: Bool)]) {
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
            makePod(namespace: namespace, name: name, labels: ["app": "odd"], node: nodes.first?.name ?? "master-0", index: 1)
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

    // MARK: Events

    mutating func makeEvents(namespaces: [String]) {
        let reasons = ["Scheduled", "Pulled", "Created", "Started", "BackOff", "Unhealthy", "FailedMount", "Killing"]
        for index in 0..<spec.events {
            let namespace = namespaces[index % namespaces.count]
            let reason = reasons[Int(random.next() % UInt64(reasons.count))]
            let time = timestamp(hoursAgo: Double(index % 48) + 0.5)
            add("", "events", ["apiVersion": "v1", "kind": "Event",
                "metadata": metadata("event-\(index).\(random.hex(12))", namespace: namespace),
                "involvedObject": ["kind": "Pod", "namespace": .string(namespace), "name": .string("\(namespace)-app")],
                "reason": .string(reason), "message": .string("\(reason) for \(namespace)-app (event \(index))"),
                "type": reason == "BackOff" || reason == "Unhealthy" || reason == "FailedMount" ? "Warning" : "Normal",
                "source": ["component": "kubelet"], "firstTimestamp": time, "lastTimestamp": time, "count": 1])
        }
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

    // MARK: OpenShift types

    mutating func makeOpenShiftTypes(namespaces: [String]) {
        add("config.openshift.io", "clusterversions", ["apiVersion": "config.openshift.io/v1", "kind": "ClusterVersion",
            "metadata": metadata("version"),
            "spec": ["channel": "stable-4.18", "clusterID": uid()],
            "status": ["desired": ["version": "4.18.1", "image": "quay.io/openshift-release-dev/ocp-release:4.18.1"],
                "history": [["state": "Completed", "version": "4.18.1", "startedTime": timestamp(hoursAgo: 200),
                    "completionTime": timestamp(hoursAgo: 199)]],
                "conditions": [["type": "Available", "status": "True", "lastTransitionTime": timestamp(hoursAgo: 199)]]]])
        let operators: [(String, [String])] = [
            ("etcd", ["openshift-etcd"]), ("kube-apiserver", ["openshift-kube-apiserver"]),
            ("openshift-apiserver", ["openshift-apiserver"]), ("authentication", ["openshift-authentication"]),
            ("monitoring", ["openshift-monitoring"]), ("version", ["openshift-cluster-version"]),
        ]
        for (name, related) in operators {
            var relatedObjects: [JSONValue] = related.map { ["group": "", "resource": "namespaces", "name": .string($0)] }
            if name == "etcd" { relatedObjects.append(["group": "operator.openshift.io", "resource": "etcds", "name": "cluster"]) }
            if name == "kube-apiserver" {
                relatedObjects.append(["group": "operator.openshift.io", "resource": "kubeapiservers", "name": "cluster"])
            }
            let degraded = name == "monitoring"
            add("config.openshift.io", "clusteroperators", ["apiVersion": "config.openshift.io/v1",
                "kind": "ClusterOperator", "metadata": metadata(name),
                "status": ["relatedObjects": .array(relatedObjects), "versions": [["name": "operator", "version": "4.18.1"]],
                    "conditions": [
                        ["type": "Available", "status": "True", "lastTransitionTime": timestamp(hoursAgo: 100)],
                        ["type": "Progressing", "status": "False", "lastTransitionTime": timestamp(hoursAgo: 100)],
                        ["type": "Degraded", "status": degraded ? "True" : "False",
                            "lastTransitionTime": timestamp(hoursAgo: 2),
                            "message": degraded ? "alertmanager is unavailable" : ""],
                    ]]])
        }
        for singleton in ServedTypes.openshiftConfigSingletons {
            var specBody: [String: JSONValue] = [:]
            if singleton.name == "proxies" {
                specBody["httpProxy"] = "http://proxyuser:proxy-password-canary@proxy.example:3128"
                data.canaries.append("proxy-password-canary")
            }
            if singleton.name == "apiservers" { specBody["audit"] = ["profile": "Default"] }
            add("config.openshift.io", singleton.name, ["apiVersion": "config.openshift.io/v1",
                "kind": .string(singleton.kind), "metadata": metadata("cluster"), "spec": .object(specBody)])
        }
        add("operator.openshift.io", "etcds", ["apiVersion": "operator.openshift.io/v1", "kind": "Etcd",
            "metadata": metadata("cluster"), "spec": ["managementState": "Managed"]])
        add("operator.openshift.io", "kubeapiservers", ["apiVersion": "operator.openshift.io/v1", "kind": "KubeAPIServer",
            "metadata": metadata("cluster"), "spec": ["managementState": "Managed"]])
        for namespace in namespaces where namespace.hasPrefix("workload-") || namespace == "openshift-monitoring" {
            let routeKey = "route-key-canary-\(random.hex(12))"
            data.canaries.append(routeKey)
            add("route.openshift.io", "routes", ["apiVersion": "route.openshift.io/v1", "kind": "Route",
                "metadata": metadata("\(namespace)-route", namespace: namespace),
                "spec": ["host": .string("\(namespace).apps.example"), "to": ["kind": "Service", "name": .string("\(namespace)-app")],
                    "tls": ["termination": "edge", "key": .string(routeKey), "certificate": "-----BEGIN CERTIFICATE-----"]]])
            add("monitoring.coreos.com", "servicemonitors", ["apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor",
                "metadata": metadata("\(namespace)-monitor", namespace: namespace),
                "spec": ["endpoints": [["port": "metrics"]]]])
        }
    }

    // MARK: Node logs

    mutating func makeNodeLogs(nodes: [(name: String, master: Bool)]) {
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
