import Foundation
import GatherKit
import JSONCoding
import KubeClient
import NodeProxy

/// One container's folder of log files on its node, whose rotated files `--rotated-pod-logs` gathers.
struct RotatedLogJob: Sendable {
    public var namespace: String
    var pod: String
    var container: String
    var node: String
    /// `<ns>_<pod>_<uid or config hash>`: the pod's folder below the node's `/var/log/pods/`.
    var podFolder: String

    /// How problems name it: `pod/p -n ns -c c --rotated`.
    var subject: String { "pod/\(pod) -n \(namespace) -c \(container) --rotated" }
}

/// Fetches a container's rotated log files over its node's proxy, as `oc adm inspect --rotated-pod-logs` does: reads
/// the kubelet's listing of the container's folder, keeps the names the kubelet gives rotations
/// (`<restarts>.log.<20060102-150405>`, gzipped ones with `.gz`) whose stamp is inside the since-window, and stores
/// each as the kubelet has it in `logs/rotated/`. A listing is hostile input: only plain file names are used.
struct RotatedLogDownloader: Sendable {
    let client: KubeClient
    let output: OutputTree
    /// Rotations stamped before this are skipped (nil: every rotation).
    let cutoff: Date?
    /// Nodes that did not answer in time or refused the proxy: their remaining requests are not made.
    let nodesToSkip: NodesToSkip

    /// What one container's folder gave.
    struct Outcome: Sendable {
        /// Files stored whole, with their sizes.
        var stored: [(name: String, bytes: Int64)] = []
        /// Listed names refused as paths, and why.
        var refused: [(name: String, reason: String)] = []
        /// Files not gathered, and why (a failed download is left as `.partial`).
        var failed: [(name: String, problem: String)] = []
    }

    /// Lists the container's folder and stores its rotated files. Throws when the listing cannot be read.
    func download(_ job: RotatedLogJob) async throws -> Outcome {
        let folder = APIPath.object(group: "", version: "v1", resource: "nodes", name: job.node)
            + "/proxy/logs/pods/\(APIPath.segment(job.podFolder))/\(APIPath.segment(job.container))/"
        let listing: KubeClient.Body
        do {
            listing = try await client.get(KubeClient.Request(path: folder, accept: "text/plain, */*"),
                maximumBytes: 1024 * 1024)
        } catch {
            nodesToSkip.record(error, node: job.node)
            throw error
        }
        let (names, refused) = DirectoryListing.entries(String(decoding: listing.bytes, as: UTF8.self))
        var outcome = Outcome(refused: refused)
        for name in names where Self.isRotation(name) && !isBeforeWindow(name) {
            if let reason = nodesToSkip.reason(for: job.node) {
                outcome.failed.append((name, reason))
                continue
            }
            do {
                outcome.stored.append((name, try await store(name, from: folder, of: job)))
            } catch {
                nodesToSkip.record(error, node: job.node)
                outcome.failed.append((name, "\(error)"))
            }
        }
        return outcome
    }

    /// Downloads the file `name` of `folder` to its place; returns its size. Gzipped rotations are stored as they
    /// are; a plain one that the kubelet sent gzipped is stored plain, as it is on the node.
    private func store(_ name: String, from folder: String, of job: RotatedLogJob) async throws -> Int64 {
        let file = try output.createFile(InspectLayout.rotatedLogFile(namespace: job.namespace, pod: job.pod,
            container: job.container, file: name), bulky: true)
        do {
            let bytes = try await NodeProxyDownload(client: client).download(folder + APIPath.segment(name),
                encoding: name.hasSuffix(".gz") ? .asIs : .decompressIfGzip, into: file)
            try file.commit()
            return bytes
        } catch {
            try? file.abandon()
            throw error
        }
    }

    /// Whether `name` is a rotation as the kubelet names them: digits, `.log.`, then anything (oc's
    /// `[0-9]+\.log\..+`); the current `0.log` is not.
    static func isRotation(_ name: String) -> Bool {
        guard let marker = name.range(of: ".log.") else { return false }
        let restarts = name[..<marker.lowerBound]
        return !restarts.isEmpty && restarts.allSatisfy(\.isASCIIDigit) && marker.upperBound < name.endIndex
    }

    /// Whether the stamp in `name` (its third dot-separated part, `20060102-150405`, UTC) is before the cut-off. A
    /// name without a readable stamp is kept, as oc keeps it.
    func isBeforeWindow(_ name: String) -> Bool {
        guard let cutoff, let stamp = Self.rotationTime(name) else { return false }
        return stamp < cutoff
    }

    /// The time stamped in a rotation's name, nil when its third part is not `20060102-150405`.
    static func rotationTime(_ name: String) -> Date? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return nil }
        let stamp = Array(parts[2])
        guard stamp.count == 15, stamp[8] == "-" else { return nil }
        func part(_ range: Range<Int>) -> String { String(stamp[range]) }
        return RFC3339.parse("\(part(0..<4))-\(part(4..<6))-\(part(6..<8))T\(part(9..<11)):\(part(11..<13)):\(part(13..<15))Z")
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
