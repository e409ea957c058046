import KubeClient

/// Where `oc adm inspect` puts each thing, as path components below the output root (sanitised by the output tree).
///
/// The group folder is the API group, or `core` for the core group; the resource is its plural name.
enum InspectLayout {
    /// `cluster-scoped-resources/<group>/<plural>.yaml` or `namespaces/<ns>/<group>/<plural>.yaml`: a whole list.
    static func listFile(_ resource: APIResource, namespace: String?) -> [String] {
        scope(namespace) + [resource.groupDirectory, resource.name + ".yaml"]
    }

    /// The file of one object: `.../<group>/<plural>/<name>.yaml`, except namespaces (`namespaces/<ns>/<ns>.yaml`) and
    /// pods (`namespaces/<ns>/pods/<pod>/<pod>.yaml`).
    static func objectFile(_ resource: APIResource, namespace: String?, name: String) -> [String] {
        if resource.group.isEmpty && resource.name == "namespaces" { return ["namespaces", name, name + ".yaml"] }
        if resource.group.isEmpty && resource.name == "pods", let namespace {
            return ["namespaces", namespace, "pods", name, name + ".yaml"]
        }
        return scope(namespace) + [resource.groupDirectory, resource.name, name + ".yaml"]
    }

    /// `namespaces/<ns>/pods/<pod>/<container>/<container>/logs/<current|previous>.log`: the container name twice.
    static func logFile(namespace: String, pod: String, container: String, previous: Bool) -> [String] {
        ["namespaces", namespace, "pods", pod, container, container, "logs", previous ? "previous.log" : "current.log"]
    }

    /// `namespaces/<ns>/pods/<pod>/<container>/<container>/logs/rotated/<file>`: a rotated log file as the kubelet names
    /// it (`0.log.20211027-082023`, `0.log.20211027-082023.gz`).
    static func rotatedLogFile(namespace: String, pod: String, container: String, file: String) -> [String] {
        ["namespaces", namespace, "pods", pod, container, container, "logs", "rotated", file]
    }

    private static func scope(_ namespace: String?) -> [String] {
        namespace.map { ["namespaces", $0] } ?? ["cluster-scoped-resources"]
    }
}
