import JSONCoding

/// OLM as a cluster shows it: the catalog sources of `openshift-marketplace`, the operator groups of the release, the
/// `packageserver` CSV, and one add-on installed from a catalog (MetalLB, in `metallb-system`: its Subscription,
/// InstallPlan, CSV, OperatorCondition, Operator and a `MetalLB` resource), so that an entry conditioned on a
/// Subscription finds one and the others find none.
extension SyntheticBuilder {
    /// The namespace the add-on operator is installed in.
    static let addOnNamespace = "metallb-system"

    mutating func makeOperatorLifecycle(nodes: [SyntheticNode]) {
        for catalog in ["redhat-operators", "certified-operators", "community-operators", "redhat-marketplace"] {
            add("operators.coreos.com", "catalogsources", ["apiVersion": "operators.coreos.com/v1alpha1",
                "kind": "CatalogSource", "metadata": metadata(catalog, namespace: "openshift-marketplace"),
                "spec": ["sourceType": "grpc", "image": .string("registry.example/\(catalog)-index:v4.8"),
                    "displayName": .string(catalog), "publisher": "Red Hat",
                    "updateStrategy": ["registryPoll": ["interval": "10m0s"]]],
                "status": ["connectionState": ["address": .string("\(catalog).openshift-marketplace.svc:50051"),
                    "lastObservedState": "READY", "lastConnect": timestamp(hoursAgo: 0.2)]]])
        }
        for (name, namespace, global) in [("global-operators", "openshift-operators", true),
            ("olm-operators", "openshift-operator-lifecycle-manager", false),
            ("openshift-cluster-monitoring", "openshift-monitoring", false),
            ("metallb-operator", Self.addOnNamespace, false)]
        {
            add("operators.coreos.com", "operatorgroups", ["apiVersion": "operators.coreos.com/v1",
                "kind": "OperatorGroup", "metadata": metadata(name, namespace: namespace),
                "spec": global ? ["upgradeStrategy": "Default"]
                    : ["targetNamespaces": [.string(namespace)], "upgradeStrategy": "Default"],
                "status": ["namespaces": [global ? "" : .string(namespace)], "lastUpdated": timestamp(hoursAgo: 200)]])
        }
        makeClusterServiceVersion("packageserver", namespace: "openshift-operator-lifecycle-manager",
            version: "0.17.0")
        makeAddOnOperator()
        makeConnectivityChecks(nodes: nodes)
    }

    /// What the network-check source pod probes: the API server's endpoint on each master, as
    /// `openshift-network-diagnostics` records it.
    private mutating func makeConnectivityChecks(nodes: [SyntheticNode]) {
        for node in nodes where node.master {
            let name = "network-check-source-worker-0-to-kubernetes-apiserver-endpoint-\(node.name)"
            add("controlplane.operator.openshift.io", "podnetworkconnectivitychecks", [
                "apiVersion": "controlplane.operator.openshift.io/v1alpha1", "kind": "PodNetworkConnectivityCheck",
                "metadata": metadata(name, namespace: "openshift-network-diagnostics"),
                "spec": ["sourcePod": "network-check-source-7d8f9c6b5-x2k4p",
                    "targetEndpoint": .string("\(node.address):6443"), "tlsClientCert": ["name": ""]],
                "status": ["conditions": [["type": "Reachable", "status": "True", "reason": "TCPConnectSuccess",
                    "message": .string("kubernetes-apiserver-endpoint-\(node.name): tcp connection to \(node.address):6443 succeeded"),
                    "lastTransitionTime": timestamp(hoursAgo: 200)]]]])
        }
    }

    /// MetalLB installed from `redhat-operators` into its own namespace, with a pod of its controller.
    private mutating func makeAddOnOperator() {
        let namespace = Self.addOnNamespace
        let csv = "metallb-operator.4.8.0-202107291502"
        add("", "namespaces", ["apiVersion": "v1", "kind": "Namespace",
            "metadata": metadata(namespace, labels: ["kubernetes.io/metadata.name": namespace]),
            "spec": ["finalizers": ["kubernetes"]], "status": ["phase": "Active"]])
        makeNamespaceBasics(in: namespace)
        add("operators.coreos.com", "subscriptions", ["apiVersion": "operators.coreos.com/v1alpha1",
            "kind": "Subscription", "metadata": metadata("metallb-operator-sub", namespace: namespace),
            "spec": ["channel": "4.8", "name": "metallb-operator", "source": "redhat-operators",
                "sourceNamespace": "openshift-marketplace", "installPlanApproval": "Automatic"],
            "status": ["currentCSV": .string(csv), "installedCSV": .string(csv), "state": "AtLatestKnown",
                "installPlanRef": ["kind": "InstallPlan", "name": "install-7x2kq", "namespace": .string(namespace),
                    "apiVersion": "operators.coreos.com/v1alpha1"],
                "lastUpdated": timestamp(hoursAgo: 100)]])
        add("operators.coreos.com", "installplans", ["apiVersion": "operators.coreos.com/v1alpha1",
            "kind": "InstallPlan", "metadata": metadata("install-7x2kq", namespace: namespace),
            "spec": ["approval": "Automatic", "approved": true, "clusterServiceVersionNames": [.string(csv)],
                "generation": 1],
            "status": ["phase": "Complete", "catalogSources": ["redhat-operators"]]])
        makeClusterServiceVersion(csv, namespace: namespace, version: "4.8.0")
        add("operators.coreos.com", "operatorconditions", ["apiVersion": "operators.coreos.com/v2",
            "kind": "OperatorCondition", "metadata": metadata(csv, namespace: namespace),
            "spec": ["deployments": ["metallb-operator-controller-manager"], "serviceAccounts": ["metallb-operator"]]])
        add("operators.coreos.com", "operators", ["apiVersion": "operators.coreos.com/v1", "kind": "Operator",
            "metadata": metadata("metallb-operator.\(namespace)"), "spec": [:],
            "status": ["components": ["labelSelector": ["matchExpressions": [["key":
                .string("operators.coreos.com/metallb-operator.\(namespace)"), "operator": "Exists"]]]]]])
        add("metallb.io", "metallbs", ["apiVersion": "metallb.io/v1beta1", "kind": "MetalLB",
            "metadata": metadata("metallb", namespace: namespace), "spec": [:]])
        add("metallb.io", "ipaddresspools", ["apiVersion": "metallb.io/v1beta1", "kind": "IPAddressPool",
            "metadata": metadata("default-pool", namespace: namespace),
            "spec": ["addresses": ["192.0.2.100-192.0.2.120"], "autoAssign": true]])
    }

    private mutating func makeClusterServiceVersion(_ name: String, namespace: String, version: String) {
        add("operators.coreos.com", "clusterserviceversions", ["apiVersion": "operators.coreos.com/v1alpha1",
            "kind": "ClusterServiceVersion", "metadata": metadata(name, namespace: namespace),
            "spec": ["displayName": .string(name.split(separator: ".").first.map(String.init) ?? name),
                "version": .string(version), "provider": ["name": "Red Hat"],
                "install": ["strategy": "deployment", "spec": ["deployments": []]],
                "installModes": [["type": "OwnNamespace", "supported": true],
                    ["type": "AllNamespaces", "supported": true]]],
            "status": ["phase": "Succeeded", "reason": "InstallSucceeded", "message": "install strategy completed with no errors",
                "lastUpdateTime": timestamp(hoursAgo: 100), "lastTransitionTime": timestamp(hoursAgo: 100)]])
    }
}
