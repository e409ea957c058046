import Foundation
import JSONCoding
import KubeClient

/// Everything the fake cluster serves: resource tables in discovery order, pod logs, node journals and node log files.
///
/// Built once (synthetic or replayed), then read concurrently by the server.
public struct ClusterData: Sendable {
    /// Identifies one container log.
    public struct PodLogKey: Hashable, Sendable {
        var namespace: String
        var pod: String
        var container: String
        var previous: Bool

        init(namespace: String, pod: String, container: String, previous: Bool) {
            self.namespace = namespace
            self.pod = pod
            self.container = container
            self.previous = previous
        }
    }

    /// Identifies one journal unit on one node.
    public struct JournalKey: Hashable, Sendable {
        var node: String
        var unit: String

        init(node: String, unit: String) {
            self.node = node
            self.unit = unit
        }
    }

    /// The `/version` answer.
    var version: JSONValue
    /// One table per served type, in discovery order (core group first).
    var tables: [ResourceTable] = []
    /// Container logs; a missing key is a container without that log (no previous instance).
    public var podLogs: [PodLogKey: any LogLines] = [:]
    /// Journal lines per node and unit, each line whole in short-precise form.
    var journals: [JournalKey: any LogLines] = [:]
    /// `/var/log` of each node, as the kubelet's file server shows it.
    var nodeFiles: [String: NodeFileTree] = [:]
    /// What commands run over exec find inside pods, by namespace and pod name; a pod not listed has no files and
    /// answers no command but the built-in ones.
    var podContents: [PodContents.Key: PodContents] = [:]
    /// Documents served at paths outside the resource API, by path: the API server's debug endpoints
    /// (`/debug/api_priority_and_fairness/dump_queues`), sent as `text/plain`.
    var debugDocuments: [String: [UInt8]] = [:]
    /// Values planted in every Secret, which must never appear in a gather's output.
    public var canaries: [String] = []
    /// The cluster's clock for relative time windows (`sinceSeconds`, `since=-7d`); nil means the real time. A
    /// replayed cluster lives at the time it was gathered.
    public var now: Date?

    /// The time relative windows count back from.
    var currentTime: Date { now ?? Date() }

    /// Creates an empty cluster answering `/version` with `version`.
    init(version: JSONValue) {
        self.version = version
    }

    /// Adds (or replaces) the table of a type.
    mutating func setTable(_ resource: APIResource, objects: [JSONValue]) {
        let table = ResourceTable(resource: resource, objects: objects.map(StoredObject.init))
        if let index = tables.firstIndex(where: { $0.resource.group == resource.group && $0.resource.name == resource.name })
        {
            tables[index] = table
        } else {
            tables.append(table)
        }
    }

    /// The table of `group`/`name`.
    func table(group: String, name: String) -> ResourceTable? {
        tables.first { $0.resource.group == group && $0.resource.name == name }
    }

    /// Every object count, for the startup line.
    public var objectCount: Int { tables.reduce(0) { $0 + $1.objects.count } }
}

/// A node's `/var/log` tree: directories and files, each file's bytes made on demand.
struct NodeFileTree: Sendable {
    /// A file's contents.
    enum Content: Sendable {
        /// Fixed bytes.
        case bytes([UInt8])
        /// Lines made up as they are read (audit logs of any size).
        case lines(any LogLines)
        /// A file on the serving machine (replay).
        case file(path: String)
    }

    /// Files by path relative to `/var/log` (`kube-apiserver/audit.log`).
    private(set) var files: [String: Content] = [:]

    init() {}

    /// Adds a file (its directories exist implicitly).
    mutating func add(_ path: String, _ content: Content) {
        files[path] = content
    }

    /// The entries directly inside `directory` (no leading or trailing `/`; empty for the root), directories with a
    /// trailing `/`, sorted by name; nil when no such directory exists.
    func listing(of directory: String) -> [String]? {
        let prefix = directory.isEmpty ? "" : directory + "/"
        var entries = Set<String>()
        for path in files.keys where path.hasPrefix(prefix) {
            let rest = path.dropFirst(prefix.count)
            if let slash = rest.firstIndex(of: "/") {
                entries.insert(String(rest[..<slash]) + "/")
            } else {
                entries.insert(String(rest))
            }
        }
        if entries.isEmpty && !directory.isEmpty { return nil }
        return entries.sorted()
    }
}
