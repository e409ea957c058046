import JSONCoding

/// Pods that are not running as they should, and the pods whose containers restarted most.
struct PodTroubles: Equatable {
    /// One pod.
    struct Pod: Equatable {
        var namespace: String
        var name: String
        /// What kubectl's STATUS column would say: a container's waiting or terminated reason, else the phase.
        var status: String
        var restarts: Int
        var node: String
        /// The containers whose logs the page links to: those that restarted or are not running, else all.
        var containers: [String]
        /// Links to the gathered logs of its containers (filled in for listed pods only).
        var logs: [LogLink] = []
    }

    var total = 0
    var notRunning: [Pod] = []
    var notRunningNotListed = 0
    /// The pods with the most restarts (at least one), most first.
    var mostRestarts: [Pod] = []

    static let maximumNotRunning = 200
    static let maximumRestarting = 25

    /// Reads every namespace's `core/pods.yaml`, one pod at a time.
    static func read(_ folder: MustGatherFolder) -> PodTroubles {
        var troubles = PodTroubles()
        var restarting = TopList<Pod>(capacity: maximumRestarting) {
            ($0.restarts, $1.namespace, $1.name) > ($1.restarts, $0.namespace, $0.name)
        }
        folder.forEachNamespacedObject(group: "core", resource: "pods") { namespace, object in
            troubles.total += 1
            let pod = Self.pod(object, namespace: namespace)
            if pod.restarts > 0 { restarting.offer(pod) }
            guard !["Running", "Completed", "Succeeded"].contains(pod.status) else { return }
            if troubles.notRunning.count < maximumNotRunning {
                troubles.notRunning.append(pod)
            } else {
                troubles.notRunningNotListed += 1
            }
        }
        troubles.mostRestarts = restarting.elements.map { linked($0, folder) }
        troubles.notRunning = troubles.notRunning.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
            .map { linked($0, folder) }
        return troubles
    }

    private static func linked(_ pod: Pod, _ folder: MustGatherFolder) -> Pod {
        var pod = pod
        pod.logs = pod.containers.flatMap {
            LogLink.links(namespace: pod.namespace, pod: pod.name, container: $0, in: folder)
        }
        return pod
    }

    static func pod(_ object: JSONValue, namespace: String) -> Pod {
        let status = object["status"]
        let initial = status?["initContainerStatuses"]?.arrayValue ?? []
        let main = status?["containerStatuses"]?.arrayValue ?? []
        let restarts = (initial + main).reduce(0) { $0 + ($1["restartCount"]?.intValue ?? 0) }
        let troubled = (initial + main).filter { container in
            (container["restartCount"]?.intValue ?? 0) > 0 || container[path: "state", "waiting"] != nil
                || (container[path: "state", "terminated", "exitCode"]?.intValue ?? 0) != 0
        }
        let declared = (object[path: "spec", "initContainers"]?.arrayValue ?? [])
            + (object[path: "spec", "containers"]?.arrayValue ?? [])
        return Pod(namespace: object[path: "metadata", "namespace"]?.stringValue ?? namespace,
            name: object[path: "metadata", "name"]?.stringValue ?? "", status: statusText(object),
            restarts: restarts, node: object[path: "spec", "nodeName"]?.stringValue ?? "",
            containers: (troubled.isEmpty ? declared : troubled).compactMap { $0["name"]?.stringValue })
    }

    /// kubectl's STATUS, simplified: terminating; an init container's trouble as `Init:REASON`; a container's
    /// waiting or failed terminated reason; the pod's reason (Evicted); else its phase (Running as Running,
    /// Succeeded as Completed).
    static func statusText(_ object: JSONValue) -> String {
        if object[path: "metadata", "deletionTimestamp"] != nil { return "Terminating" }
        let status = object["status"]
        let phase = status?["phase"]?.stringValue ?? "Unknown"
        for container in status?["initContainerStatuses"]?.arrayValue ?? [] {
            if let reason = container[path: "state", "waiting", "reason"]?.stringValue, reason != "PodInitializing" {
                return "Init:" + reason
            }
            if let code = container[path: "state", "terminated", "exitCode"]?.intValue, code != 0 {
                return "Init:" + (container[path: "state", "terminated", "reason"]?.stringValue ?? "Error")
            }
        }
        for container in status?["containerStatuses"]?.arrayValue ?? [] {
            if let reason = container[path: "state", "waiting", "reason"]?.stringValue { return reason }
            if phase == "Running", let terminated = container[path: "state", "terminated"] {
                return terminated["reason"]?.stringValue ?? "Terminated"
            }
        }
        if let reason = status?["reason"]?.stringValue { return reason }
        return phase == "Succeeded" ? "Completed" : phase
    }
}
