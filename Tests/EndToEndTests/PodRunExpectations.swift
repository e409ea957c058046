import Foundation
import TestSupport
import Testing

/// What a run of the image as the must-gather pod must leave, checked the same way whether the image ran in a
/// namespace laid out as the pod (ImageContractTests) or under podman (PodmanImageTests).
enum PodRunExpectations {
    /// `/usr/bin/gather` with no arguments: the wrapper ran it in its own session and synced; both copies hold the
    /// same tree; the `version` file carries the image's build arguments; every collector of the image's list
    /// succeeded (or was not applicable) and left its files; no file is writable by others; and the token is in no file and no log line.
    static func expectCompleteGather(_ run: PodRun, version: String, token: String,
        sourceLocation: SourceLocation = #_sourceLocation)
    {
        #expect(run.commandStatus == 0, "\(run.log)", sourceLocation: sourceLocation)
        #expect(run.log.contains("session tools: true") && run.log.contains("Caches written to disk"), "\(run.log)",
            sourceLocation: sourceLocation)
        #expect(TreeComparison.differences(run.tarCopy, run.rsyncCopy) == [], sourceLocation: sourceLocation)
        #expect((try? String(contentsOfFile: run.tarCopy + "/version", encoding: .utf8)) == version,
            sourceLocation: sourceLocation)
        let summary = (try? SummaryFile.read(run.tarCopy)) ?? [:]
        #expect((summary["options"] as? [String: Any])?["output"] as? String == "/must-gather", sourceLocation: sourceLocation)
        #expect((summary["options"] as? [String: Any])?["spec"] as? String == "/usr/share/gather/collectors.yaml",
            sourceLocation: sourceLocation)
        let collectors = summary["collectors"] as? [[String: Any]] ?? []
        #expect(collectors.map { $0["name"] as? String } == ((try? DefaultList.names()) ?? []),
            sourceLocation: sourceLocation)
        // Every entry succeeds, but those whose add-on the cluster does not have.
        for collector in collectors {
            #expect(["succeeded", "not-applicable"].contains(collector["status"] as? String), "\(collector)",
                sourceLocation: sourceLocation)
        }
        for path in ["timestamp", "cluster-scoped-resources/config.openshift.io/clusteroperators.yaml",
            "namespaces/openshift-etcd/core/pods.yaml", "host_service_logs/masters/kubelet_service.log",
            "audit_logs/kube-apiserver.audit_logs_listing"]
        {
            #expect(FileManager.default.fileExists(atPath: run.tarCopy + "/" + path), "\(path)",
                sourceLocation: sourceLocation)
        }
        expectNoFileWritableByOthers(run, sourceLocation: sourceLocation)
        expectTokenNowhere(token, in: run, sourceLocation: sourceLocation)
    }

    /// `/usr/bin/gather_audit_logs`: the entry point named after a collector runs that collector alone.
    static func expectAuditLogsAlone(_ run: PodRun, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.commandStatus == 0, "\(run.log)", sourceLocation: sourceLocation)
        let summary = (try? SummaryFile.read(run.tarCopy)) ?? [:]
        #expect((summary["collectors"] as? [[String: Any]])?.map { $0["name"] as? String } == ["audit-logs"],
            sourceLocation: sourceLocation)
        #expect(FileManager.default.fileExists(atPath: run.tarCopy + "/audit_logs/kube-apiserver.audit_logs_listing"),
            sourceLocation: sourceLocation)
        #expect(!FileManager.default.fileExists(atPath: run.tarCopy + "/namespaces"), sourceLocation: sourceLocation)
    }

    /// `/usr/bin/gather --only pod-environment`: the product script from collection-scripts/ ran through the list,
    /// with /must-gather mounted.
    static func expectProductScriptRan(_ run: PodRun, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.commandStatus == 0, "\(run.log)", sourceLocation: sourceLocation)
        let df = try? String(contentsOfFile: run.tarCopy + "/pod_environment/df.txt", encoding: .utf8)
        #expect(df?.contains("/must-gather") == true, "\(df ?? "no df.txt")", sourceLocation: sourceLocation)
    }

    static func expectNoFileWritableByOthers(_ run: PodRun, sourceLocation: SourceLocation = #_sourceLocation) {
        for path in RegularFiles.list(under: run.tarCopy) {
            #expect((TreeComparison.permissions(run.tarCopy + "/" + path) ?? 0o777) & 0o022 == 0,
                "\(path) is writable by others", sourceLocation: sourceLocation)
        }
    }

    /// The token is in no line of the pod's log and no file of the copied tree.
    static func expectTokenNowhere(_ token: String, in run: PodRun, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!token.isEmpty, sourceLocation: sourceLocation)
        #expect(!run.log.contains(token), "the token is in the pod's log", sourceLocation: sourceLocation)
        let needle = Data(token.utf8)
        for path in RegularFiles.list(under: run.tarCopy) {
            let contents = (try? Data(contentsOf: URL(fileURLWithPath: run.tarCopy + "/" + path))) ?? Data()
            #expect(contents.range(of: needle) == nil, "the token is in \(path)", sourceLocation: sourceLocation)
        }
    }
}
