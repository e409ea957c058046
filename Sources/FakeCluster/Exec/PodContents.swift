/// What the fake cluster models inside one pod, for commands run in it over exec: files, fixed answers to exact
/// command lines, and archives served as they are.
struct PodContents: Sendable {
    /// A pod, by namespace and name.
    struct Key: Hashable, Sendable {
        var namespace: String
        var pod: String

        init(namespace: String, pod: String) {
            self.namespace = namespace
            self.pod = pod
        }
    }

    /// Files by absolute path (`/var/lib/haproxy/conf/haproxy.config`); folders exist implicitly.
    var files: [String: [UInt8]] = [:]
    /// What exact command lines (`["etcdctl", "member", "list", "-w", "json"]`) print on stdout.
    var answers: [[String]: [UInt8]] = [:]
    /// Tar streams sent as they are for `tar cf -` of a path (given as the absolute path archived): streams that no
    /// honest tar writes, for tests of the side that unpacks them.
    var archives: [String: [UInt8]] = [:]
    /// Whether the containers have `tar`; without it `tar` is an unknown command (exit 127), as in minimal images.
    var hasTar = true

    init() {}
}
