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
# Each entry: name, kind (version, inspect, serviceLogs, nodeFiles, exec, copy, script), its parameters, and optionally
# timeout (Go duration), enabled (default true) and groups (to run a group alone).
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
