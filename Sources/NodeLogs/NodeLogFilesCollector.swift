import GatherKit
import KubeClient
import NodeProxy

/// The `nodeLogFiles` kind: each file, from each chosen node in name order, into one file whose lines begin with the
/// node's name. Each node's copy goes to a hidden piece first, so that a download fetched again after an outage starts
/// over alone; the pieces are then joined in node order. A node without the file is a note (an optional component,
/// such as csi-proxy, has no log there); any other failure is a problem, and the file holds the other nodes.
struct NodeLogFilesCollector: Collector {
    let entry: CollectorEntry
    let parameters: NodeLogFilesKind
    let client: KubeClient
    /// The time limit for a file from a node that is not Ready.
    let notReadyTimeout: Duration

    init(entry: CollectorEntry, parameters: NodeLogFilesKind, client: KubeClient,
        notReadyTimeout: Duration = .seconds(15))
    {
        self.entry = entry
        self.parameters = parameters
        self.client = client
        self.notReadyTimeout = notReadyTimeout
    }

    private var piecesFolder: [String] { parameters.output + [".pieces-\(entry.name)"] }

    func run(_ context: CollectorContext) async throws {
        let nodes = try await NodeSelection.nodes(parameters.nodes, client: client, noting: context)
        guard !nodes.isEmpty else { return }
        context.say("\(parameters.paths.count) files from \(nodes.map(\.name).joined(separator: ", "))")
        let nodesToSkip = NodesToSkip()
        await parameters.paths.enumerated().concurrentForEach(limit: 4) { index, path in
            await gather(path, index: index, nodes: nodes, nodesToSkip: nodesToSkip, context: context)
        }
        try? context.output.removeDirectoryIfEmpty(piecesFolder)
    }

    private func gather(_ path: [String], index: Int, nodes: [ChosenNode], nodesToSkip: NodesToSkip,
        context: CollectorContext) async
    {
        let relative = path.joined(separator: "/")
        let download = NodeProxyDownload(client: client)
        var pieces: [OutputFile] = []
        defer { for piece in pieces { try? piece.remove() } }
        for node in nodes {
            let subject = "node/\(node.name) \(relative)"
            if let reason = nodesToSkip.reason(for: node.name) {
                context.report(subject, reason)
                continue
            }
            let piece: OutputFile
            do {
                piece = try context.output.createFile(piecesFolder + ["\(index).\(node.name)"], bulky: true)
            } catch {
                context.report(subject, "\(error)")
                continue
            }
            do {
                let apiPath = APIPath.object(group: "", version: "v1", resource: "nodes", name: node.name)
                    + "/proxy/logs/" + path.map(APIPath.segment).joined(separator: "/")
                _ = try await withTimeLimit(node.isReady ? nil : notReadyTimeout) {
                    try await download.download(apiPath, encoding: .prefixingLines(node.name + " "), into: piece)
                }
                try piece.abandon()
                pieces.append(piece)
            } catch {
                try? piece.remove()
                if let error = error as? KubeError, error.kind == .notFound {
                    context.note("node/\(node.name) has no /var/log/\(relative)")
                } else {
                    nodesToSkip.record(error, node: node.name)
                    context.report(subject, "not gathered: \(error)")
                }
            }
        }
        guard !pieces.isEmpty, !Task.isCancelled else { return }
        let inputs = pieces.map(\.partialPath)
        do {
            // One piece after the other: merging a single file copies it line by line.
            let bytes = try await BlockingIO.run { [parameters] in
                try LineMerger.writeFile(parameters.output + path, in: context.output,
                    mergingInTurn: inputs.map { [$0] })
            }
            context.countFile(bytes: bytes)
        } catch {
            context.report(relative, "joining the nodes' copies failed, the file is left as .partial: \(error)")
        }
    }
}
