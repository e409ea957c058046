import Foundation
import GatherKit
import JSONCoding
import KubeClient
import NodeProxy

/// The `nodeFiles` kind: log folders under each chosen node's `/var/log` (the API servers' audit logs), as
/// `gather_audit_logs` gathers them: the listing of every node kept in `audit_logs/<path>.audit_logs_listing`
/// (`<node> <file>` lines), `.terminating` and `.lock` files skipped, and every file downloaded to
/// `audit_logs/<path>/<node>-<file>.gz`, gzipped while it streams (rotations already gzipped are stored as they come).
/// Files whose name dates them before the since-window are skipped; names that are not plain file names are refused.
struct NodeFilesCollector: Collector {
    let entry: CollectorEntry
    let parameters: NodeFilesKind
    let client: KubeClient
    /// Files downloaded at once.
    let concurrency: Int
    /// The time limit for a listing from a node that is not Ready.
    let notReadyTimeout: Duration
    /// The nodes this collector does not ask again (one that hung or refused).
    let nodesToSkip = NodesToSkip()
    /// The folder listings, shared by the run's node-file entries: two of them list the same folder (the audit logs and
    /// kube-apiserver's startup logs), and a listing one was refused is not asked for again by the other.
    let listings: NodeFolderListings

    init(entry: CollectorEntry, parameters: NodeFilesKind, client: KubeClient, concurrency: Int = 8,
        notReadyTimeout: Duration = .seconds(15), listings: NodeFolderListings = NodeFolderListings())
    {
        self.listings = listings
        self.entry = entry
        self.parameters = parameters
        self.client = client
        self.concurrency = concurrency
        self.notReadyTimeout = notReadyTimeout
    }

    /// One file to fetch.
    struct FileJob: Sendable {
        var node: String
        var folder: String
        var name: String
    }

    func run(_ context: CollectorContext) async throws {
        let nodes = try await NodeSelection.nodes(parameters.nodes, client: client, noting: context)
        let match = try parameters.match.map { try Regex($0) }
        guard !nodes.isEmpty else { return }
        let cutoff = context.since.cutoff(from: context.startedAt)
        var jobs: [FileJob] = []
        for folder in parameters.paths {
            var listing = ""
            for node in nodes {
                if let reason = nodesToSkip.reason(for: node.name) {
                    context.report("node/\(node.name) \(folder)", "listing not read, \(reason)")
                    continue
                }
                let path = APIPath.object(group: "", version: "v1", resource: "nodes", name: node.name)
                    + "/proxy/logs/\(APIPath.segment(folder))/"
                do {
                    let body = try await listings.listing(path) { [client, notReadyTimeout] in
                        try await withTimeLimit(node.isReady ? nil : notReadyTimeout) {
                            try await client.get(KubeClient.Request(path: path, accept: "text/plain, */*"),
                                maximumBytes: 16 * 1024 * 1024)
                        }
                    }
                    let (files, refused) = DirectoryListing.entries(String(decoding: body.bytes, as: UTF8.self))
                    for (name, reason) in refused {
                        context.report("node/\(node.name) \(folder)", "refused a listed name (\(reason)): \(name.debugDescription)")
                    }
                    for name in files {
                        listing += "\(node.name) \(name)\n"
                        if name.contains(".terminating") || name.contains(".lock") { continue }
                        if let match, (try? match.firstMatch(in: name)) == nil { continue }
                        if let cutoff, let stamp = Self.rotationTime(name), stamp < cutoff { continue }
                        jobs.append(FileJob(node: node.name, folder: folder, name: name))
                    }
                } catch let error as KubeError where error.kind == .notFound {
                    context.note("node/\(node.name) has no /var/log/\(folder)")
                } catch {
                    nodesToSkip.record(error, node: node.name)
                    context.report("node/\(node.name) \(folder)", "listing not read: \(error)")
                }
            }
            // Cancelled (deadline, SIGTERM) while listing: a listing without the nodes not yet asked would look whole.
            if Task.isCancelled { return }
            guard parameters.keepsListing else { continue }
            do {
                let bytes = Array(listing.utf8)
                try context.output.write(bytes, to: [parameters.output, "\(folder).audit_logs_listing"])
                context.countFile(bytes: Int64(bytes.count))
            } catch {
                context.report("\(parameters.output)/\(folder).audit_logs_listing", "\(error)")
            }
        }
        context.say("\(jobs.count) files from \(nodes.count) nodes")
        let download = NodeProxyDownload(client: client)
        await jobs.concurrentForEach(limit: concurrency) { job in
            await fetch(job, with: download, nodesToSkip: nodesToSkip, context: context)
        }
    }

    private func fetch(_ job: FileJob, with download: NodeProxyDownload, nodesToSkip: NodesToSkip,
        context: CollectorContext) async
    {
        let subject = "node/\(job.node) \(job.folder)/\(job.name)"
        if let reason = nodesToSkip.reason(for: job.node) {
            context.report(subject, reason)
            return
        }
        if let refusal = context.output.diskGuardRefusal {
            context.report(subject, "skipped, disk guard: \(refusal)")
            return
        }
        let compressed = job.name.hasSuffix(".gz")
        let target = [parameters.output, job.folder, "\(job.node)-\(job.name)" + (compressed ? "" : ".gz")]
        let file: OutputFile
        do {
            file = try context.output.createFile(target, bulky: true)
        } catch {
            context.report(subject, "\(error)")
            return
        }
        do {
            let path = APIPath.object(group: "", version: "v1", resource: "nodes", name: job.node)
                + "/proxy/logs/\(APIPath.segment(job.folder))/\(APIPath.segment(job.name))"
            let bytes = try await download.download(path, encoding: compressed ? .asIs : .compress, into: file)
            try file.commit()
            context.countFile(bytes: bytes)
        } catch {
            nodesToSkip.record(error, node: job.node)
            try? file.abandon()
            context.report(subject, "not gathered whole, left as .partial: \(error)")
        }
    }

    /// The time in a rotated audit log's name: `audit-2024-05-01T10-20-30.123.log` (kube-apiserver's rotation).
    static func rotationTime(_ name: String) -> Date? {
        guard let start = name.range(of: #"\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}"#, options: .regularExpression) else {
            return nil
        }
        // `2024-05-01T10-20-30`: the time's dashes are colons in RFC 3339.
        let stamp = Array(name[start])
        return RFC3339.parse(String(stamp[0..<11]) + String(stamp[11...]).replacingOccurrences(of: "-", with: ":") + "Z")
    }
}
