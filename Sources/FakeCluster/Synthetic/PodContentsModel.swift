import JSONCoding
import KubeClient

/// What the stock must-gather scripts find inside the pods they run commands in or copy files out of: etcd members
/// for etcdctl, Prometheus and Alertmanager API answers for curl, a router's haproxy.config, the insights
/// operator's archive folder, and the machine-config daemons' files (the logs kept from before a restart on the first
/// master, the on-disk config of the Degraded worker). The pods themselves are the platform's components (``PlatformComponent``); this only
/// models their contents, after every object is made, so the objects stay the same.
extension SyntheticBuilder {
    mutating func modelPodContents(nodes: [SyntheticNode]) {
        let masters = nodes.filter(\.master).enumerated()
        let etcd = EtcdModel(clusterID: random.next(), members: masters.map { index, node in
            EtcdModel.Member(id: random.next(), name: node.name, ip: "10.0.0.\(index + 10)")
        })
        var etcdContents = PodContents()
        etcdContents.answers = etcd.answers
        for pod in pods(in: "openshift-etcd", "app=etcd") {
            data.podContents[.init(namespace: "openshift-etcd", pod: pod)] = etcdContents
        }
        for pod in pods(in: "openshift-monitoring", "prometheus=k8s") {
            data.podContents[.init(namespace: "openshift-monitoring", pod: pod)] = prometheusContents(pod)
        }
        var alertmanager = PodContents()
        alertmanager.answers[["curl", "-sG", "http://localhost:9093/api/v2/status"]] = JSONWriter.bytes(of: [
            "cluster": ["name": "01J0FAKECLUSTER", "status": "ready", "peers": []],
            "config": ["original": "global:\n  resolve_timeout: 5m\nroute:\n  receiver: Default\nreceivers:\n- name: Default\n"],
            "uptime": "2026-01-01T00:00:00.000Z", "versionInfo": ["version": "0.27.0"],
        ])
        for pod in pods(in: "openshift-monitoring", "alertmanager=main") {
            data.podContents[.init(namespace: "openshift-monitoring", pod: pod)] = alertmanager
        }
        var routerContents = PodContents()
        routerContents.files["/var/lib/haproxy/conf/haproxy.config"] = Array("""
            global
              maxconn 50000
              nbthread 4
            defaults
              mode http
              timeout connect 5s
            frontend public
              bind :80
              default_backend openshift_default
            backend openshift_default
              server default 127.0.0.1:10080

            """.utf8)
        for pod in pods(in: "openshift-ingress", "ingresscontroller.operator.openshift.io/deployment-ingresscontroller=default") {
            data.podContents[.init(namespace: "openshift-ingress", pod: pod)] = routerContents
        }
        var insightsContents = PodContents()
        insightsContents.files["/var/lib/insights-operator/insights-2026-01-01-000000.tar.gz"] =
            Self.gzip(Array("config/version.json {\"kind\":\"ClusterVersion\"}\n".utf8))
        insightsContents.files["/var/lib/insights-operator/conditional-gatherer-rules.json"] =
            Array("{\"version\":\"1.0.0\",\"rules\":[]}\n".utf8)
        for pod in pods(in: "openshift-insights", "app=insights-operator") {
            data.podContents[.init(namespace: "openshift-insights", pod: pod)] = insightsContents
        }
        modelMachineConfigDaemons()
    }

    /// The daemon on `master-0` restarted once and kept its earlier log; the one on `worker-0`, whose node is
    /// Degraded, holds the config it wrote and its diff against the bootstrap config.
    mutating func modelMachineConfigDaemons() {
        let namespace = "openshift-machine-config-operator"
        guard let selector = LabelSelector(parsing: "k8s-app=machine-config-daemon") else { return }
        for pod in data.table(group: "", name: "pods")?.objects(in: namespace, matching: selector) ?? [] {
            var contents = PodContents()
            switch pod.value[path: "spec", "nodeName"]?.stringValue {
            case "master-0":
                contents.files["/rootfs/etc/machine-config-daemon/previous-logs/machine-config-daemon.log"] =
                    Array("I0101 00:00:00.000000 1 daemon.go:1234] Starting MachineConfigDaemon\n".utf8)
            case "worker-0":
                contents.files["/rootfs/etc/mcs-machine-config-content.json"] =
                    Array("{\"kind\":\"MachineConfig\",\"metadata\":{\"name\":\"rendered-worker-1\"}}\n".utf8)
                contents.files["/rootfs/etc/machine-config-daemon/bootstrapconfigdiff"] =
                    Array("--- bootstrap\n+++ current\n-kernelArguments: []\n+kernelArguments: [nosmt]\n".utf8)
            default:
                continue
            }
            data.podContents[.init(namespace: namespace, pod: pod.name)] = contents
        }
    }

    /// The names of the pods in `namespace` that `selector` matches.
    func pods(in namespace: String, _ selector: String) -> [String] {
        guard let selector = LabelSelector(parsing: selector) else { return [] }
        return data.table(group: "", name: "pods")?.objects(in: namespace, matching: selector).map(\.name) ?? []
    }

    /// What `curl -sG http://localhost:9090/api/v1/...` answers in a Prometheus pod, for what gather_monitoring asks.
    func prometheusContents(_ pod: String) -> PodContents {
        let data: [String: JSONValue] = [
            "alertmanagers": ["activeAlertmanagers": [["url": "https://10.128.2.5:9095/api/v2/alerts"]],
                "droppedAlertmanagers": []],
            "rules": ["groups": [["name": "etcd", "file": "/etc/prometheus/rules/etcd.yaml", "interval": 30,
                "rules": [["name": "etcdMembersDown", "query": "max without (endpoint) (up{job=~\".*etcd.*\"} == 0)",
                    "type": "alerting", "health": "ok", "state": "inactive"]]]]],
            "rules?type=alert": ["groups": [["name": "etcd", "file": "/etc/prometheus/rules/etcd.yaml", "interval": 30,
                "rules": [["name": "etcdMembersDown", "query": "max without (endpoint) (up{job=~\".*etcd.*\"} == 0)",
                    "type": "alerting", "health": "ok", "state": "inactive", "alerts": []]]]]],
            "status/config": ["yaml": "global:\n  scrape_interval: 30s\n"],
            "status/flags": ["storage.tsdb.retention.time": "15d", "web.listen-address": "127.0.0.1:9090"],
            "status/runtimeinfo": ["startTime": "2026-01-01T00:00:00Z", "goroutineCount": 512,
                "storageRetention": "15d", "hostname": .string(pod)],
            "targets?state=active": ["activeTargets": [["scrapeUrl": "https://10.0.0.10:10250/metrics",
                "health": "up", "labels": ["job": "kubelet"]]], "droppedTargets": []],
            "status/tsdb": ["headStats": ["numSeries": 845_211, "chunkCount": 1_690_422],
                "seriesCountByMetricName": [["name": "apiserver_request_duration_seconds_bucket", "value": 41_000]]],
        ]
        var contents = PodContents()
        for (query, answer) in data {
            contents.answers[["curl", "-sG", "http://localhost:9090/api/v1/\(query)"]] =
                JSONWriter.bytes(of: ["status": "success", "data": answer])
        }
        return contents
    }
}
