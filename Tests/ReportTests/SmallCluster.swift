import TestSupport

/// Small gathered trees for the report's tests, written as oc lays them out: a degraded operator, a node not ready,
/// a crash-looping pod with its logs, warnings, etcd with an alarm, and a gather summary with a problem and a skip.
enum SmallCluster {
    static func clusterOperator(_ name: String, available: String = "True", progressing: String = "False",
        degraded: String = "False", message: String = "All is well") -> String
    {
        """
        - apiVersion: config.openshift.io/v1
          kind: ClusterOperator
          metadata:
            name: \(quoted(name))
          status:
            conditions:
            - {type: Available, status: "\(available)", message: \(quoted(message))}
            - {type: Progressing, status: "\(progressing)", message: ""}
            - {type: Degraded, status: "\(degraded)", message: \(quoted(message))}
            versions:
            - {name: operator, version: 4.16.3}

        """
    }

    static func node(_ name: String, role: String, ready: Bool) -> String {
        """
        apiVersion: v1
        kind: Node
        metadata:
          name: \(quoted(name))
          labels:
            node-role.kubernetes.io/\(role): ""
        status:
          nodeInfo: {kubeletVersion: v1.29.6}
          conditions:
          - {type: MemoryPressure, status: "False", reason: KubeletHasSufficientMemory, message: ok}
          - {type: DiskPressure, status: "\(ready ? "False" : "True")", reason: KubeletHasDiskPressure, message: disk full}
          - {type: Ready, status: "\(ready ? "True" : "False")", reason: KubeletNotReady, message: PLEG is not healthy}

        """
    }

    static func pod(_ name: String, namespace: String, waiting: String? = nil, restarts: Int = 0,
        container: String = "main") -> String
    {
        let state = waiting.map { "waiting: {reason: \(quoted($0))}" } ?? "running: {startedAt: \"2024-01-01T00:00:00Z\"}"
        return """
            - apiVersion: v1
              kind: Pod
              metadata: {name: \(quoted(name)), namespace: \(quoted(namespace))}
              spec:
                nodeName: worker-0
                containers:
                - name: \(quoted(container))
              status:
                phase: Running
                containerStatuses:
                - name: \(quoted(container))
                  restartCount: \(restarts)
                  state: {\(state)}

            """
    }

    static func warning(reason: String, object: String, namespace: String, count: Int, time: String,
        message: String) -> String
    {
        """
        - apiVersion: v1
          kind: Event
          type: Warning
          reason: \(quoted(reason))
          count: \(count)
          lastTimestamp: "\(time)"
          message: \(quoted(message))
          metadata: {namespace: \(quoted(namespace))}
          involvedObject: {kind: Pod, name: \(quoted(object)), namespace: \(quoted(namespace))}

        """
    }

    /// A tree with a bit of everything, at `prefix` inside `directory` ("" for our layout).
    static func write(into directory: TemporaryDirectory, prefix: String = "") throws {
        try directory.write(prefix + "cluster-scoped-resources/config.openshift.io/clusteroperators.yaml",
            "apiVersion: v1\nkind: ClusterOperatorList\nitems:\n"
                + clusterOperator("etcd") + clusterOperator("monitoring", degraded: "True", message: "Prometheus is down")
                + clusterOperator("ingress", available: "False", progressing: "True", message: "no router"))
        try directory.write(prefix + "cluster-scoped-resources/config.openshift.io/clusterversions.yaml", """
            kind: ClusterVersionList
            items:
            - metadata: {name: version}
              spec: {channel: stable-4.16, clusterID: 1234-abcd}
              status:
                desired: {version: 4.16.3}
                history:
                - {state: Completed, version: 4.16.3}

            """)
        try directory.write(prefix + "cluster-scoped-resources/config.openshift.io/infrastructures/cluster.yaml", """
            kind: Infrastructure
            metadata: {name: cluster}
            status: {platform: BareMetal, platformStatus: {type: BareMetal}, infrastructureName: lab-x7}

            """)
        try directory.write(prefix + "cluster-scoped-resources/core/nodes/master-0.yaml",
            node("master-0", role: "master", ready: true))
        try directory.write(prefix + "cluster-scoped-resources/core/nodes/worker-0.yaml",
            node("worker-0", role: "worker", ready: true))
        try directory.write(prefix + "cluster-scoped-resources/core/nodes/worker-1.yaml",
            node("worker-1", role: "worker", ready: false))
        try directory.write(prefix + "namespaces/shop/core/pods.yaml", "kind: PodList\nitems:\n"
            + pod("cart-1", namespace: "shop", waiting: "CrashLoopBackOff", restarts: 42)
            + pod("web-1", namespace: "shop", restarts: 3) + pod("web-2", namespace: "shop"))
        try directory.write(prefix + "namespaces/shop/pods/cart-1/main/main/logs/current.log", "boom\n")
        try directory.write(prefix + "namespaces/shop/pods/cart-1/main/main/logs/previous.log", "boom before\n")
        try directory.write(prefix + "namespaces/shop/core/events.yaml", "kind: EventList\nitems:\n"
            + warning(reason: "BackOff", object: "cart-1", namespace: "shop", count: 30, time: "2024-01-01T10:00:00Z",
                message: "Back-off restarting failed container")
            + warning(reason: "BackOff", object: "cart-1", namespace: "shop", count: 5, time: "2024-01-01T11:00:00Z",
                message: "Back-off again")
            + warning(reason: "FailedMount", object: "web-1", namespace: "shop", count: 2, time: "2024-01-01T09:00:00Z",
                message: "secret not found")
            + """
            - {type: Normal, reason: Pulled, count: 99, message: fine, involvedObject: {kind: Pod, name: web-1}}

            """)
        try directory.write(prefix + "etcd_info/alarm_list.json",
            #"{"header":{},"alarms":[{"memberID":13518803987065864191,"alarm":"NOSPACE"}]}"#)
        try directory.write(prefix + "etcd_info/endpoint_health.json",
            #"[{"endpoint":"https://10.0.0.1:2379","health":true,"took":"9ms"},{"endpoint":"https://10.0.0.2:2379","health":false,"took":"5s","error":"context deadline exceeded"}]"#)
        try directory.write(prefix + "gather-summary.json", """
            {"toolVersion": "1.2.3", "startedAt": "2024-01-01T12:00:00Z", "endedAt": "2024-01-01T12:01:00Z",
             "options": {"since": "the last 2h0m0s"},
             "collectors": [
              {"name": "version", "kind": "version", "status": "succeeded", "startedAt": "2024-01-01T12:00:00Z",
               "endedAt": "2024-01-01T12:00:00Z", "seconds": 0.1, "files": 1, "bytes": 30, "problems": [], "notes": []},
              {"name": "inspect", "kind": "inspect", "status": "partial", "startedAt": "2024-01-01T12:00:01Z",
               "endedAt": "2024-01-01T12:00:41Z", "seconds": 40, "files": 900, "bytes": 52000000,
               "problems": [{"subject": "pods/cart-1", "message": "log stream ended early"}], "problemsNotListed": 7,
               "notes": ["the server doesn't have a resource type egressfirewalls, skipping the inspection"],
               "reason": "8 problems, see problems"},
              {"name": "audit-logs", "kind": "nodeFiles", "status": "skipped", "files": 0, "bytes": 0,
               "problems": [], "notes": [], "reason": "the run's deadline passed before it started"}
             ]}
            """)
    }

    /// `text` as a double-quoted YAML scalar, whatever it holds.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
