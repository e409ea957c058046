import KubeClient

/// The resource types the synthetic cluster serves, as discovery describes them.
enum ServedTypes {
    static func resource(
        _ group: String, _ version: String, _ name: String, _ kind: String, namespaced: Bool, all: Bool = false,
        short: [String] = [], categories: [String] = []
    ) -> APIResource {
        var singular = String(name.dropLast())
        if name.hasSuffix("ies") { singular = String(name.dropLast(3)) + "y" }
        if name.hasSuffix("sses") || name.hasSuffix("ches") { singular = String(name.dropLast(2)) }
        return APIResource(group: group, version: version, name: name, singularName: singular, kind: kind,
            namespaced: namespaced, verbs: ["get", "list", "watch"], categories: (all ? ["all"] : []) + categories,
            shortNames: short)
    }

    static let kubernetes: [APIResource] = [
        resource("", "v1", "namespaces", "Namespace", namespaced: false, short: ["ns"]),
        resource("", "v1", "nodes", "Node", namespaced: false, short: ["no"]),
        resource("", "v1", "pods", "Pod", namespaced: true, all: true, short: ["po"]),
        resource("", "v1", "services", "Service", namespaced: true, all: true, short: ["svc"]),
        resource("", "v1", "replicationcontrollers", "ReplicationController", namespaced: true, all: true, short: ["rc"]),
        resource("", "v1", "configmaps", "ConfigMap", namespaced: true, short: ["cm"]),
        resource("", "v1", "secrets", "Secret", namespaced: true),
        resource("", "v1", "events", "Event", namespaced: true, short: ["ev"]),
        resource("", "v1", "endpoints", "Endpoints", namespaced: true, short: ["ep"]),
        resource("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", namespaced: true, short: ["pvc"]),
        resource("", "v1", "persistentvolumes", "PersistentVolume", namespaced: false, short: ["pv"]),
        resource("", "v1", "serviceaccounts", "ServiceAccount", namespaced: true, short: ["sa"]),
        resource("apps", "v1", "deployments", "Deployment", namespaced: true, all: true, short: ["deploy"]),
        resource("apps", "v1", "replicasets", "ReplicaSet", namespaced: true, all: true, short: ["rs"]),
        resource("apps", "v1", "daemonsets", "DaemonSet", namespaced: true, all: true, short: ["ds"]),
        resource("apps", "v1", "statefulsets", "StatefulSet", namespaced: true, all: true, short: ["sts"]),
        resource("batch", "v1", "jobs", "Job", namespaced: true, all: true),
        resource("batch", "v1", "cronjobs", "CronJob", namespaced: true, all: true, short: ["cj"]),
        resource("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", namespaced: true, all: true,
            short: ["hpa"]),
        resource("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", namespaced: true, short: ["pdb"]),
        resource("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", namespaced: true),
        resource("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", namespaced: true, short: ["netpol"]),
        resource("networking.k8s.io", "v1", "ingresses", "Ingress", namespaced: true, short: ["ing"]),
        resource("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations",
            "ValidatingWebhookConfiguration", namespaced: false),
        resource("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration",
            namespaced: false),
        resource("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition",
            namespaced: false, short: ["crd", "crds"]),
        resource("apiregistration.k8s.io", "v1", "apiservices", "APIService", namespaced: false),
        resource("storage.k8s.io", "v1", "storageclasses", "StorageClass", namespaced: false, short: ["sc"]),
        resource("storage.k8s.io", "v1", "csidrivers", "CSIDriver", namespaced: false),
        resource("storage.k8s.io", "v1", "csinodes", "CSINode", namespaced: false),
        resource("storage.k8s.io", "v1", "volumeattachments", "VolumeAttachment", namespaced: false),
        resource("storage.k8s.io", "v1", "csistoragecapacities", "CSIStorageCapacity", namespaced: true),
        resource("coordination.k8s.io", "v1", "leases", "Lease", namespaced: true),
        resource("certificates.k8s.io", "v1", "certificatesigningrequests", "CertificateSigningRequest",
            namespaced: false, short: ["csr"]),
        resource("example.com", "v1", "widgets", "Widget", namespaced: true),
    ]

    /// The `config.openshift.io` singletons, each with one object named `cluster`.
    static let openshiftConfigSingletons: [(name: String, kind: String)] = [
        ("apiservers", "APIServer"), ("authentications", "Authentication"), ("builds", "Build"), ("consoles", "Console"),
        ("dnses", "DNS"), ("featuregates", "FeatureGate"), ("images", "Image"), ("infrastructures", "Infrastructure"),
        ("ingresses", "Ingress"), ("networks", "Network"), ("oauths", "OAuth"), ("projects", "Project"),
        ("schedulers", "Scheduler"), ("proxies", "Proxy"),
    ]

    static let openshift: [APIResource] =
        kubernetes + [
            resource("config.openshift.io", "v1", "clusterversions", "ClusterVersion", namespaced: false),
            resource("config.openshift.io", "v1", "clusteroperators", "ClusterOperator", namespaced: false,
                short: ["co"]),
        ]
        + openshiftConfigSingletons.map { resource("config.openshift.io", "v1", $0.name, $0.kind, namespaced: false) }
        + [
            resource("route.openshift.io", "v1", "routes", "Route", namespaced: true, all: true),
            resource("operator.openshift.io", "v1", "etcds", "Etcd", namespaced: false),
            resource("operator.openshift.io", "v1", "kubeapiservers", "KubeAPIServer", namespaced: false),
            resource("monitoring.coreos.com", "v1", "servicemonitors", "ServiceMonitor", namespaced: true),
        ] + operatorLifecycle + [
            resource("controlplane.operator.openshift.io", "v1alpha1", "podnetworkconnectivitychecks",
                "PodNetworkConnectivityCheck", namespaced: true),
            resource("metallb.io", "v1beta1", "metallbs", "MetalLB", namespaced: true),
            resource("metallb.io", "v1beta1", "ipaddresspools", "IPAddressPool", namespaced: true),
        ]

    /// OLM's types, in its `olm` category as their CRDs declare (`oc adm inspect -A olm` lists them).
    static let operatorLifecycle: [APIResource] = [
        resource("operators.coreos.com", "v1alpha1", "subscriptions", "Subscription", namespaced: true,
            short: ["sub", "subs"], categories: ["olm"]),
        resource("operators.coreos.com", "v1alpha1", "clusterserviceversions", "ClusterServiceVersion",
            namespaced: true, short: ["csv", "csvs"], categories: ["olm"]),
        resource("operators.coreos.com", "v1alpha1", "installplans", "InstallPlan", namespaced: true, short: ["ip"],
            categories: ["olm"]),
        resource("operators.coreos.com", "v1alpha1", "catalogsources", "CatalogSource", namespaced: true,
            short: ["catsrc"], categories: ["olm"]),
        resource("operators.coreos.com", "v1", "operatorgroups", "OperatorGroup", namespaced: true, short: ["og"],
            categories: ["olm"]),
        resource("operators.coreos.com", "v2", "operatorconditions", "OperatorCondition", namespaced: true,
            short: ["condition"], categories: ["olm"]),
        resource("operators.coreos.com", "v1", "operators", "Operator", namespaced: false, categories: ["olm"]),
    ]
}
