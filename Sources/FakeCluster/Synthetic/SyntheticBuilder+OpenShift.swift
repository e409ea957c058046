import JSONCoding
import KubeClient

/// The OpenShift types: the ClusterVersion and cluster operators of ``OpenShiftRelease``, the `config.openshift.io`
/// singletons, the operator resources, routes and service monitors, each with the fields its CRD schema requires.
extension SyntheticBuilder {
    mutating func makeOpenShiftTypes(workloads: [String]) {
        let release = OpenShiftRelease.version
        add("config.openshift.io", "clusterversions", ["apiVersion": "config.openshift.io/v1", "kind": "ClusterVersion",
            "metadata": metadata("version", hoursAgo: 240),
            "spec": ["channel": .string(OpenShiftRelease.channel), "clusterID": uid()],
            "status": ["desired": ["version": .string(release), "image": .string(OpenShiftRelease.image)],
                "history": [["state": "Completed", "version": .string(release), "image": .string(OpenShiftRelease.image),
                    "verified": false, "startedTime": timestamp(hoursAgo: 240), "completionTime": timestamp(hoursAgo: 239)]],
                "availableUpdates": nil, "observedGeneration": 1, "versionHash": .string(random.hex(11)),
                "conditions": [
                    ["type": "Available", "status": "True", "lastTransitionTime": timestamp(hoursAgo: 239),
                        "message": .string("Done applying \(release)")],
                    ["type": "Failing", "status": "False", "lastTransitionTime": timestamp(hoursAgo: 239)],
                    ["type": "Progressing", "status": "False", "lastTransitionTime": timestamp(hoursAgo: 239),
                        "message": .string("Cluster version is \(release)")],
                    ["type": "RetrievedUpdates", "status": "False", "lastTransitionTime": timestamp(hoursAgo: 240),
                        "reason": "NoChannel", "message": "The update channel has not been configured."],
                ]]])
        for clusterOperator in OpenShiftRelease.clusterOperators {
            makeClusterOperator(clusterOperator)
        }
        for singleton in ServedTypes.openshiftConfigSingletons {
            var specBody: [String: JSONValue] = [:]
            if singleton.name == "proxies" {
                specBody["httpProxy"] = "http://proxyuser:proxy-password-canary@proxy.example:3128"
                data.canaries.append("proxy-password-canary")
            }
            if singleton.name == "apiservers" { specBody["audit"] = ["profile": "Default"] }
            add("config.openshift.io", singleton.name, ["apiVersion": "config.openshift.io/v1",
                "kind": .string(singleton.kind), "metadata": metadata("cluster", hoursAgo: 240), "spec": .object(specBody)])
        }
        for (plural, kind) in [("etcds", "Etcd"), ("kubeapiservers", "KubeAPIServer")] {
            add("operator.openshift.io", plural, ["apiVersion": "operator.openshift.io/v1", "kind": .string(kind),
                "metadata": metadata("cluster", hoursAgo: 240),
                "spec": ["managementState": "Managed", "logLevel": "Normal", "operatorLogLevel": "Normal"]])
        }
        let routed = workloads.map { ($0, "\($0)-route", "\($0)-app") }
            + [("openshift-monitoring", "prometheus-k8s", "prometheus-k8s"),
                ("openshift-authentication", "oauth-openshift", "oauth-openshift"),
                ("openshift-console", "console", "console")]
        for (namespace, name, service) in routed {
            let routeKey = "route-key-canary-\(random.hex(12))"
            data.canaries.append(routeKey)
            let host = "\(name)-\(namespace).apps.example"
            add("route.openshift.io", "routes", ["apiVersion": "route.openshift.io/v1", "kind": "Route",
                "metadata": metadata(name, namespace: namespace),
                "spec": ["host": .string(host), "to": ["kind": "Service", "name": .string(service), "weight": 100],
                    "port": ["targetPort": "https"], "wildcardPolicy": "None",
                    "tls": ["termination": "edge", "key": .string(routeKey), "certificate": "-----BEGIN CERTIFICATE-----"]],
                "status": ["ingress": [["host": .string(host), "routerName": "default", "wildcardPolicy": "None",
                    "routerCanonicalHostname": "router-default.apps.example",
                    "conditions": [["type": "Admitted", "status": "True", "lastTransitionTime": timestamp(hoursAgo: 47)]]]]]])
        }
        for namespace in workloads + ["openshift-monitoring"] {
            add("monitoring.coreos.com", "servicemonitors", ["apiVersion": "monitoring.coreos.com/v1",
                "kind": "ServiceMonitor", "metadata": metadata("\(namespace)-monitor", namespace: namespace),
                "spec": ["endpoints": [["port": "metrics", "interval": "30s", "scheme": "https"]],
                    "selector": ["matchLabels": ["app": .string("\(namespace)-app")]]]])
        }
    }

    /// One cluster operator as the release's shows it: all well (but monitoring, which is degraded, as operators
    /// sometimes are), with its operands' versions and its related objects.
    mutating func makeClusterOperator(_ model: OpenShiftRelease.ClusterOperatorModel) {
        let degraded = model.name == "monitoring"
        let related: [JSONValue] = model.related.map { reference in
            var members: [String: JSONValue] = ["group": .string(reference.group), "resource": .string(reference.resource),
                "name": .string(reference.name)]
            if let namespace = reference.namespace { members["namespace"] = .string(namespace) }
            return .object(members)
        }
        let conditions: [JSONValue] = [
            ["type": "Degraded", "status": degraded ? "True" : "False",
                "reason": degraded ? "UpdatingAlertmanagerFailed" : "AsExpected",
                "message": degraded ? "Failed to rollout the stack. Error: alertmanager is unavailable" : "All is well",
                "lastTransitionTime": timestamp(hoursAgo: degraded ? 2 : 200)],
            ["type": "Progressing", "status": "False", "reason": "AsExpected",
                "lastTransitionTime": timestamp(hoursAgo: 200)],
            ["type": "Available", "status": "True", "reason": "AsExpected",
                "lastTransitionTime": timestamp(hoursAgo: 200)],
            ["type": "Upgradeable", "status": "True", "reason": "AsExpected", "message": "All is well",
                "lastTransitionTime": timestamp(hoursAgo: 200)],
        ]
        add("config.openshift.io", "clusteroperators", ["apiVersion": "config.openshift.io/v1", "kind": "ClusterOperator",
            "metadata": metadata(model.name, annotations: [
                "include.release.openshift.io/self-managed-high-availability": "true",
                "include.release.openshift.io/single-node-developer": "true"], hoursAgo: 240),
            "spec": [:],
            "status": ["conditions": .array(conditions), "extension": nil, "relatedObjects": .array(related),
                "versions": .array(model.operands.map { ["name": .string($0), "version": .string(OpenShiftRelease.version)] })]])
    }
}
