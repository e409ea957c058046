/// The OpenShift release the synthetic cluster follows: 4.8, as the real must-gather in the shared fixtures shows it
/// (a 4.8.0 cluster on AWS). Its cluster operators, their operand versions and their `relatedObjects` are that
/// cluster's, so that `oc adm inspect clusteroperators` walks the same graph it would walk on a real 4.8 cluster.
enum OpenShiftRelease {
    static let version = "4.8.0"
    static let channel = "stable-4.8"
    static let image = "quay.io/openshift-release-dev/ocp-release:4.8.0-x86_64"
    /// What `/version` answers in an OpenShift 4.8 cluster, and what its kubelets report.
    static let kubernetesVersion = "v1.21.1+38b3ecc"
    static let crioVersion = "cri-o://1.21.2-8.rhaos4.8.git8d4264e.el8"
    static let kernelVersion = "4.18.0-305.10.2.el8_4.x86_64"
    static let osImage = "Red Hat Enterprise Linux CoreOS 48.84.202107301701-0 (Ootpa)"

    /// One entry of a cluster operator's `status.relatedObjects`.
    struct RelatedObject {
        var group: String
        var resource: String
        var name: String
        var namespace: String?
    }

    /// One cluster operator: its name, the names in its `status.versions`, and what it points at.
    struct ClusterOperatorModel {
        var name: String
        var operands: [String]
        var related: [RelatedObject]

        init(_ name: String, operands: [String], related: [RelatedObject]) {
            self.name = name
            self.operands = operands
            self.related = related
        }

        /// The namespaces the operator points at.
        public var namespaces: [String] {
            related.compactMap { $0.group.isEmpty && $0.resource == "namespaces" ? $0.name : $0.namespace }
        }
    }

    private static func ns(_ name: String) -> RelatedObject {
        RelatedObject(group: "", resource: "namespaces", name: name)
    }

    private static func ref(_ group: String, _ resource: String, _ name: String, in namespace: String? = nil)
        -> RelatedObject
    {
        RelatedObject(group: group, resource: resource, name: name, namespace: namespace)
    }

    /// The namespaces of the release that no cluster operator names, besides the Kubernetes ones.
    static let otherNamespaces = ["default", "kube-system", "openshift", "openshift-cluster-version", "openshift-operators"]

    /// Every namespace of the release, sorted.
    public static var namespaces: [String] {
        Array(Set(otherNamespaces + clusterOperators.flatMap(\.namespaces))).sorted()
    }

    /// The release's 31 cluster operators, in name order.
    static let clusterOperators: [ClusterOperatorModel] = [
        ClusterOperatorModel("authentication", operands: ["operator", "oauth-apiserver", "oauth-openshift"], related: [
            ref("operator.openshift.io", "authentications", "cluster"),
            ref("config.openshift.io", "authentications", "cluster"),
            ref("config.openshift.io", "infrastructures", "cluster"),
            ref("config.openshift.io", "oauths", "cluster"),
            ref("route.openshift.io", "routes", "oauth-openshift", in: "openshift-authentication"),
            ref("", "services", "oauth-openshift", in: "openshift-authentication"), ns("openshift-config"),
            ns("openshift-config-managed"), ns("openshift-authentication"), ns("openshift-authentication-operator"),
            ns("openshift-ingress"), ns("openshift-oauth-apiserver")
        ]),
        ClusterOperatorModel("baremetal", operands: ["operator"], related: [
            ns("openshift-machine-api"), ref("metal3.io", "baremetalhosts", "", in: "openshift-machine-api"),
            ref("metal3.io", "provisioning", "")
        ]),
        ClusterOperatorModel("cloud-credential", operands: ["operator"], related: [
            ref("", "serviceaccounts", "pod-identity-webhook", in: "openshift-cloud-credential-operator"),
            ref("rbac.authorization.k8s.io", "clusterroles", "pod-identity-webhook"),
            ref("rbac.authorization.k8s.io", "clusterrolebindings", "pod-identity-webhook"),
            ref("rbac.authorization.k8s.io", "roles", "pod-identity-webhook", in: "openshift-cloud-credential-operator"),
            ref("rbac.authorization.k8s.io", "rolebindings", "pod-identity-webhook", in: "openshift-cloud-credential-operator"),
            ref("", "services", "pod-identity-webhook", in: "openshift-cloud-credential-operator"),
            ref("apps", "deployments", "pod-identity-webhook", in: "openshift-cloud-credential-operator"),
            ref("admissionregistration.k8s.io", "mutatingwebhookconfigurations", "pod-identity-webhook"),
            ns("openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "openshift-cluster-csi-drivers", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "openshift-image-registry", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "openshift-image-registry-azure", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "openshift-machine-api-kubevirt", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "openshift-vmware-vsphere-csi-driver-operator", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "cloud-credential-operator-iam-ro", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "manila-csi-driver-operator", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "openshift-machine-api-aws", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "openshift-machine-api-azure", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "openshift-ingress", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "openshift-machine-api-gcp", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "openshift-machine-api-openstack", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "aws-ebs-csi-driver-operator", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "cloud-credential-operator-gcp-ro-creds", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "openshift-gcp-pd-csi-driver-operator", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "openshift-image-registry-gcs", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "openshift-image-registry-openstack", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "openshift-machine-api-vsphere", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "openshift-vsphere-problem-detector", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "ovirt-csi-driver-operator", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "openshift-ingress-azure", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "openshift-ingress-gcp", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "openshift-machine-api-ovirt", in: "openshift-cloud-credential-operator"),
            ref("cloudcredential.openshift.io", "credentialsrequests", "openshift-network", in: "openshift-cloud-credential-operator"),
            ref("operator.openshift.io", "cloudcredentials", "cluster")
        ]),
        ClusterOperatorModel("cluster-autoscaler", operands: ["operator"], related: [
            ref("autoscaling.openshift.io", "machineautoscalers", "", in: "openshift-machine-api"),
            ref("autoscaling.openshift.io", "clusterautoscalers", "", in: "openshift-machine-api"),
            ns("openshift-machine-api")
        ]),
        ClusterOperatorModel("config-operator", operands: ["operator"], related: [
            ref("operator.openshift.io", "configs", "cluster"), ns("openshift-config"),
            ns("openshift-config-operator")
        ]),
        ClusterOperatorModel("console", operands: ["operator"], related: [
            ref("operator.openshift.io", "consoles", "cluster"), ref("config.openshift.io", "consoles", "cluster"),
            ref("config.openshift.io", "infrastructures", "cluster"),
            ref("config.openshift.io", "proxies", "cluster"), ref("config.openshift.io", "oauths", "cluster"),
            ref("oauth.openshift.io", "oauthclients", "console"), ns("openshift-console-operator"),
            ns("openshift-console"), ref("", "configmaps", "console-public", in: "openshift-config-managed")
        ]),
        ClusterOperatorModel("csi-snapshot-controller", operands: ["operator", "csi-snapshot-controller"], related: [
            ns("openshift-cluster-storage-operator"), ns("openshift-cluster-storage-operator"),
            ref("operator.openshift.io", "csisnapshotcontrollers", "cluster")
        ]),
        ClusterOperatorModel("dns", operands: ["operator", "coredns", "openshift-cli", "kube-rbac-proxy"], related: [
            ns("openshift-dns-operator"), ref("operator.openshift.io", "dnses", "default"), ns("openshift-dns")
        ]),
        ClusterOperatorModel("etcd", operands: ["raw-internal", "etcd", "operator"], related: [
            ref("operator.openshift.io", "etcds", "cluster"), ns("openshift-config"), ns("openshift-config-managed"),
            ns("openshift-etcd-operator"), ns("openshift-etcd")
        ]),
        ClusterOperatorModel("image-registry", operands: ["operator"], related: [
            ref("imageregistry.operator.openshift.io", "configs", "cluster"),
            ref("imageregistry.operator.openshift.io", "imagepruners", "cluster"),
            ref("rbac.authorization.k8s.io", "clusterroles", "system:registry"),
            ref("rbac.authorization.k8s.io", "clusterrolebindings", "registry-registry-role"),
            ref("rbac.authorization.k8s.io", "clusterrolebindings", "openshift-image-registry-pruner"),
            ns("openshift-image-registry")
        ]),
        ClusterOperatorModel("ingress", operands: ["operator", "ingress-controller", "canary-server"], related: [
            ns("openshift-ingress-operator"),
            ref("operator.openshift.io", "IngressController", "", in: "openshift-ingress-operator"),
            ref("ingress.operator.openshift.io", "DNSRecord", "", in: "openshift-ingress-operator"),
            ns("openshift-ingress"), ns("openshift-ingress-canary")
        ]),
        ClusterOperatorModel("insights", operands: ["operator"], related: [
            ns("openshift-insights"), ref("apps", "deployments", "insights-operator", in: "openshift-insights"),
            ref("", "secrets", "pull-secret", in: "openshift-config"),
            ref("", "secrets", "support", in: "openshift-config"),
            ref("", "serviceaccounts", "gather", in: "openshift-insights"),
            ref("", "serviceaccounts", "operator", in: "openshift-insights"),
            ref("", "services", "metrics", in: "openshift-insights"),
            ref("", "configmaps", "service-ca-bundle", in: "openshift-insights")
        ]),
        ClusterOperatorModel("kube-apiserver", operands: ["raw-internal", "kube-apiserver", "operator"], related: [
            ref("operator.openshift.io", "kubeapiservers", "cluster"),
            ref("apiextensions.k8s.io", "customresourcedefinitions", ""),
            ref("security.openshift.io", "securitycontextconstraints", ""), ns("openshift-config"),
            ns("openshift-config-managed"), ns("openshift-kube-apiserver-operator"), ns("openshift-kube-apiserver"),
            ref("admissionregistration.k8s.io", "mutatingwebhookconfigurations", ""),
            ref("admissionregistration.k8s.io", "validatingwebhookconfigurations", ""),
            ref("controlplane.operator.openshift.io", "podnetworkconnectivitychecks", "", in: "openshift-kube-apiserver"),
            ref("apiserver.openshift.io", "apirequestcounts", "")
        ]),
        ClusterOperatorModel("kube-controller-manager", operands: ["raw-internal", "kube-controller-manager", "operator"], related: [
            ref("operator.openshift.io", "kubecontrollermanagers", "cluster"), ns("openshift-config"),
            ns("openshift-config-managed"), ns("openshift-kube-controller-manager"),
            ns("openshift-kube-controller-manager-operator"),
            ref("certificates.k8s.io", "certificatesigningrequests", ""), ref("", "nodes", "")
        ]),
        ClusterOperatorModel("kube-scheduler", operands: ["raw-internal", "kube-scheduler", "operator"], related: [
            ref("operator.openshift.io", "kubeschedulers", "cluster"), ref("config.openshift.io", "schedulers", ""),
            ns("openshift-config"), ns("openshift-config-managed"), ns("openshift-kube-scheduler"),
            ns("openshift-kube-scheduler-operator"),
            ref("controlplane.operator.openshift.io", "podnetworkconnectivitychecks", "", in: "openshift-kube-apiserver")
        ]),
        ClusterOperatorModel("kube-storage-version-migrator", operands: ["operator"], related: [
            ref("operator.openshift.io", "kubestorageversionmigrators", "cluster"),
            ref("migration.k8s.io", "storageversionmigrations", ""), ns("openshift-kube-storage-version-migrator"),
            ns("openshift-kube-storage-version-migrator-operator")
        ]),
        ClusterOperatorModel("machine-api", operands: ["operator"], related: [
            ns("openshift-machine-api"), ref("machine.openshift.io", "machines", "", in: "openshift-machine-api"),
            ref("machine.openshift.io", "machinesets", "", in: "openshift-machine-api"),
            ref("machine.openshift.io", "machinehealthchecks", "", in: "openshift-machine-api"),
            ref("rbac.authorization.k8s.io", "roles", "", in: "openshift-machine-api"),
            ref("rbac.authorization.k8s.io", "clusterroles", "machine-api-operator"),
            ref("rbac.authorization.k8s.io", "clusterroles", "machine-api-controllers"),
            ref("metal3.io", "baremetalhosts", "", in: "openshift-machine-api")
        ]),
        ClusterOperatorModel("machine-approver", operands: ["operator"], related: [
            ns("openshift-cluster-machine-approver"), ref("certificates.k8s.io", "certificatesigningrequests", "")
        ]),
        ClusterOperatorModel("machine-config", operands: ["operator"], related: [
            ns("openshift-machine-config-operator"),
            ref("machineconfiguration.openshift.io", "machineconfigpools", ""),
            ref("machineconfiguration.openshift.io", "controllerconfigs", ""),
            ref("machineconfiguration.openshift.io", "kubeletconfigs", ""),
            ref("machineconfiguration.openshift.io", "containerruntimeconfigs", ""),
            ref("machineconfiguration.openshift.io", "machineconfigs", ""), ref("", "nodes", ""),
            ns("openshift-kni-infra"), ns("openshift-openstack-infra"), ns("openshift-ovirt-infra"),
            ns("openshift-vsphere-infra")
        ]),
        ClusterOperatorModel("marketplace", operands: ["operator"], related: [
            ns("openshift-marketplace"),
            ref("operators.coreos.com", "catalogsources", "", in: "openshift-marketplace")
        ]),
        ClusterOperatorModel("monitoring", operands: ["operator"], related: [
            ns("openshift-monitoring"), ns("openshift-user-workload-monitoring"),
            ref("monitoring.coreos.com", "servicemonitors", ""), ref("monitoring.coreos.com", "podmonitors", ""),
            ref("monitoring.coreos.com", "prometheusrules", ""), ref("monitoring.coreos.com", "alertmanagers", ""),
            ref("monitoring.coreos.com", "prometheuses", ""), ref("monitoring.coreos.com", "thanosrulers", ""),
            ref("monitoring.coreos.com", "alertmanagerconfigs", "")
        ]),
        ClusterOperatorModel("network", operands: ["operator"], related: [
            ref("", "configmaps", "applied-cluster", in: "openshift-network-operator"),
            ref("apiextensions.k8s.io", "customresourcedefinitions", "network-attachment-definitions.k8s.cni.cncf.io"),
            ref("apiextensions.k8s.io", "customresourcedefinitions", "ippools.whereabouts.cni.cncf.io"),
            ref("apiextensions.k8s.io", "customresourcedefinitions", "overlappingrangeipreservations.whereabouts.cni.cncf.io"),
            ns("openshift-multus"), ref("rbac.authorization.k8s.io", "clusterroles", "multus"),
            ref("", "serviceaccounts", "multus", in: "openshift-multus"),
            ref("rbac.authorization.k8s.io", "clusterrolebindings", "multus"),
            ref("rbac.authorization.k8s.io", "clusterrolebindings", "multus-whereabouts"),
            ref("rbac.authorization.k8s.io", "clusterroles", "whereabouts-cni"),
            ref("", "configmaps", "cni-binary-copy-script", in: "openshift-multus"),
            ref("apps", "daemonsets", "multus", in: "openshift-multus"),
            ref("apps", "daemonsets", "multus-additional-cni-plugins", in: "openshift-multus"),
            ref("", "serviceaccounts", "metrics-daemon-sa", in: "openshift-multus"),
            ref("rbac.authorization.k8s.io", "clusterroles", "metrics-daemon-role"),
            ref("rbac.authorization.k8s.io", "clusterrolebindings", "metrics-daemon-sa-rolebinding"),
            ref("apps", "daemonsets", "network-metrics-daemon", in: "openshift-multus"),
            ref("monitoring.coreos.com", "servicemonitors", "monitor-network", in: "openshift-multus"),
            ref("", "services", "network-metrics-service", in: "openshift-multus"),
            ref("rbac.authorization.k8s.io", "roles", "prometheus-k8s", in: "openshift-multus"),
            ref("rbac.authorization.k8s.io", "rolebindings", "prometheus-k8s", in: "openshift-multus"),
            ref("", "services", "multus-admission-controller", in: "openshift-multus"),
            ref("rbac.authorization.k8s.io", "clusterroles", "multus-admission-controller-webhook"),
            ref("rbac.authorization.k8s.io", "clusterrolebindings", "multus-admission-controller-webhook"),
            ref("admissionregistration.k8s.io", "validatingwebhookconfigurations", "multus.openshift.io"),
            ref("apps", "daemonsets", "multus-admission-controller", in: "openshift-multus"),
            ref("monitoring.coreos.com", "servicemonitors", "monitor-multus-admission-controller", in: "openshift-multus"),
            ref("rbac.authorization.k8s.io", "roles", "prometheus-k8s", in: "openshift-multus"),
            ref("rbac.authorization.k8s.io", "rolebindings", "prometheus-k8s", in: "openshift-multus"),
            ref("monitoring.coreos.com", "prometheusrules", "prometheus-k8s-rules", in: "openshift-multus"),
            ns("openshift-sdn"),
            ref("apiextensions.k8s.io", "customresourcedefinitions", "clusternetworks.network.openshift.io"),
            ref("apiextensions.k8s.io", "customresourcedefinitions", "hostsubnets.network.openshift.io"),
            ref("apiextensions.k8s.io", "customresourcedefinitions", "netnamespaces.network.openshift.io"),
            ref("apiextensions.k8s.io", "customresourcedefinitions", "egressnetworkpolicies.network.openshift.io"),
            ref("rbac.authorization.k8s.io", "clusterroles", "openshift-sdn"),
            ref("", "serviceaccounts", "sdn", in: "openshift-sdn"),
            ref("rbac.authorization.k8s.io", "clusterrolebindings", "openshift-sdn"),
            ref("", "serviceaccounts", "sdn-controller", in: "openshift-sdn"),
            ref("rbac.authorization.k8s.io", "clusterroles", "openshift-sdn-controller"),
            ref("rbac.authorization.k8s.io", "clusterrolebindings", "openshift-sdn-controller"),
            ref("rbac.authorization.k8s.io", "roles", "openshift-sdn-controller-leaderelection", in: "openshift-sdn"),
            ref("rbac.authorization.k8s.io", "rolebindings", "openshift-sdn-controller-leaderelection", in: "openshift-sdn"),
            ref("network.openshift.io", "clusternetworks", "default"),
            ref("flowcontrol.apiserver.k8s.io", "flowschemas", "openshift-sdn"),
            ref("monitoring.coreos.com", "prometheusrules", "networking-rules", in: "openshift-sdn"),
            ref("apps", "daemonsets", "sdn-controller", in: "openshift-sdn"),
            ref("monitoring.coreos.com", "servicemonitors", "monitor-sdn", in: "openshift-sdn"),
            ref("", "services", "sdn", in: "openshift-sdn"),
            ref("rbac.authorization.k8s.io", "roles", "prometheus-k8s", in: "openshift-sdn"),
            ref("rbac.authorization.k8s.io", "rolebindings", "prometheus-k8s", in: "openshift-sdn"),
            ns("openshift-host-network"),
            ref("", "resourcequotas", "host-network-namespace-quotas", in: "openshift-host-network"),
            ref("", "configmaps", "sdn-config", in: "openshift-sdn"),
            ref("apps", "daemonsets", "sdn", in: "openshift-sdn"), ns("openshift-network-diagnostics"),
            ref("", "serviceaccounts", "network-diagnostics", in: "openshift-network-diagnostics"),
            ref("rbac.authorization.k8s.io", "roles", "network-diagnostics", in: "openshift-network-diagnostics"),
            ref("rbac.authorization.k8s.io", "rolebindings", "network-diagnostics", in: "openshift-network-diagnostics"),
            ref("rbac.authorization.k8s.io", "clusterroles", "network-diagnostics"),
            ref("rbac.authorization.k8s.io", "clusterrolebindings", "network-diagnostics"),
            ref("rbac.authorization.k8s.io", "rolebindings", "network-diagnostics", in: "kube-system"),
            ref("apps", "deployments", "network-check-source", in: "openshift-network-diagnostics"),
            ref("", "services", "network-check-source", in: "openshift-network-diagnostics"),
            ref("monitoring.coreos.com", "servicemonitors", "network-check-source", in: "openshift-network-diagnostics"),
            ref("apps", "daemonsets", "network-check-target", in: "openshift-network-diagnostics"),
            ref("", "services", "network-check-target", in: "openshift-network-diagnostics"),
            ns("openshift-network-operator"), ref("operator.openshift.io", "networks", "cluster"),
            ref("networking.k8s.io", "NetworkPolicy", ""), ref("k8s.ovn.org", "EgressFirewall", ""),
            ref("k8s.ovn.org", "EgressIP", "")
        ]),
        ClusterOperatorModel("node-tuning", operands: ["operator"], related: [
            ns("openshift-cluster-node-tuning-operator"),
            ref("tuned.openshift.io", "profiles", "", in: "openshift-cluster-node-tuning-operator"),
            ref("tuned.openshift.io", "tuneds", "", in: "openshift-cluster-node-tuning-operator"),
            ref("apps", "daemonsets", "tuned", in: "openshift-cluster-node-tuning-operator")
        ]),
        ClusterOperatorModel("openshift-apiserver", operands: ["operator", "openshift-apiserver"], related: [
            ref("operator.openshift.io", "openshiftapiservers", "cluster"), ns("openshift-config"),
            ns("openshift-config-managed"), ns("openshift-apiserver-operator"), ns("openshift-apiserver"),
            ns("openshift-etcd-operator"), ref("", "endpoints", "host-etcd-2", in: "openshift-etcd"),
            ref("controlplane.operator.openshift.io", "podnetworkconnectivitychecks", "", in: "openshift-apiserver"),
            ref("apiregistration.k8s.io", "apiservices", "v1.apps.openshift.io"),
            ref("apiregistration.k8s.io", "apiservices", "v1.authorization.openshift.io"),
            ref("apiregistration.k8s.io", "apiservices", "v1.build.openshift.io"),
            ref("apiregistration.k8s.io", "apiservices", "v1.image.openshift.io"),
            ref("apiregistration.k8s.io", "apiservices", "v1.project.openshift.io"),
            ref("apiregistration.k8s.io", "apiservices", "v1.quota.openshift.io"),
            ref("apiregistration.k8s.io", "apiservices", "v1.route.openshift.io"),
            ref("apiregistration.k8s.io", "apiservices", "v1.security.openshift.io"),
            ref("apiregistration.k8s.io", "apiservices", "v1.template.openshift.io")
        ]),
        ClusterOperatorModel("openshift-controller-manager", operands: ["operator"], related: [
            ref("operator.openshift.io", "openshiftcontrollermanagers", "cluster"), ns("openshift-config"),
            ns("openshift-config-managed"), ns("openshift-controller-manager-operator"),
            ns("openshift-controller-manager")
        ]),
        ClusterOperatorModel("openshift-samples", operands: ["operator"], related: [
            ref("samples.operator.openshift.io", "configs", "cluster"), ns("openshift-cluster-samples-operator"),
            ns("openshift")
        ]),
        ClusterOperatorModel("operator-lifecycle-manager-catalog", operands: ["operator", "operator-lifecycle-manager"], related: [
            ns("openshift-operator-lifecycle-manager")
        ]),
        ClusterOperatorModel("operator-lifecycle-manager-packageserver", operands: ["operator", "packageserver"], related: [
            ns("openshift-operator-lifecycle-manager"),
            ref("operators.coreos.com", "clusterserviceversions", "packageserver", in: "openshift-operator-lifecycle-manager")
        ]),
        ClusterOperatorModel("operator-lifecycle-manager", operands: ["operator", "operator-lifecycle-manager"], related: [
            ref("operators.coreos.com", "clusterserviceversions", "packageserver", in: "openshift-operator-lifecycle-manager")
        ]),
        ClusterOperatorModel("service-ca", operands: ["operator"], related: [
            ref("operator.openshift.io", "servicecas", "cluster"), ns("openshift-config"),
            ns("openshift-config-managed"), ns("openshift-service-ca-operator"), ns("openshift-service-ca")
        ]),
        ClusterOperatorModel("storage", operands: ["operator", "AWSEBSCSIDriverOperator"], related: [
            ref("operator.openshift.io", "clustercsidrivers", "ebs.csi.aws.com"),
            ns("openshift-cluster-storage-operator"), ns("openshift-cluster-csi-drivers"),
            ns("openshift-manila-csi-driver"), ref("operator.openshift.io", "storages", "cluster")
        ]),
    ]
}
