import JSONCoding
import KubeClient

/// A pod's name and its containers' names, read from the list bytes without building the pod.
struct PodNames: Sendable {
    let name: String
    /// The node it runs on (`spec.nodeName`), nil while it is not scheduled.
    let node: String?
    /// What names its log folder on the node: its UID, or for a static pod (`kubernetes.io/config.source: file`) its
    /// `kubernetes.io/config.hash`, as the kubelet names the folder.
    let logFolderKey: String?
    /// Containers, then init containers, as oc gathers their logs.
    let containers: [String]
    /// Containers whose status says they never restarted (`restartCount: 0`): they have no previous instance, so the
    /// kubelet could only answer 400 to a request for its log.
    let neverRestarted: Set<String>

    /// Reads `metadata.name`, `spec.containers[].name` and `spec.initContainers[].name` of the pod at `item` and the
    /// restart counts of their statuses; nil when it has no name. With `readsLogFolder` (rotated logs asked for), also
    /// its node and what names its log folder there: three more lookups in every pod, saved otherwise.
    init?(_ scanner: JSONScanner, item: Range<Int>, readsLogFolder: Bool) throws {
        guard let name = try Self.string(at: ["metadata", "name"], in: item, scanner) else { return nil }
        self.name = name
        node = readsLogFolder ? try Self.string(at: ["spec", "nodeName"], in: item, scanner) : nil
        if !readsLogFolder {
            logFolderKey = nil
        } else if try Self.string(at: ["metadata", "annotations", "kubernetes.io/config.source"], in: item, scanner) == "file" {
            logFolderKey = try Self.string(at: ["metadata", "annotations", "kubernetes.io/config.hash"], in: item, scanner)
        } else {
            logFolderKey = try Self.string(at: ["metadata", "uid"], in: item, scanner)
        }
        var containers: [String] = []
        for field in ["containers", "initContainers"] {
            for element in try Self.elements(of: ["spec", field], in: item, scanner) {
                if let container = try Self.string(at: ["name"], in: element, scanner) { containers.append(container) }
            }
        }
        self.containers = containers
        var neverRestarted: Set<String> = []
        for field in ["containerStatuses", "initContainerStatuses"] {
            for element in try Self.elements(of: ["status", field], in: item, scanner) {
                guard let container = try Self.string(at: ["name"], in: element, scanner),
                    let countRange = try scanner.value(at: ["restartCount"], in: element),
                    try scanner.parse(countRange).intValue == 0
                else { continue }
                neverRestarted.insert(container)
            }
        }
        self.neverRestarted = neverRestarted
    }

    /// The string at `path` in `item`; nil when it is absent or not a string.
    private static func string(at path: [String], in item: Range<Int>, _ scanner: JSONScanner) throws -> String? {
        guard let range = try scanner.value(at: path, in: item), case .string(let text) = try scanner.parse(range) else {
            return nil
        }
        return text
    }

    /// The elements of the array at `path` in `item`; none when it is absent or not an array.
    private static func elements(of path: [String], in item: Range<Int>, _ scanner: JSONScanner) throws -> [Range<Int>] {
        guard let list = try scanner.value(at: path, in: item),
            scanner.bytes[scanner.skipWhitespace(list.lowerBound)] == UInt8(ascii: "[")
        else { return [] }
        var elements: [Range<Int>] = []
        try scanner.elements(of: list, into: &elements)
        return elements
    }

    /// The current and previous log of each container; the previous one marked as known absent when the container
    /// never restarted.
    func logJobs(namespace: String) -> [PodLogJob] {
        containers.flatMap { container in
            [false, true].map {
                PodLogJob(namespace: namespace, pod: name, container: container, previous: $0,
                    knownAbsent: $0 && neverRestarted.contains(container))
            }
        }
    }

    /// The rotated-log folder of each container on the pod's node; none when the pod is not scheduled.
    func rotatedLogJobs(namespace: String) -> [RotatedLogJob] {
        guard let node, let logFolderKey else { return [] }
        return containers.map {
            RotatedLogJob(namespace: namespace, pod: name, container: $0, node: node,
                podFolder: "\(namespace)_\(name)_\(logFolderKey)")
        }
    }
}
