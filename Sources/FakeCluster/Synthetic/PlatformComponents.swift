import Crypto

/// One workload of the platform, with the labels and containers the real component has, so that the selectors of
/// stock tools (`app=etcd`, `apiserver=true`, `prometheus=k8s`, ...) find its pods.
struct PlatformComponent {
    /// What runs the pods, which decides their names, their owner and where they run.
    enum Controller {
        /// A static pod on each master, `<name>-<node>`, owned by its Node (a mirror pod).
        case staticPod
        /// One pod on each node (or each master, or each worker).
        case daemonSet(Nodes)
        /// A Deployment, its ReplicaSet and `replicas` pods.
        case deployment(replicas: Int)
        /// A StatefulSet with `replicas` pods, `<name>-0`, `<name>-1`, ...
        case statefulSet(replicas: Int)
    }

    /// The nodes a daemon set runs on.
    enum Nodes {
        case all, masters, workers
    }

    var namespace: String
    var name: String
    var controller: Controller
    /// The pod labels, which are also the controller's selector.
    var labels: [String: String]
    var containers: [String]
    var initContainers: [String] = []

    /// The image of a container: an OpenShift release pins each image by digest in one repository; kubeadm pulls
    /// tagged images from registry.k8s.io.
    func image(_ container: String, flavor: SyntheticSpec.Flavor) -> String {
        switch (flavor, name) {
        case (.openshift, _): "quay.io/openshift-release-dev/ocp-v4.0-art-dev@sha256:" + Self.digest(of: "\(name)/\(container)")
        case (.kubernetes, "etcd"): "registry.k8s.io/etcd:3.5.15-0"
        case (.kubernetes, "coredns"): "registry.k8s.io/coredns/coredns:v1.11.1"
        case (.kubernetes, _): "registry.k8s.io/\(name):\(SyntheticCluster.kubeadmVersion)"
        }
    }

    /// A SHA-256 digest in hex, of `text`, standing in for an image's.
    static func digest(of text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).map { String($0, radix: 16).leftPadded(to: 2) }.joined()
    }
}

extension PlatformComponent {
    private init(_ namespace: String, _ name: String, _ controller: Controller, _ labels: [String: String],
        _ containers: [String], initContainers: [String] = [])
    {
        self.init(namespace: namespace, name: name, controller: controller, labels: labels, containers: containers,
            initContainers: initContainers)
    }

    /// The workloads of the platform in each flavor, in the order they are made.
    static func platform(_ flavor: SyntheticSpec.Flavor) -> [PlatformComponent] {
        flavor == .openshift ? openshift : kubeadm
    }

    /// The workloads of an OpenShift 4.8 cluster, as the fixture's pods show them: the control plane as static pods,
    /// each operator in its own namespace, and the operands stock selectors look for.
    static let openshift: [PlatformComponent] = [
        .init("openshift-etcd", "etcd", .staticPod, ["app": "etcd", "etcd": "true", "k8s-app": "etcd"],
            ["etcdctl", "etcd", "etcd-metrics", "etcd-health-monitor"],
            initContainers: ["setup", "etcd-ensure-env-vars", "etcd-resources-copy"]),
        .init("openshift-etcd-operator", "etcd-operator", .deployment(replicas: 1), ["app": "etcd-operator"],
            ["etcd-operator"]),
        .init("openshift-kube-apiserver", "kube-apiserver", .staticPod,
            ["apiserver": "true", "app": "openshift-kube-apiserver"],
            ["kube-apiserver", "kube-apiserver-cert-syncer", "kube-apiserver-cert-regeneration-controller",
                "kube-apiserver-insecure-readyz", "kube-apiserver-check-endpoints"], initContainers: ["setup"]),
        .init("openshift-kube-apiserver-operator", "kube-apiserver-operator", .deployment(replicas: 1),
            ["app": "kube-apiserver-operator"], ["kube-apiserver-operator"]),
        .init("openshift-kube-controller-manager", "kube-controller-manager", .staticPod,
            ["app": "kube-controller-manager", "kube-controller-manager": "true"],
            ["kube-controller-manager", "cluster-policy-controller", "kube-controller-manager-cert-syncer",
                "kube-controller-manager-recovery-controller"]),
        .init("openshift-kube-scheduler", "openshift-kube-scheduler", .staticPod,
            ["app": "openshift-kube-scheduler", "scheduler": "true"],
            ["kube-scheduler", "kube-scheduler-cert-syncer", "kube-scheduler-recovery-controller"],
            initContainers: ["wait-for-host-port"]),
        .init("openshift-apiserver", "apiserver", .deployment(replicas: 3),
            ["apiserver": "true", "app": "openshift-apiserver-a", "openshift-apiserver-anti-affinity": "true"],
            ["openshift-apiserver", "openshift-apiserver-check-endpoints"], initContainers: ["fix-audit-permissions"]),
        .init("openshift-oauth-apiserver", "apiserver", .deployment(replicas: 3),
            ["apiserver": "true", "app": "openshift-oauth-apiserver", "oauth-apiserver-anti-affinity": "true"],
            ["oauth-apiserver"], initContainers: ["fix-audit-permissions"]),
        .init("openshift-authentication", "oauth-openshift", .deployment(replicas: 3),
            ["app": "oauth-openshift", "oauth-openshift-anti-affinity": "true"], ["oauth-openshift"]),
        .init("openshift-authentication-operator", "authentication-operator", .deployment(replicas: 1),
            ["app": "authentication-operator"], ["authentication-operator"]),
        .init("openshift-cluster-version", "cluster-version-operator", .deployment(replicas: 1),
            ["k8s-app": "cluster-version-operator"], ["cluster-version-operator"]),
        .init("openshift-cloud-credential-operator", "pod-identity-webhook", .deployment(replicas: 1),
            ["app": "pod-identity-webhook"], ["pod-identity-webhook"]),
        .init("openshift-controller-manager", "controller-manager", .daemonSet(.masters),
            ["app": "openshift-controller-manager", "controller-manager": "true"], ["controller-manager"]),
        .init("openshift-dns", "dns-default", .daemonSet(.all), ["dns.operator.openshift.io/daemonset-dns": "default"],
            ["dns", "kube-rbac-proxy"]),
        .init("openshift-dns-operator", "dns-operator", .deployment(replicas: 1), ["name": "dns-operator"],
            ["dns-operator", "kube-rbac-proxy"]),
        .init("openshift-ingress", "router-default", .deployment(replicas: 2),
            ["ingresscontroller.operator.openshift.io/deployment-ingresscontroller": "default"], ["router"]),
        .init("openshift-ingress-operator", "ingress-operator", .deployment(replicas: 1), ["name": "ingress-operator"],
            ["ingress-operator", "kube-rbac-proxy"]),
        .init("openshift-insights", "insights-operator", .deployment(replicas: 1), ["app": "insights-operator"],
            ["insights-operator"]),
        .init("openshift-machine-config-operator", "machine-config-daemon", .daemonSet(.all),
            ["k8s-app": "machine-config-daemon"], ["machine-config-daemon", "oauth-proxy"]),
        .init("openshift-monitoring", "cluster-monitoring-operator", .deployment(replicas: 1),
            ["app": "cluster-monitoring-operator"], ["kube-rbac-proxy", "cluster-monitoring-operator"]),
        .init("openshift-monitoring", "prometheus-k8s", .statefulSet(replicas: 2),
            ["app": "prometheus", "app.kubernetes.io/component": "prometheus", "app.kubernetes.io/instance": "k8s",
                "app.kubernetes.io/name": "prometheus", "app.kubernetes.io/part-of": "openshift-monitoring",
                "operator.prometheus.io/name": "k8s", "prometheus": "k8s"],
            ["prometheus", "config-reloader", "thanos-sidecar", "prometheus-proxy", "kube-rbac-proxy"],
            initContainers: ["init-config-reloader"]),
        .init("openshift-monitoring", "alertmanager-main", .statefulSet(replicas: 3),
            ["alertmanager": "main", "app": "alertmanager", "app.kubernetes.io/component": "alert-router",
                "app.kubernetes.io/instance": "main", "app.kubernetes.io/name": "alertmanager",
                "app.kubernetes.io/part-of": "openshift-monitoring"],
            ["alertmanager", "config-reloader", "alertmanager-proxy", "kube-rbac-proxy"]),
        .init("openshift-monitoring", "node-exporter", .daemonSet(.all),
            ["app.kubernetes.io/component": "exporter", "app.kubernetes.io/name": "node-exporter",
                "app.kubernetes.io/part-of": "openshift-monitoring"],
            ["node-exporter", "kube-rbac-proxy"], initContainers: ["init-textfile"]),
        .init("openshift-multus", "multus", .daemonSet(.all),
            ["app": "multus", "component": "network", "openshift.io/component": "network", "type": "infra"],
            ["kube-multus"]),
        .init("openshift-network-diagnostics", "network-check-source", .deployment(replicas: 1),
            ["app": "network-check-source", "kubernetes.io/os": "linux"], ["check-endpoints"]),
        .init("openshift-network-operator", "network-operator", .deployment(replicas: 1), ["name": "network-operator"],
            ["network-operator"]),
        .init("openshift-sdn", "sdn", .daemonSet(.all),
            ["app": "sdn", "component": "network", "openshift.io/component": "network", "type": "infra"],
            ["sdn", "kube-rbac-proxy"]),
        .init("openshift-image-registry", "image-registry", .deployment(replicas: 2), ["docker-registry": "default"],
            ["registry"]),
        .init("openshift-console", "console", .deployment(replicas: 2), ["app": "console", "component": "ui"],
            ["console"]),
        .init("openshift-operator-lifecycle-manager", "olm-operator", .deployment(replicas: 1), ["app": "olm-operator"],
            ["olm-operator"]),
        .init("openshift-service-ca", "service-ca", .deployment(replicas: 1), ["app": "service-ca", "service-ca": "true"],
            ["service-ca-controller"]),
    ]

    /// The workloads of a cluster that kubeadm set up: the control plane as static pods in `kube-system`, labelled
    /// `component=<name>` and `tier=control-plane`, then CoreDNS and kube-proxy.
    static let kubeadm: [PlatformComponent] =
        ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"].map { name in
            .init("kube-system", name, .staticPod, ["component": name, "tier": "control-plane"], [name])
        } + [
            .init("kube-system", "coredns", .deployment(replicas: 2), ["k8s-app": "kube-dns"], ["coredns"]),
            .init("kube-system", "kube-proxy", .daemonSet(.all), ["k8s-app": "kube-proxy"], ["kube-proxy"]),
        ]
}
