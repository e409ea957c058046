import Foundation

/// What a replayed cluster's pods answer over exec, from what the original gather collected that way: etcdctl's
/// JSON from `etcd_info/*.json` in every `app=etcd` pod of `openshift-etcd`, each router's
/// `ingress_controllers/<ic>/<pod>/haproxy.config` as that pod's file, and Prometheus's alerting rules
/// (`monitoring/alerts.json`, which releases up to 4.9 wrote from `/api/v1/rules?type=alert`) in every
/// `prometheus=k8s` pod.
enum ReplayedPodContents {
    public static func load(root: String, pods: ResourceTable?) -> [PodContents.Key: PodContents] {
        var contents: [PodContents.Key: PodContents] = [:]
        var etcd = PodContents()
        for (file, arguments) in [("member_list", ["member", "list"]), ("endpoint_status", ["endpoint", "status"]),
            ("endpoint_health", ["endpoint", "health"]), ("alarm_list", ["alarm", "list"])]
        {
            if let bytes = FileManager.default.contents(atPath: root + "/etcd_info/\(file).json") {
                etcd.answers[["etcdctl"] + arguments + ["-w", "json"]] = Array(bytes)
            }
        }
        if !etcd.answers.isEmpty {
            for pod in pods?.objects(in: "openshift-etcd", matching: LabelSelector(parsing: "app=etcd")!) ?? [] {
                contents[.init(namespace: "openshift-etcd", pod: pod.name)] = etcd
            }
        }
        if let alerts = FileManager.default.contents(atPath: root + "/monitoring/alerts.json") {
            for pod in pods?.objects(in: "openshift-monitoring", matching: LabelSelector(parsing: "prometheus=k8s")!)
                ?? []
            {
                contents[.init(namespace: "openshift-monitoring", pod: pod.name), default: PodContents()]
                    .answers[["curl", "-sG", "http://localhost:9090/api/v1/rules?type=alert"]] = Array(alerts)
            }
        }
        let ingress = root + "/ingress_controllers"
        for controller in ReplayedCluster.entries(ingress) {
            for pod in ReplayedCluster.entries(ingress + "/" + controller) {
                guard let config = FileManager.default.contents(atPath: "\(ingress)/\(controller)/\(pod)/haproxy.config")
                else { continue }
                contents[.init(namespace: "openshift-ingress", pod: pod), default: PodContents()]
                    .files["/var/lib/haproxy/conf/haproxy.config"] = Array(config)
            }
        }
        return contents
    }

    /// The API server's priority-and-fairness dumps, from the first kube-apiserver pod folder that has them: the
    /// stock script wrote each pod's copy from whichever API server answered, and a replay is one server.
    static func debugDocuments(root: String) -> [String: [UInt8]] {
        let pods = root + "/namespaces/openshift-kube-apiserver/pods"
        for pod in ReplayedCluster.entries(pods) {
            let folder = "\(pods)/\(pod)/kube-apiserver/kube-apiserver/api_priority_and_fairness"
            var documents: [String: [UInt8]] = [:]
            for (file, endpoint) in [("priority_levels", "dump_priority_levels"), ("queues", "dump_queues"),
                ("requests", "dump_requests")]
            {
                if let bytes = FileManager.default.contents(atPath: folder + "/" + file) {
                    documents["/debug/api_priority_and_fairness/" + endpoint] = Array(bytes)
                }
            }
            if !documents.isEmpty { return documents }
        }
        return [:]
    }
}
