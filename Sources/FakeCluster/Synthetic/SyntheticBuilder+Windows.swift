/// The operating system a synthetic node reports in its `status.nodeInfo`.
struct NodeSystem {
    var operatingSystem: String
    var osImage: String
    var kernelVersion: String
    var containerRuntime: String
    var kubeletVersion: String

    /// An OpenShift node.
    static let rhcos = NodeSystem(operatingSystem: "linux", osImage: OpenShiftRelease.osImage,
        kernelVersion: OpenShiftRelease.kernelVersion, containerRuntime: OpenShiftRelease.crioVersion,
        kubeletVersion: OpenShiftRelease.kubernetesVersion)
    /// A plain Kubernetes node.
    static let ubuntu = NodeSystem(operatingSystem: "linux", osImage: "Ubuntu 22.04.4 LTS",
        kernelVersion: "5.15.0-113-generic", containerRuntime: "containerd://1.7.18",
        kubeletVersion: SyntheticCluster.kubeadmVersion)
    /// A Windows worker that the Windows Machine Config Operator set up.
    static let windowsServer = NodeSystem(operatingSystem: "windows", osImage: "Windows Server 2022 Datacenter",
        kernelVersion: "10.0.20348.2340", containerRuntime: "containerd://1.7.11",
        kubeletVersion: OpenShiftRelease.kubernetesVersion)
}

extension SyntheticBuilder {
    /// The log files a Windows node's kubelet serves under `/logs/`, as the stock `gather_windows_node_logs` names
    /// them.
    static let windowsLogFiles = ["kube-proxy/kube-proxy.log", "hybrid-overlay/hybrid-overlay.log",
        "kubelet/kubelet.log", "containerd/containerd.log", "wicd/windows-instance-config-daemon.exe.INFO",
        "wicd/windows-instance-config-daemon.exe.ERROR", "wicd/windows-instance-config-daemon.exe.WARNING",
        "csi-proxy/csi-proxy.log"]

    /// The Windows workers the spec asks for, labelled `kubernetes.io/os=windows`, each serving its log files; the
    /// second has no csi-proxy (an optional component), so its log is missing there. No pod runs on them.
    mutating func makeWindowsNodes() {
        for index in 0..<spec.windowsNodes {
            let name = "windows-\(index)"
            let labels = ["kubernetes.io/hostname": name, "kubernetes.io/os": "windows", "kubernetes.io/arch": "amd64",
                "beta.kubernetes.io/os": "windows", "beta.kubernetes.io/arch": "amd64",
                "node-role.kubernetes.io/worker": "", "node.openshift.io/os_id": "Windows"]
            _ = addNode(name, labels: labels, annotations: [:], address: "10.0.1.\(index + 10)",
                system: .windowsServer, master: false)
            var tree = NodeFileTree()
            for file in Self.windowsLogFiles where !(index == 1 && file.hasPrefix("csi-proxy/")) {
                let component = file.split(separator: "/").first.map(String.init) ?? file
                var text = (1...3).map { "I1201 10:0\($0):00.000000 \(component) line \($0) on \(name)\n" }.joined()
                // The kubelet's log is being written: its last line has no newline yet.
                if component == "kubelet" { text.removeLast() }
                tree.add(file, .bytes(Array(text.utf8)))
            }
            data.nodeFiles[name] = tree
        }
    }
}
