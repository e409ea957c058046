/// The default collector list, built into the binary so `/usr/bin/gather` runs with no file beside it.
///
/// Kept equal to `collection-scripts/collectors.yaml` by a test: edit the data file, then paste it here.
public enum DefaultCollectorSpec {
    /// The text of `collection-scripts/collectors.yaml` (the blank line before the closing quotes is its final newline).
    static let text = #"""
# The default collector list of /usr/bin/gather. The support team owns what is gathered; the engine runs it.
# The binary carries this same text built in (Sources/GatherKit/Spec/DefaultCollectorSpec.swift, kept equal by a
# test), so gather works with no file beside it. The image installs this file as /usr/share/gather/collectors.yaml,
# which gather reads in place of its built-in copy: a product image changes what is gathered by editing it.
# `gather --spec FILE` replaces either.
#
# Each entry: name, kind (version, inspect, count, apiGet, serviceLogs, nodeFiles, nodeLogFiles, exec, copy, script),
# its parameters, and optionally timeout (Go duration), enabled (default true), groups (to run a group alone) and when
# (conditions on the cluster, checked once per run: an entry whose condition does not hold is skipped with a note).
collectors:
  - name: version
    kind: version

  # What the openshift gather script inspects, in three parts as it does. Types the server does not serve are
  # noted and skipped, so the same list serves plain Kubernetes.
  - name: inspect-namespaces
    kind: inspect
    resources: [ns/openshift-cluster-version, ns/default, ns/openshift, ns/kube-system, ns/openshift-etcd,
      ns/assisted-installer]
    timeout: 5m
  - name: inspect-cluster-types
    kind: inspect
    resources: [clusterversion, clusteroperators, apiservices, certificatesigningrequests, nodes, storageclasses,
      persistentvolumes, volumeattachments, csidrivers, csinodes, volumesnapshotclasses, volumesnapshotcontents,
      volumegroupsnapshotclasses, volumegroupsnapshotcontents, clustercsidrivers, volumeattributesclasses,
      imagecontentsourcepolicies.operator.openshift.io, osimagestreams.machineconfiguration.openshift.io,
      internalreleaseimages.machineconfiguration.openshift.io, networks.operator.openshift.io,
      prioritylevelconfigurations.flowcontrol.apiserver.k8s.io, flowschemas.flowcontrol.apiserver.k8s.io,
      clusterresourcequotas.quota.openshift.io,
      # Beyond the openshift script: what a plain Kubernetes cluster needs as well. Webhooks bring the namespaces
      # of their services.
      customresourcedefinitions, mutatingwebhookconfigurations, validatingwebhookconfigurations]
    timeout: 5m
  - name: inspect-leases
    kind: inspect
    resources: [csistoragecapacities, leases]
    allNamespaces: true
    timeout: 3m

  # The stock image's helper scripts, as data, writing where they write, in the group `helpers`. README.md has the
  # table of what each stock script does and which entry does it here.
  - name: olm
    kind: inspect
    resources: [olm]
    allNamespaces: true
    groups: [helpers]
    timeout: 3m
  - name: olm-v1
    kind: inspect
    when: {crdGroup: olm.operatorframework.io}
    resources: ["*.olm.operatorframework.io"]
    allNamespaces: true
    groups: [helpers]
    timeout: 3m
  - name: priority-and-fairness
    kind: apiGet
    when: {clusterVersionAtLeast: "4.6"}
    namespace: openshift-kube-apiserver
    selector: apiserver
    pods: each
    output: namespaces/{namespace}/pods/{pod}/kube-apiserver/kube-apiserver/api_priority_and_fairness
    get:
      priority_levels: /debug/api_priority_and_fairness/dump_priority_levels
      queues: /debug/api_priority_and_fairness/dump_queues
      requests: /debug/api_priority_and_fairness/dump_requests
    groups: [helpers]
    timeout: 2m
  - name: etcd
    kind: exec
    namespace: openshift-etcd
    selector: app=etcd
    container: etcdctl
    commands:
      etcd_info/member_list.json: [etcdctl, member, list, -w, json]
      etcd_info/endpoint_status.json: [etcdctl, endpoint, status, -w, json]
      etcd_info/endpoint_health.json: [etcdctl, endpoint, health, -w, json]
      etcd_info/alarm_list.json: [etcdctl, alarm, list, -w, json]
    groups: [helpers]
    timeout: 2m
  - name: prometheus
    kind: exec
    namespace: openshift-monitoring
    selector: prometheus=k8s
    container: prometheus
    commands:
      monitoring/alerts.json: [curl, -sG, "http://localhost:9090/api/v1/rules?type=alert"]
      monitoring/prometheus/alertmanagers.json: [curl, -sG, "http://localhost:9090/api/v1/alertmanagers"]
      monitoring/prometheus/rules.json: [curl, -sG, "http://localhost:9090/api/v1/rules"]
      monitoring/prometheus/status/config.json: [curl, -sG, "http://localhost:9090/api/v1/status/config"]
      monitoring/prometheus/status/flags.json: [curl, -sG, "http://localhost:9090/api/v1/status/flags"]
    groups: [helpers]
    timeout: 2m
  - name: prometheus-replicas
    kind: exec
    namespace: openshift-monitoring
    selector: prometheus=k8s
    pods: each
    container: prometheus
    commands:
      monitoring/prometheus/{pod}/status/runtimeinfo.json: [curl, -sG, "http://localhost:9090/api/v1/status/runtimeinfo"]
      monitoring/prometheus/{pod}/active-targets.json: [curl, -sG, "http://localhost:9090/api/v1/targets?state=active"]
      monitoring/prometheus/{pod}/status/tsdb.json: [curl, -sG, "http://localhost:9090/api/v1/status/tsdb"]
    groups: [helpers]
    timeout: 2m
  - name: alertmanager
    kind: exec
    namespace: openshift-monitoring
    selector: alertmanager=main
    container: alertmanager
    command: [curl, -sG, "http://localhost:9093/api/v2/status"]
    output: monitoring/alertmanager/status.json
    groups: [helpers]
    timeout: 1m
  - name: multus
    kind: inspect
    resources: [ippools.whereabouts.cni.cncf.io, overlappingrangeipreservations.whereabouts.cni.cncf.io,
      net-attach-def, multi-networkpolicy]
    allNamespaces: true
    groups: [helpers]
    timeout: 3m
  - name: network-scale
    kind: count
    file: network_logs/cluster_scale
    lines: {services amount: services, endpoints amount: endpoints, pods amount: pods,
      network policies amount: networkpolicies}
    groups: [helpers]
    timeout: 3m
  - name: ovn-kubernetes
    kind: inspect
    when: {field: {object: networks.config.openshift.io/cluster, path: spec.networkType, equals: OVNKubernetes}}
    resources: [egressips.k8s.ovn.org, egressfirewalls.k8s.ovn.org, clusteruserdefinednetworks.k8s.ovn.org,
      userdefinednetworks.k8s.ovn.org, adminnetworkpolicies.policy.networking.k8s.io,
      baselineadminnetworkpolicies.policy.networking.k8s.io]
    allNamespaces: true
    groups: [helpers]
    timeout: 3m
  - name: pod-network-connectivity-checks
    kind: apiGet
    when: {served: podnetworkconnectivitychecks.controlplane.operator.openshift.io}
    output: pod_network_connectivity_check
    get:
      podnetworkconnectivitychecks.json: /apis/controlplane.operator.openshift.io/v1alpha1/namespaces/openshift-network-diagnostics/podnetworkconnectivitychecks
    groups: [helpers]
    timeout: 1m
  - name: virt-counts
    kind: count
    folder: virt_info/crd
    types: [virtualmachines.kubevirt.io, virtualmachineinstances.kubevirt.io,
      virtualmachineinstancemigrations.kubevirt.io, migrations.forklift.konveyor.io, plans.forklift.konveyor.io,
      providers.forklift.konveyor.io]
    groups: [helpers]
    timeout: 3m

  # Add-ons, each gathered when the cluster has it, as the stock scripts detect them.
  - name: metallb
    kind: inspect
    when: {subscription: metallb-operator}
    resources: ["ns/{operatorNamespace}", bgppeers, bfdprofiles, bgpadvertisements, ipaddresspools, l2advertisements,
      communities, metallbs]
    namespace: "{operatorNamespace}"
    groups: [helpers]
    timeout: 3m
  - name: frr-k8s
    kind: inspect
    when: {namespace: openshift-frr-k8s}
    resources: [ns/openshift-frr-k8s, frrconfigurations, frrnodestates]
    namespace: openshift-frr-k8s
    groups: [helpers]
    timeout: 3m
  - name: nmstate
    kind: inspect
    when: {subscription: kubernetes-nmstate-operator}
    resources: ["ns/{operatorNamespace}", nmstates, nodenetworkconfigurationenactments,
      nodenetworkconfigurationpolicies, nodenetworkstates]
    groups: [helpers]
    timeout: 3m
  - name: nfd
    kind: inspect
    when: {subscription: nfd}
    resources: ["ns/{operatorNamespace}", nodefeaturediscoveries, nodefeaturegroups, nodefeaturerules, nodefeatures]
    namespace: "{operatorNamespace}"
    groups: [helpers]
    timeout: 3m
  - name: sriov
    kind: inspect
    when: {subscription: sriov-network-operator}
    resources: ["ns/{operatorNamespace}", sriovnetworknodepolicies, sriovnetworknodestates, sriovnetworkpoolconfigs,
      sriovnetworks, sriovoperatorconfigs, sriovibnetworks]
    allNamespaces: true
    groups: [helpers]
    timeout: 3m
  - name: vsphere
    kind: inspect
    when: {object: clustercsidrivers.operator.openshift.io/csi.vsphere.vmware.com}
    resources: [csinodetopologies.cns.vmware.com, cnsvspherevolumemigrations.cns.vmware.com,
      cnsvolumeoperationrequests.cns.vmware.com]
    allNamespaces: true
    groups: [helpers]
    timeout: 3m
  - name: update-service
    kind: inspect
    when: {clusterServiceVersion: update-service-operator}
    resources: ["ns/{operatorNamespace}", updateservices]
    namespace: "{operatorNamespace}"
    groups: [helpers]
    timeout: 3m
  - name: istio
    kind: inspect
    when: {crdGroup: istio.io}
    resources: ["*.istio.io"]
    allNamespaces: true
    groups: [helpers]
    timeout: 3m
  - name: aro
    kind: inspect
    when: {crd: clusters.aro.openshift.io}
    resources: [clusters.aro.openshift.io, ns/openshift-azure-operator, ns/openshift-azure-logging]
    groups: [helpers]
    timeout: 3m

  # Files out of pods: copies are bulky, and obey the disk guard.
  - name: haproxy-config
    kind: copy
    namespace: openshift-ingress
    selector: ingresscontroller.operator.openshift.io/deployment-ingresscontroller
    pods: each
    container: router
    path: /var/lib/haproxy/conf/haproxy.config
    output: "ingress_controllers/{label:ingresscontroller.operator.openshift.io/deployment-ingresscontroller}/{pod}/haproxy.config"
    groups: [helpers]
    timeout: 3m
  - name: insights
    kind: copy
    namespace: openshift-insights
    selector: app=insights-operator
    container: insights-operator
    path: /var/lib/insights-operator
    output: insights-data
    groups: [helpers]
    timeout: 3m
  - name: machine-config-termination-logs
    kind: copy
    namespace: openshift-machine-config-operator
    selector: k8s-app=machine-config-daemon
    pods: each
    container: machine-config-daemon
    path: /rootfs/etc/machine-config-daemon/previous-logs
    ifPresent: true
    output: machine_config_termination_logs/{node}
    groups: [helpers]
    timeout: 2m
  - name: machine-config-ondisk
    kind: copy
    namespace: openshift-machine-config-operator
    selector: k8s-app=machine-config-daemon
    nodeAnnotation: machineconfiguration.openshift.io/state=Degraded
    pods: each
    container: machine-config-daemon
    path: /rootfs/etc/mcs-machine-config-content.json
    output: machine_config_ondisk/{node}/mcs-machine-config-content.json
    groups: [helpers]
    timeout: 2m
  - name: machine-config-ondisk-diff
    kind: copy
    namespace: openshift-machine-config-operator
    selector: k8s-app=machine-config-daemon
    nodeAnnotation: machineconfiguration.openshift.io/state=Degraded
    pods: each
    container: machine-config-daemon
    path: /rootfs/etc/machine-config-daemon/bootstrapconfigdiff
    ifPresent: true
    output: machine_config_ondisk/{node}/bootstrapconfigdiff
    groups: [helpers]
    timeout: 2m
  - name: ovn-northbound-databases
    kind: copy
    when: {field: {object: networks.config.openshift.io/cluster, path: spec.networkType, equals: OVNKubernetes}}
    namespace: openshift-ovn-kubernetes
    selector: app=ovnkube-node
    pods: each
    container: nbdb
    path: /etc/ovn/ovnnb_db.db
    output: network_logs/ovnk_database_store/{pod}_nbdb
    groups: [helpers]
    timeout: 3m
  - name: ovn-southbound-databases
    kind: copy
    when: {field: {object: networks.config.openshift.io/cluster, path: spec.networkType, equals: OVNKubernetes}}
    namespace: openshift-ovn-kubernetes
    selector: app=ovnkube-node
    pods: each
    container: sbdb
    path: /etc/ovn/ovnsb_db.db
    output: network_logs/ovnk_database_store/{pod}_sbdb
    groups: [helpers]
    timeout: 3m

  # Node logs over the API server's node proxy: bulky, so they run last and obey the disk guard.
  - name: service-logs-masters
    kind: serviceLogs
    role: master
    units: [crio, kubelet, rpm-ostreed, ostree-finalize-staged, machine-config-daemon-firstboot,
      machine-config-daemon-host, NetworkManager, openvswitch, ovs-configuration, ovsdb-server, ovs-vswitchd]
    groups: [logs, service-logs]
    timeout: 4m
  - name: audit-logs
    kind: nodeFiles
    role: master
    paths: [kube-apiserver, openshift-apiserver, oauth-apiserver, etcd, oauth-server]
    groups: [audit, logs]
    timeout: 5m
  - name: kube-apiserver-startup-logs
    kind: nodeFiles
    role: master
    paths: [kube-apiserver]
    match: 'startup.*\.log|termination\.log'
    output: static-pods
    listing: false
    groups: [logs, helpers]
    timeout: 5m
  - name: windows-node-logs
    kind: nodeLogFiles
    when: {nodes: kubernetes.io/os=windows}
    selector: kubernetes.io/os=windows
    paths: [kube-proxy/kube-proxy.log, hybrid-overlay/hybrid-overlay.log, kubelet/kubelet.log, containerd/containerd.log,
      wicd/windows-instance-config-daemon.exe.INFO, wicd/windows-instance-config-daemon.exe.ERROR,
      wicd/windows-instance-config-daemon.exe.WARNING, csi-proxy/csi-proxy.log]
    output: host_service_logs/windows/log_files
    groups: [logs, helpers]
    timeout: 5m

  # A product script (collection-scripts/gather_pod_environment, installed in /usr/bin by the image). Off by
  # default; `gather --only pod-environment` or /usr/bin/gather_pod_environment runs it.
  - name: pod-environment
    kind: script
    path: /usr/bin/gather_pod_environment
    enabled: false

"""#

    /// The parsed list, with the kinds this build runs.
    public static func spec(kinds: CollectorKindRegistry) throws(SpecError) -> CollectorSpec {
        try CollectorSpec.parse(text, file: "<built-in collectors.yaml>", kinds: kinds)
    }
}
