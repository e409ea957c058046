import Foundation
import GatherKit
import KubeClient
import NodeProxy

/// The `serviceLogs` kind: the journal of each unit on every chosen node, merged per unit in time order into
/// `host_service_logs/<masters|workers|selector>/<unit>_service.log`, as `gather_service_logs` writes it with
/// `oc adm node-logs --role=master -u <unit>`.
///
/// Each node's journal goes to a hidden temporary file first (gunzipped if the kubelet gzipped it); the merge reads
/// the files line by line, so memory does not grow with the journals. A node that fails or is not Ready (short time
/// limit) is recorded, and the unit's file holds the other nodes.
struct ServiceLogsCollector: Collector {
    let entry: CollectorEntry
    let units: [String]
    let choice: NodeChoice
    let client: KubeClient
    /// The time limit for one journal of a node that is not Ready.
    let notReadyTimeout: Duration

    init(entry: CollectorEntry, units: [String], nodes: NodeChoice, client: KubeClient,
        notReadyTimeout: Duration = .seconds(15))
    {
        self.entry = entry
        self.units = units
        choice = nodes
        self.client = client
        self.notReadyTimeout = notReadyTimeout
    }

    /// The hidden folder of this collector's per-node pieces, its own even when another entry writes to the same
    /// role's folder at the same time.
    private var piecesFolder: String { ".merge-\(entry.name)" }

    func run(_ context: CollectorContext) async throws {
        let nodes = try await NodeSelection.nodes(choice, client: client, noting: context)
        guard !nodes.isEmpty else { return }
        let folder = ["host_service_logs", NodeSelection.folderName(choice)]
        let since = context.since.journalSince()
        context.say("journals of \(units.count) units from \(nodes.map(\.name).joined(separator: ", ")), since \(since)")
        let nodesToSkip = NodesToSkip()
        await units.concurrentForEach(limit: 4) { unit in
            await gather(unit: unit, nodes: nodes, since: since, folder: folder, nodesToSkip: nodesToSkip,
                context: context)
        }
        // Once, after every unit: a unit that ended earlier would remove it while another unit is writing there.
        try? context.output.removeDirectoryIfEmpty(folder + [piecesFolder])
    }

    private func gather(unit: String, nodes: [ChosenNode], since: String, folder: [String],
        nodesToSkip: NodesToSkip, context: CollectorContext) async
    {
        let download = NodeProxyDownload(client: client)
        let pieces = PieceList()
        await nodes.concurrentForEach(limit: nodes.count) { node in
            if let reason = nodesToSkip.reason(for: node.name) {
                context.report("node/\(node.name)", "journal of \(unit) not gathered, \(reason)")
                return
            }
            let piece: OutputFile
            do {
                piece = try context.output.createFile(folder + [piecesFolder, "\(unit).\(node.name)"], bulky: true)
            } catch {
                context.report("node/\(node.name)", "journal of \(unit) not gathered: \(error)")
                return
            }
            do {
                let path = APIPath.object(group: "", version: "v1", resource: "nodes", name: node.name)
                    + "/proxy/logs/journal"
                let query = [("unit", unit), ("query", unit), ("since", since)]
                let limit: Duration? = node.isReady ? nil : notReadyTimeout
                _ = try await withTimeLimit(limit) {
                    try await download.download(path, query: query, encoding: .decompressIfGzip, into: piece)
                }
                pieces.add(piece)
            } catch {
                nodesToSkip.record(error, node: node.name)
                try? piece.abandon()
                try? piece.remove()
                let readiness = node.isReady ? "" : " (the node is not Ready)"
                context.report("node/\(node.name)", "journal of \(unit) not gathered\(readiness): \(error)")
            }
        }
        let gathered = pieces.all.sorted { $0.partialPath < $1.partialPath }
        for piece in gathered { try? piece.abandon() }
        let paths = gathered.map(\.partialPath)
        defer { for piece in gathered { try? piece.remove() } }
        guard !gathered.isEmpty else { return }
        do {
            let bytes = try await BlockingIO.run {
                try LineMerger.writeFile(folder + ["\(unit)_service.log"], in: context.output, mergingInTurn: [paths])
            }
            context.countFile(bytes: bytes)
        } catch {
            context.report("\(unit)_service.log", "merging the journals failed, the file is left as .partial: \(error)")
        }
    }
}

/// The per-node files of one unit that downloaded whole.
final class PieceList: @unchecked Sendable {
    private let lock = NSLock()
    private var pieces: [OutputFile] = []

    func add(_ piece: OutputFile) { lock.withLock { pieces.append(piece) } }
    var all: [OutputFile] { lock.withLock { pieces } }
}
