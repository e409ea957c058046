import KubeClient

/// The pods the stock must-gather scripts run commands in or copy files out of, with what those find inside: etcd
/// members for etcdctl, Prometheus and Alertmanager API answers for curl, a router's haproxy.config and the insights
/// operator's archive folder.
extension Builder {
    mutating func makeExecTargets(nodes: [(name: String, master: Bool)]) {
        let masters = nodes.enumerated().filter { $0.element.master }
        for namespace in ["openshift-ingress", "openshift-insights"] {
            add("", "namespaces", ["apiVersion": "v1", "kind": "Namespace",
                "metadata": metadata(namespace, labels: ["kubernetes.io/metadata.name": namespace]),
                "spec": ["finalizers": ["kubernetes"]], "status": ["phase": "Active"]])
        }
        let etcd = EtcdModel(clusterID: random.next(), members: masters.map { index, node in
            EtcdModel.Member(id: random.next(), name: node.name, ip: "10.0.0.\(index + 10)")
        })
        var etcdContents = PodContents()
        etcdContents.answers = etcd.answers
        for (index, node) in masters {
            let pod = "etcd-\(node.name)"
            makePod(namespace: "openshift-etcd", name: pod, labels: ["app": "etcd", "etcd": "true", "k8s-app": "etcd"],
                node: node.name, index: index, containerNames: ["etcdctl", "etcd"])
            data.podContents[.init(namespace: "openshift-etcd", pod: pod)] = etcdContents
        }
        let firstNode = nodes.first?.name ?? "master-0"
        for index in 0..<2 {
            let pod = "prometheus-k8s-\(index)"
            makePod(namespace: "openshift-monitoring", name: pod,
                labels: ["prometheus": "k8s", "app.kubernetes.io/name": "prometheus"], node: firstNode, index: index,
                containerNames: ["prometheus", "config-reloader"])
            data.podContents[.init(namespace: "openshift-monitoring", pod: pod)] = prometheusContents(pod)
        }
        makePod(namespace: "openshift-monitoring", name: "alertmanager-main-0",
            labels: ["alertmanager": "main", "app.kubernetes.io/name": "alertmanager"], node: firstNode, index: 0,
            containerNames: ["alertmanager"])
        var alertmanager = PodContents()
        alertmanager.answers[["curl", "-sG", "http://localhost:9093/api/v2/status"]] = JSONWriter.bytes(of: [
            "cluster": ["name": "01J0FAKECLUSTER", "status": "ready", "peers": []],
            "config": ["original": "global:\n  resolve_timeout: 5m\nroute:\n  receiver: Default\nreceivers:\n- name: Default\n"],
            "uptime": "2026-01-01T00:00:00.000Z", "versionInfo": ["version": "0.27.0"],
        ])
        data.podContents[.init(namespace: "openshift-monitoring", pod: "alertmanager-main-0")] = alertmanager
        let router = "router-default-\(random.hex(10))-\(random.hex(5))"
        makePod(namespace: "openshift-ingress", name: router,
            labels: ["ingresscontroller.operator.openshift.io/deployment-ingresscontroller": "default"],
            node: firstNode, index: 0, containerNames: ["router"])
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
        data.podContents[.init(namespace: "openshift-ingress", pod: router)] = routerContents
        let insights = "insights-operator-\(random.hex(10))-\(random.hex(5))"
        makePod(namespace: "openshift-insights", name: insights, labels: ["app": "insights-operator"], node: firstNode,
            index: 0, containerNames: ["insights-operator"])
        var insightsContents = PodContents()
        insightsContents.files["/var/lib/insights-operator/insights-2026-01-01-000000.tar.gz"] =
            Self.gzip(Array("config/version.json {\"kind\":\"ClusterVersion\"}\n".utf8))
        insightsContents.files["/var/lib/insights-operator/conditional-gatherer-rules.json"] =
            Array("{\"version\":\"1.0.0\",\"rules\":[]}\n".utf8)
        data.podContents[.init(namespace: "openshift-insights", pod: insights)] = insightsContents
    }

    /// What `curl -sG http://localhost:9090/api/v1/...` answers in a Prometheus pod, for what gather_monitoring asks.
    func prometheusContents(_ pod: String) -> PodContents {
        let data: [String: JSONValue] = [
            "alertmanagers": ["activeAlertmanagers": [["url": "https://10.128.2.5:9095/api/v2/alerts"]],
                "droppedAlertmanagers": []],
            "rules": ["groups": [["name": "etcd", "file": "/etc/prometheus/rules/etcd.yaml", "interval": 30,
                "rules": [["name": "etcdMembersDown", "query": "max without (endpoint) (up{job=~\".*etcd.*\"} == 0)",
                    "type": "alerting", "health": "ok", "state": "inactive"]]]]],
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
