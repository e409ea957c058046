import Foundation

/// The size and shape of a synthetic cluster. The same spec and seed always give the same cluster.
public struct SyntheticSpec: Sendable {
    /// OpenShift (config.openshift.io, routes, clusteroperators, audit logs of three API servers) or plain Kubernetes.
    public enum Flavor: String, Sendable, CaseIterable {
        case openshift
        case kubernetes
    }

    public var flavor: Flavor = .openshift
    public var seed: UInt64 = 1
    /// Workload namespaces, besides the system ones the flavor always has.
    public var namespaces = 8
    public var podsPerNamespace = 3
    public var containersPerPod = 2
    /// Every `initContainerEvery`-th pod has an init container (0: none).
    public var initContainerEvery = 3
    /// Every `restartEvery`-th container has restarted and has a previous log (0: none).
    public var restartEvery = 4
    public var logBytesPerContainer = 20_000
    public var nodes = 6
    public var masters = 3
    /// Windows workers besides `nodes` (`windows-0`, ...), which serve the log files of a Windows node and run no pod.
    public var windowsNodes = 0
    public var events = 200
    public var secretsPerNamespace = 2
    public var configMapsPerNamespace = 2
    /// Instances of the example custom resource, spread over the namespaces.
    public var customResources = 10
    /// Bytes of each journal unit on each node.
    public var journalBytesPerUnit = 20_000
    /// Bytes of audit log per API server per master, split over the current file and two rotated ones.
    public var auditBytesPerServer = 60_000
    /// Rotated files in each container's kubelet log folder (`/var/log/pods/<ns>_<pod>_<uid>/<c>/`) besides its
    /// current `0.log`: the newest plain, the older ones gzipped, one hour apart.
    public var rotatedLogsPerContainer = 0
    /// When above zero, `largeObjectCount` config maps (`large-config`, `large-config-1`, ... in `default`, which every
    /// gather inspects) hold this many bytes each.
    public var largeObjectBytes = 0
    /// How many large config maps there are when `largeObjectBytes` is above zero.
    public var largeObjectCount = 1
    /// Adds pods and config maps with odd names to `default`: non-ASCII, control bytes, `..`,
    /// 300 bytes long. The API server would refuse them; a gather must still write them safely.
    public var oddNames = false
    /// The cluster's "now": the newest log lines are stamped just before it.
    public var now: Date = Date(timeIntervalSince1970: floor(Date().timeIntervalSince1970 / 3600) * 3600)

    public init() {}

    /// The modest OpenShift-like cluster `fake-cluster` serves with no arguments.
    public static let demo = SyntheticSpec()
}

/// SplitMix64: a small deterministic generator, so a seed always yields the same cluster.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }

    /// Eight lowercase hex digits, for names and uids.
    mutating func hex(_ digits: Int = 8) -> String {
        let value = next()
        return String(String(value, radix: 16).leftPadded(to: 16).suffix(digits))
    }
}

extension String {
    func leftPadded(to length: Int) -> String {
        count >= length ? self : String(repeating: "0", count: length - count) + self
    }
}
