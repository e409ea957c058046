import Foundation

/// What a replayed cluster's pods answer over exec, from what the original gather collected that way: etcdctl's
/// JSON from `etcd_info/*.json` in every `app=etcd` pod of `openshift-etcd`, and each router's
/// `ingress_controllers/<ic>/<pod>/haproxy.config` as that pod's file.
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
}
