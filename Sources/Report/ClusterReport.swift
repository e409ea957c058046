/// Everything the page shows, read from a gathered folder. Each part tolerates its files being missing: a tree
/// from plain Kubernetes has no cluster operators, one from the stock image has no gather summary.
struct ClusterReport: Equatable {
    /// The folder's name, for the title.
    var title: String
    /// When the data was gathered (the summary's start, else the stock image's `timestamp` file).
    var gatheredAt: String
    var identity: ClusterIdentity
    var nodes: NodeSummary
    var operators: OperatorStatus
    var pods: PodTroubles
    var warnings: WarningEvents
    var etcd: EtcdHealth?
    var gather: GatherRecord?
    /// Files the report could not read, and other image folders it did not read.
    var unreadable: [String]

    /// Reads the folder at `path`.
    static func read(_ path: String) throws(ReportError) -> ClusterReport {
        let folder = try MustGatherFolder(path)
        let gather = GatherRecord.read(folder)
        // The stock image's `timestamp` holds Go's time.String(), monotonic clock reading (` m=+0.38`) and all.
        let timestamp = folder.firstLine("timestamp")?.components(separatedBy: " m=")[0]
        var report = ClusterReport(
            title: String(path.split(separator: "/").last ?? "must-gather"),
            gatheredAt: gather?.startedAt ?? timestamp ?? "",
            identity: ClusterIdentity.read(folder), nodes: NodeSummary.read(folder),
            operators: OperatorStatus.read(folder), pods: PodTroubles.read(folder),
            warnings: WarningEvents.read(folder), etcd: EtcdHealth.read(folder), gather: gather,
            unreadable: folder.unreadable)
        for other in folder.otherImageFolders {
            report.unreadable.append("\(other): another image's data, not read for this page")
        }
        return report
    }
}
