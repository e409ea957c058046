import Foundation
import JSONCoding
import KubeClient

/// Workloads as their controllers make them: Deployment → ReplicaSet → Pod, DaemonSet → Pod, StatefulSet → Pod, and
/// static pods mirrored from their node, each pod with the owner reference, labels and statuses a real one has.
extension SyntheticBuilder {
    /// A container of a pod: its name and image.
    struct Container {
        var name: String
        var image: String
    }

    /// What every namespace holds: its default service account, config maps, and secrets (each with a canary).
    mutating func makeNamespaceBasics(in namespace: String) {
        add("", "serviceaccounts", ["apiVersion": "v1", "kind": "ServiceAccount", "metadata": metadata("default", namespace: namespace)])
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
    }

    /// The spec's application in a workload namespace: a Deployment of `podsPerNamespace` pods, its Service,
    /// Endpoints and leader Lease.
    mutating func makeApplication(in namespace: String, nodes: [SyntheticNode]) {
        let deployment = "\(namespace)-app"
        let labels = ["app": deployment]
        let containers = (0..<spec.containersPerPod).map {
            Container(name: $0 == 0 ? "main" : "sidecar-\($0)", image: "registry.example/app:1")
        }
        makeDeployment(namespace: namespace, name: deployment, labels: labels, replicas: spec.podsPerNamespace,
            containers: containers)
        { builder, name, podLabels, owner, index in
            let node = nodes.isEmpty ? nil : nodes[(index + namespace.count) % nodes.count]
            builder.makeApplicationPod(namespace: namespace, name: name, labels: podLabels, node: node, index: index,
                owner: owner)
        }
        makeService(namespace: namespace, name: deployment, labels: labels)
        add("", "endpoints", ["apiVersion": "v1", "kind": "Endpoints",
            "metadata": metadata(deployment, namespace: namespace, labels: labels), "subsets": []])
        add("coordination.k8s.io", "leases", ["apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
            "metadata": metadata("\(deployment)-lock", namespace: namespace),
            "spec": ["holderIdentity": .string(deployment), "leaseDurationSeconds": 137]])
    }

    /// One pod of the spec's application: its containers, an init container on every `initContainerEvery`-th pod.
    mutating func makeApplicationPod(namespace: String, name: String, labels: [String: String], node: SyntheticNode?,
        index: Int, owner: JSONValue?)
    {
        let withInit = spec.initContainerEvery > 0 && index % spec.initContainerEvery == 0
        let containers = (0..<spec.containersPerPod).map {
            Container(name: $0 == 0 ? "main" : "sidecar-\($0)", image: "registry.example/app:1")
        }
        makePod(namespace: namespace, name: name, labels: labels, node: node, owner: owner, containers: containers,
            initContainers: withInit ? [Container(name: "setup", image: "registry.example/setup:1")] : [],
            podIPIndex: index)
    }

    /// One platform component and its pods.
    mutating func makeComponent(_ component: PlatformComponent, nodes: [SyntheticNode]) {
        let flavor = spec.flavor
        let containers = component.containers.map { Container(name: $0, image: component.image($0, flavor: flavor)) }
        let initContainers = component.initContainers.map {
            Container(name: $0, image: component.image($0, flavor: flavor))
        }
        let namespace = component.namespace
        let masters = nodes.filter(\.master)
        switch component.controller {
        case .staticPod:
            for node in masters {
                let name = "\(component.name)-\(node.name)"
                let owner: JSONValue = ["apiVersion": "v1", "kind": "Node", "name": .string(node.name),
                    "uid": .string(node.uid), "controller": true]
                // The kubelet knows a static pod by the hash of its manifest, and names its log folder after it.
                let hash = random.hex(16) + random.hex(16)
                makePod(namespace: namespace, name: name, labels: component.labels, node: node, owner: owner,
                    containers: containers, initContainers: initContainers, podIPIndex: nil,
                    annotations: ["kubernetes.io/config.hash": hash, "kubernetes.io/config.mirror": hash,
                        "kubernetes.io/config.source": "file", "kubernetes.io/config.seen": RFC3339.formatSeconds(spec.now)])
            }
        case .daemonSet(let which):
            let targets = which == .all ? nodes : nodes.filter { $0.master == (which == .masters) }
            makeDaemonSet(component, targets: targets, containers: containers, initContainers: initContainers)
        case .deployment(let replicas):
            makeDeployment(namespace: namespace, name: component.name, labels: component.labels, replicas: replicas,
                containers: containers)
            { builder, name, podLabels, owner, index in
                let node = masters.isEmpty ? nodes.first : masters[index % masters.count]
                builder.makePod(namespace: namespace, name: name, labels: podLabels, node: node, owner: owner,
                    containers: containers, initContainers: initContainers, podIPIndex: index)
            }
            makeService(namespace: namespace, name: component.name, labels: component.labels)
        case .statefulSet(let replicas):
            makeStatefulSet(component, replicas: replicas, nodes: nodes, containers: containers,
                initContainers: initContainers)
            makeService(namespace: namespace, name: component.name, labels: component.labels)
        }
    }

    /// A Deployment, its ReplicaSet, and `replicas` pods made by `makePod` (builder, name, labels, owner, index).
    mutating func makeDeployment(namespace: String, name: String, labels: [String: String], replicas: Int,
        containers: [Container],
        makePod: (inout SyntheticBuilder, String, [String: String], JSONValue, Int) -> Void)
    {
        let deploymentMetadata = metadata(name, namespace: namespace, labels: labels,
            annotations: ["deployment.kubernetes.io/revision": "1"])
        let hash = random.hex(10)
        var podLabels = labels
        podLabels["pod-template-hash"] = hash
        add("apps", "deployments", ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": deploymentMetadata,
            "spec": ["replicas": .integer(replicas), "selector": Self.selector(labels),
                "template": Self.podTemplate(labels: labels, containers: containers),
                "strategy": ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": "25%", "maxUnavailable": "25%"]],
                "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600],
            "status": ["observedGeneration": 1, "replicas": .integer(replicas), "updatedReplicas": .integer(replicas),
                "readyReplicas": .integer(replicas), "availableReplicas": .integer(replicas),
                "conditions": [["type": "Available", "status": "True", "reason": "MinimumReplicasAvailable",
                    "message": "Deployment has minimum availability.", "lastUpdateTime": timestamp(hoursAgo: 47),
                    "lastTransitionTime": timestamp(hoursAgo: 47)]]]])
        let replicaSet = "\(name)-\(hash)"
        let replicaSetMetadata = metadata(replicaSet, namespace: namespace, labels: podLabels,
            annotations: ["deployment.kubernetes.io/revision": "1", "deployment.kubernetes.io/desired-replicas": String(replicas)],
            owner: Self.ownerReference("apps/v1", "Deployment", of: deploymentMetadata))
        add("apps", "replicasets", ["apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": replicaSetMetadata,
            "spec": ["replicas": .integer(replicas), "selector": Self.selector(podLabels),
                "template": Self.podTemplate(labels: podLabels, containers: containers)],
            "status": ["observedGeneration": 1, "replicas": .integer(replicas), "fullyLabeledReplicas": .integer(replicas),
                "readyReplicas": .integer(replicas), "availableReplicas": .integer(replicas)]])
        let owner = Self.ownerReference("apps/v1", "ReplicaSet", of: replicaSetMetadata)
        for index in 0..<replicas {
            makePod(&self, "\(replicaSet)-\(random.hex(5))", podLabels, owner, index)
        }
    }

    /// A DaemonSet and one pod on each of `targets`.
    mutating func makeDaemonSet(_ component: PlatformComponent, targets: [SyntheticNode], containers: [Container],
        initContainers: [Container])
    {
        let namespace = component.namespace
        let daemonSetMetadata = metadata(component.name, namespace: namespace, labels: component.labels)
        let count = JSONValue.integer(targets.count)
        add("apps", "daemonsets", ["apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": daemonSetMetadata,
            "spec": ["selector": Self.selector(component.labels),
                "template": Self.podTemplate(labels: component.labels, containers: containers),
                "updateStrategy": ["type": "RollingUpdate"], "revisionHistoryLimit": 10],
            "status": ["currentNumberScheduled": count, "desiredNumberScheduled": count, "numberMisscheduled": 0,
                "numberReady": count, "numberAvailable": count, "updatedNumberScheduled": count, "observedGeneration": 1]])
        var podLabels = component.labels
        podLabels["controller-revision-hash"] = random.hex(10)
        podLabels["pod-template-generation"] = "1"
        let owner = Self.ownerReference("apps/v1", "DaemonSet", of: daemonSetMetadata)
        for node in targets {
            makePod(namespace: namespace, name: "\(component.name)-\(random.hex(5))", labels: podLabels, node: node,
                owner: owner, containers: containers, initContainers: initContainers, podIPIndex: nil, hostNetwork: true)
        }
    }

    /// A StatefulSet and its pods `<name>-0`, `<name>-1`, ..., spread over the workers.
    mutating func makeStatefulSet(_ component: PlatformComponent, replicas: Int, nodes: [SyntheticNode],
        containers: [Container], initContainers: [Container])
    {
        let namespace = component.namespace
        let statefulSetMetadata = metadata(component.name, namespace: namespace, labels: component.labels)
        let revision = "\(component.name)-\(random.hex(10))"
        add("apps", "statefulsets", ["apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": statefulSetMetadata,
            "spec": ["replicas": .integer(replicas), "serviceName": .string(component.name),
                "selector": Self.selector(component.labels),
                "template": Self.podTemplate(labels: component.labels, containers: containers),
                "podManagementPolicy": "Parallel", "updateStrategy": ["type": "RollingUpdate"]],
            "status": ["observedGeneration": 1, "replicas": .integer(replicas), "readyReplicas": .integer(replicas),
                "currentReplicas": .integer(replicas), "updatedReplicas": .integer(replicas),
                "currentRevision": .string(revision), "updateRevision": .string(revision)]])
        let owner = Self.ownerReference("apps/v1", "StatefulSet", of: statefulSetMetadata)
        let workers = nodes.filter { !$0.master }
        let placement = workers.isEmpty ? nodes : workers
        for index in 0..<replicas {
            let name = "\(component.name)-\(index)"
            var podLabels = component.labels
            podLabels["controller-revision-hash"] = revision
            podLabels["statefulset.kubernetes.io/pod-name"] = name
            makePod(namespace: namespace, name: name, labels: podLabels,
                node: placement.isEmpty ? nil : placement[index % placement.count], owner: owner,
                containers: containers, initContainers: initContainers, podIPIndex: index)
        }
    }

    /// The Service in front of a workload's pods.
    mutating func makeService(namespace: String, name: String, labels: [String: String]) {
        let clusterIP = "172.30.\(random.next() % 250).\(random.next() % 250 + 1)"
        add("", "services", ["apiVersion": "v1", "kind": "Service",
            "metadata": metadata(name, namespace: namespace, labels: labels),
            "spec": ["clusterIP": .string(clusterIP), "clusterIPs": [.string(clusterIP)],
                "ports": [["name": "https", "port": 443, "protocol": "TCP", "targetPort": 8443]],
                "selector": .object(labels.mapValues { .string($0) }), "type": "ClusterIP",
                "sessionAffinity": "None", "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack"],
            "status": ["loadBalancer": [:]]])
    }

    static func selector(_ labels: [String: String]) -> JSONValue {
        ["matchLabels": .object(labels.mapValues { .string($0) })]
    }

    static func podTemplate(labels: [String: String], containers: [Container]) -> JSONValue {
        ["metadata": ["labels": .object(labels.mapValues { .string($0) })],
            "spec": ["containers": .array(containers.map { ["name": .string($0.name), "image": .string($0.image),
                "resources": [:], "terminationMessagePolicy": "File", "imagePullPolicy": "IfNotPresent"] }),
                "restartPolicy": "Always", "dnsPolicy": "ClusterFirst", "terminationGracePeriodSeconds": 30]]
    }

    /// The pulled image's ID, `<repository>@sha256:<digest>`, as the runtime reports it.
    mutating func imageID(_ image: String) -> String {
        if image.contains("@sha256:") { return image }
        var repository = image
        if let colon = image.lastIndex(of: ":"), !image[colon...].contains("/") { repository = String(image[..<colon]) }
        if let digest = imageDigests[image] { return "\(repository)@sha256:\(digest)" }
        let digest = PlatformComponent.digest(of: image)
        imageDigests[image] = digest
        return "\(repository)@sha256:\(digest)"
    }

    /// A running pod: its containers (every `restartEvery`-th restarted, with a previous log), init containers that
    /// completed, a log for each, and the kubelet's log folder on its node.
    mutating func makePod(namespace: String, name: String, labels: [String: String], node: SyntheticNode?,
        owner: JSONValue?, containers: [Container], initContainers: [Container], podIPIndex: Int?,
        annotations: [String: String] = [:], hostNetwork: Bool = false)
    {
        var containerSpecs: [JSONValue] = []
        var statuses: [JSONValue] = []
        var initSpecs: [JSONValue] = []
        var initStatuses: [JSONValue] = []
        for container in initContainers {
            initSpecs.append(["name": .string(container.name), "image": .string(container.image),
                "command": ["/bin/setup"], "resources": [:], "terminationMessagePolicy": "File"])
            initStatuses.append(["name": .string(container.name), "ready": true, "restartCount": 0,
                "image": .string(container.image), "imageID": .string(imageID(container.image)),
                "containerID": .string("cri-o://" + random.hex(16) + random.hex(16) + random.hex(16) + random.hex(16)),
                "state": ["terminated": ["exitCode": 0, "reason": "Completed", "startedAt": timestamp(hoursAgo: 47.1),
                    "finishedAt": timestamp(hoursAgo: 47)]]])
            addLog(namespace, name, container.name, previous: false)
        }
        for container in containers {
            let restarted = spec.restartEvery > 0 && data.podLogs.count % spec.restartEvery == 0
            containerSpecs.append(["name": .string(container.name), "image": .string(container.image),
                "ports": [["containerPort": 8443, "protocol": "TCP"]], "resources": [:],
                "terminationMessagePolicy": "File", "imagePullPolicy": "IfNotPresent"])
            var status: [String: JSONValue] = ["name": .string(container.name), "ready": true, "started": true,
                "restartCount": restarted ? 2 : 0, "image": .string(container.image),
                "imageID": .string(imageID(container.image)),
                "containerID": .string("cri-o://" + random.hex(16) + random.hex(16) + random.hex(16) + random.hex(16)),
                "state": ["running": ["startedAt": timestamp(hoursAgo: restarted ? 1 : 47)]], "lastState": [:]]
            if restarted {
                status["lastState"] = ["terminated": ["exitCode": 137, "reason": "OOMKilled",
                    "startedAt": timestamp(hoursAgo: 20), "finishedAt": timestamp(hoursAgo: 1)]]
                addLog(namespace, name, container.name, previous: true)
            }
            statuses.append(.object(status))
            addLog(namespace, name, container.name, previous: false)
        }
        let hostIP = JSONValue.string(node?.address ?? "10.0.0.10")
        let podIP: JSONValue = hostNetwork
            ? hostIP : .string("10.128.\((podIPIndex ?? pods.count) % 250).\(random.next() % 250)")
        var podSpec: [String: JSONValue] = ["containers": .array(containerSpecs), "restartPolicy": "Always",
            "serviceAccountName": "default", "serviceAccount": "default", "dnsPolicy": "ClusterFirst",
            "schedulerName": "default-scheduler", "terminationGracePeriodSeconds": 30, "enableServiceLinks": true,
            "priority": 0, "preemptionPolicy": "PreemptLowerPriority"]
        if let node { podSpec["nodeName"] = .string(node.name) }
        if hostNetwork { podSpec["hostNetwork"] = true }
        let conditions: [JSONValue] = ["Initialized", "Ready", "ContainersReady", "PodScheduled"].map {
            ["type": .string($0), "status": "True", "lastProbeTime": nil, "lastTransitionTime": timestamp(hoursAgo: 46)]
        }
        var podStatus: [String: JSONValue] = ["phase": "Running", "containerStatuses": .array(statuses),
            "hostIP": hostIP, "hostIPs": [["ip": hostIP]], "podIP": podIP, "podIPs": [["ip": podIP]],
            "startTime": timestamp(hoursAgo: 47), "qosClass": "BestEffort", "conditions": .array(conditions)]
        if !initSpecs.isEmpty {
            podSpec["initContainers"] = .array(initSpecs)
            podStatus["initContainerStatuses"] = .array(initStatuses)
        }
        let podMetadata = metadata(name, namespace: namespace, labels: labels, annotations: annotations, owner: owner)
        let uid = podMetadata["uid"]?.stringValue ?? ""
        if let node {
            let folder = "pods/\(namespace)_\(name)_\(annotations["kubernetes.io/config.hash"] ?? uid)"
            for container in initContainers + containers {
                addKubeletLogFolder(folder + "/" + container.name, node: node.name, namespace: namespace, pod: name,
                    container: container.name)
            }
        }
        pods.append(PodReference(namespace: namespace, name: name, uid: uid, node: node?.name ?? ""))
        add("", "pods", ["apiVersion": "v1", "kind": "Pod", "metadata": podMetadata,
            "spec": .object(podSpec), "status": .object(podStatus)])
    }

    // MARK: Events

    /// Events about the pods, as the kubelet and the scheduler report them, each naming a pod that exists. They go
    /// round the pods in the order they were made, so that every pod has its share, the control plane's first.
    mutating func makeEvents() {
        guard !pods.isEmpty else { return }
        let reasons = ["Scheduled", "Pulled", "Created", "Started", "BackOff", "Unhealthy", "FailedMount", "Killing"]
        for index in 0..<spec.events {
            let pod = pods[index % pods.count]
            let reason = reasons[Int(random.next() % UInt64(reasons.count))]
            let time = timestamp(hoursAgo: Double(index % 48) + 0.5)
            let scheduler = reason == "Scheduled"
            add("", "events", ["apiVersion": "v1", "kind": "Event",
                "metadata": metadata("\(pod.name).\(random.hex(16))", namespace: pod.namespace),
                "involvedObject": ["apiVersion": "v1", "kind": "Pod", "namespace": .string(pod.namespace),
                    "name": .string(pod.name), "uid": .string(pod.uid)],
                "reason": .string(reason), "message": .string("\(reason) for \(pod.name) (event \(index))"),
                "type": reason == "BackOff" || reason == "Unhealthy" || reason == "FailedMount" ? "Warning" : "Normal",
                "source": scheduler ? ["component": "default-scheduler"]
                    : ["component": "kubelet", "host": .string(pod.node)],
                "reportingComponent": scheduler ? "default-scheduler" : "kubelet",
                "reportingInstance": scheduler ? "" : .string(pod.node),
                "firstTimestamp": time, "lastTimestamp": time, "count": 1])
        }
    }
}
