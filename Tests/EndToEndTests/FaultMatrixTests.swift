import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The gather binary against the fake cluster with one fault at a time. Every run ends by its deadline, keeps every
/// file the fault did not touch exactly as a clean run has it, names in its summary what was lost and why, and leaks
/// nothing (``FaultRun/expectSafeAndOnTime(sourceLocation:)``). Each test prints a `FAULT-ROW` line for the README.
@Suite(.serialized)
struct FaultMatrixTests {
    /// Expects the run to differ from the clean one only in files `affected` accepts, and returns the differing ones.
    @discardableResult
    func expectOnlyAffected(_ run: FaultRun, _ clean: FaultRun, _ affected: (String) -> Bool,
        sourceLocation: SourceLocation = #_sourceLocation) -> [String]
    {
        let differing = run.compared(with: clean).differing
        let unexpected = differing.filter { !affected($0) }
        #expect(unexpected.isEmpty, "lost although the fault does not touch them: \(unexpected.prefix(10))",
            sourceLocation: sourceLocation)
        return differing
    }

    @Test func aCleanRunGathersEverythingSafely() async throws {
        let clean = try await CleanRun.shared()
        #expect(clean.result.status == 0, "\(clean.result.standardError)")
        // Every entry succeeds, but those whose add-on the cluster does not have.
        #expect(try clean.statuses().values.allSatisfy { $0 == "succeeded" || $0 == "not-applicable" })
        #expect(RegularFiles.list(under: clean.output).count > 400)
        try clean.expectSafeAndOnTime()
        print(clean.tableRow("none (the clean run)", clean: clean, said: "every collector succeeded"))
    }

    // MARK: 1. The API server flaps

    @Test func serverErrorsOnAFifthOfRequestsAreRetried() async throws {
        let clean = try await CleanRun.shared()
        let run = try await FaultRun.run(faults: ["*=server-error:503:0.2"])
        try run.expectSafeAndOnTime()
        #expect(run.requests.contains { $0.count > 2 && $0[2] == "503" })
        // Retries recover nearly everything; a target unlucky five times in a row is lost, and named.
        let differing = run.compared(with: clean).differing
        let problems = try run.problems()
        #expect(differing.count <= 3, "\(differing)")
        #expect(problems.count == differing.count, "\(problems)")
        #expect(problems.allSatisfy { $0.contains("HTTP 503") && $0.contains("[after 5 attempts]") }, "\(problems)")
        print(run.tableRow("503 on 20 % of all requests", clean: clean,
            said: differing.isEmpty ? "every collector succeeded (retried)" : "each target that failed 5 times, by name"))
    }

    @Test func burstsOf429WithRetryAfterAreWaitedOut() async throws {
        let clean = try await CleanRun.shared()
        let run = try await FaultRun.run(faults: ["/api/v1/namespaces/*/pods=too-many-requests:1:2"])
        try run.expectSafeAndOnTime()
        #expect(run.result.status == 0, "\((try? run.problems())?.prefix(3) ?? [])")
        #expect(run.compared(with: clean).differing == [])
        #expect(run.requests.filter { $0.count > 2 && $0[2] == "429" }.count >= 10)
        print(run.tableRow("429 with Retry-After: 1, twice per pod list", clean: clean,
            said: "every collector succeeded (waited)"))
    }

    @Test func aConnectionResetInTheMiddleOfAListLosesThatListOnly() async throws {
        let clean = try await CleanRun.shared()
        let run = try await FaultRun.run(faults: ["/api/v1/namespaces/openshift-etcd/configmaps=reset:300"])
        try run.expectSafeAndOnTime()
        let differing = expectOnlyAffected(run, clean) { $0 == "namespaces/openshift-etcd/core/configmaps.yaml" }
        #expect(differing == ["namespaces/openshift-etcd/core/configmaps.yaml"])
        let problems = try run.problems()
        #expect(problems.count == 1 && problems[0].hasPrefix("openshift-etcd/configmaps: listing configmaps failed"),
            "\(problems)")
        print(run.tableRow("connection reset 300 bytes into a list", clean: clean, said: "`openshift-etcd/configmaps`: listing failed, transport"))
    }

    @Test func aConnectionResetInTheMiddleOfLogStreamsLosesThoseLogsOnly() async throws {
        let clean = try await CleanRun.shared()
        let run = try await FaultRun.run(faults: ["/api/v1/namespaces/openshift-etcd/pods/*/log=reset:500"])
        try run.expectSafeAndOnTime()
        let differing = expectOnlyAffected(run, clean) { $0.hasPrefix("namespaces/openshift-etcd/pods/") && $0.hasSuffix(".log") }
        let problems = try run.problems()
        #expect(!differing.isEmpty)
        #expect(problems.count == differing.count, "\(problems)")
        #expect(problems.allSatisfy { $0.hasPrefix("pod/") && $0.contains(" -n openshift-etcd -c ") }, "\(problems)")
        print(run.tableRow("connection reset 500 bytes into each log of a namespace", clean: clean,
            said: "each log by pod and container: stream interrupted after 500 bytes"))
    }

    @Test func aListWhoseContinueTokenExpiresIsRestartedThenGivenUp() async throws {
        let clean = try await CleanRun.shared()
        let run = try await FaultRun.run(faults: ["/api/v1/namespaces/openshift-etcd/events=expired-continue"],
            gather: ["--chunk-size", "5"])
        try run.expectSafeAndOnTime()
        let differing = expectOnlyAffected(run, clean) { $0 == "namespaces/openshift-etcd/core/events.yaml" }
        #expect(differing == ["namespaces/openshift-etcd/core/events.yaml"])
        let problems = try run.problems()
        #expect(problems.count == 1 && problems[0].contains("gone (HTTP 410)"), "\(problems)")
        print(run.tableRow("410 on every continue token of a list (5 a page)", clean: clean,
            said: "`openshift-etcd/events`: listing failed, gone (HTTP 410)"))
    }

    // MARK: 2. Nodes and streams hang

    @Test func aNodeWhoseProxyNeverAnswersCostsOneTimeout() async throws {
        let clean = try await CleanRun.shared()
        let run = try await FaultRun.run(faults: ["/api/v1/nodes/master-1/proxy/*=never-answer"])
        try run.expectSafeAndOnTime()
        // One time-out for the node, not one per request: no collector ran into its time limit.
        #expect(try !run.statuses().values.contains("timed-out"), "\((try? run.statuses()) ?? [:])")
        expectOnlyAffected(run, clean) {
            $0.hasPrefix("host_service_logs/") || $0.hasPrefix("audit_logs/") || $0.hasPrefix("static-pods/")
        }
        #expect(FileManager.default.fileExists(atPath: run.output + "/audit_logs/kube-apiserver/master-0-audit.log.gz"))
        let problems = try run.problems()
        #expect(!problems.isEmpty && problems.allSatisfy { $0.hasPrefix("node/master-1") }, "\(problems)")
        #expect(problems.contains { $0.contains("did not answer an earlier request in time") })
        print(run.tableRow("one master's node proxy never answers", clean: clean,
            said: "every journal and audit folder of `node/master-1`: timed out, then skipped"))
    }

    @Test func aLogStreamThatStallsIsCutAndNamed() async throws {
        let clean = try await CleanRun.shared()
        let run = try await FaultRun.run(faults: ["/api/v1/namespaces/openshift-etcd/pods/*/log=stall:300"])
        try run.expectSafeAndOnTime()
        let differing = expectOnlyAffected(run, clean) { $0.hasPrefix("namespaces/openshift-etcd/pods/") && $0.hasSuffix(".log") }
        let problems = try run.problems()
        #expect(problems.count == differing.count && !problems.isEmpty, "\(problems)")
        // The read time-out and the slow-transfer guard watch the same span; either may cut the stream first.
        #expect(problems.allSatisfy { $0.contains("stream interrupted after 300 bytes") || $0.contains("too slow: 0 bytes") },
            "\(problems)")
        print(run.tableRow("log streams stall after 300 bytes", clean: clean,
            said: "each log by pod and container: stream interrupted after 300 bytes (8 s silent)"))
    }

    @Test func aLogThatDripsAByteASecondIsCutForBeingTooSlow() async throws {
        let clean = try await CleanRun.shared()
        let run = try await FaultRun.run(faults: ["/api/v1/namespaces/openshift-etcd/pods/*/log=drip:1"])
        try run.expectSafeAndOnTime()
        // Cut for its slowness, not by the deadline.
        #expect(try !run.statuses().values.contains("timed-out"), "\((try? run.statuses()) ?? [:])")
        #expect(try run.summary()["interrupted"] == nil)
        let differing = expectOnlyAffected(run, clean) {
            $0.hasPrefix("namespaces/openshift-etcd/pods/") && $0.hasSuffix(".log")
        }
        let problems = try run.problems()
        #expect(problems.count == differing.count && !problems.isEmpty, "\(problems)")
        // A body that drips is cut as too slow; an error answer (no previous container) whose body drips is given up
        // after the stall time-out, its status kept.
        #expect(problems.allSatisfy {
            ($0.contains("too slow: ") && $0.contains(" bytes in \(FaultRun.timeLimit).0 seconds")) || $0.contains("(HTTP 400)")
        }, "\(problems)")
        #expect(problems.contains { $0.contains("too slow: ") })
        // Logs that had begun are left as `.partial`; a `previous.log` whose (dripping) answer never began is absent.
        let partial = RegularFiles.list(under: run.output).filter { $0.hasSuffix(".partial") }
        #expect(!partial.isEmpty && partial.allSatisfy { $0.hasPrefix("namespaces/openshift-etcd/pods/") }, "\(partial)")
        print(run.tableRow("log streams drip one byte a second", clean: clean,
            said: "each log by pod and container: too slow (under 1 KiB in 8 s); begun ones left as `.partial`"))
    }

    // MARK: 3. Malformed answers

    @Test func malformedJSONLosesThatListOnly() async throws {
        let clean = try await CleanRun.shared()
        let run = try await FaultRun.run(faults: ["/api/v1/namespaces/openshift-etcd/configmaps=malformed-json"])
        try run.expectSafeAndOnTime()
        let differing = expectOnlyAffected(run, clean) { $0 == "namespaces/openshift-etcd/core/configmaps.yaml" }
        #expect(differing == ["namespaces/openshift-etcd/core/configmaps.yaml"])
        #expect(try run.problems().first?.contains("malformedResponse") == true)
        print(run.tableRow("malformed JSON for a list", clean: clean, said: "`openshift-etcd/configmaps`: malformedResponse, invalid JSON at byte 39"))
    }

    @Test func aTruncatedGzipJournalLosesThatNodesJournalsOnly() async throws {
        let clean = try await CleanRun.shared()
        let run = try await FaultRun.run(faults: ["/api/v1/nodes/master-0/proxy/logs/journal=truncate:200"])
        try run.expectSafeAndOnTime()
        expectOnlyAffected(run, clean) { $0.hasPrefix("host_service_logs/") }
        let problems = try run.problems()
        #expect(!problems.isEmpty && problems.allSatisfy { $0.hasPrefix("node/master-0: journal of ") }, "\(problems)")
        let kubelet = try String(contentsOfFile: run.output + "/host_service_logs/masters/kubelet_service.log", encoding: .utf8)
        #expect(kubelet.contains("master-1") && !kubelet.contains("master-0 "))
        print(run.tableRow("gzip journal bodies cut after 200 bytes on one master", clean: clean,
            said: "each journal of `node/master-0`: truncated gzip stream"))
    }

    @Test func anObjectFarLargerThanTheOthersIsWrittenWhole() async throws {
        let clean = try await CleanRun.shared()
        let run = try await FaultRun.run(cluster: ["--large-object-bytes", "30000000"])
        try run.expectSafeAndOnTime()
        #expect(run.result.status == 0)
        let differing = expectOnlyAffected(run, clean) { $0 == "namespaces/default/core/configmaps.yaml" }
        #expect(differing == ["namespaces/default/core/configmaps.yaml"])
        let size = (try FileManager.default.attributesOfItem(atPath: run.output + "/namespaces/default/core/configmaps.yaml")[.size]
            as? NSNumber)?.intValue ?? 0
        #expect(size > 30_000_000)
        let peak = (try run.summary()["peakResidentBytes"] as? NSNumber)?.intValue ?? 0
        print(run.tableRow("one config map of 30 MB", clean: clean,
            said: "every collector succeeded; peak memory \(peak / 1_048_576) MiB"))
    }

    @Test func namesWithOddBytesAreWrittenSafely() async throws {
        let clean = try await CleanRun.shared()
        let run = try await FaultRun.run(cluster: ["--odd-names"])
        try run.expectSafeAndOnTime()
        #expect(run.result.status == 0, "\((try? run.problems())?.prefix(3) ?? [])")
        // The odd objects are pods and config maps in `default`, so the network counts count more pods.
        expectOnlyAffected(run, clean) { $0.hasPrefix("namespaces/default/") || $0 == "network_logs/cluster_scale" }
        let pods = try FileManager.default.contentsOfDirectory(atPath: run.output + "/namespaces/default/pods")
        #expect(pods.contains("odd-\u{e9}t\u{e9}-\u{1F600}"))
        #expect(pods.contains("odd_bell_"))
        #expect(pods.contains { $0.hasPrefix("xxxx") && $0.utf8.count <= 200 })
        let configMaps = try String(contentsOfFile: run.output + "/namespaces/default/core/configmaps.yaml", encoding: .utf8)
        #expect(configMaps.contains(#"name: "odd\tname\nwith breaks""#) || configMaps.contains(#""odd\tname\nwith breaks""#))
        print(run.tableRow("names with control bytes, emoji, `..` and 300 bytes", clean: clean,
            said: "every collector succeeded; folder names made safe"))
    }

    // MARK: 4. RBAC

    @Test func anRBACLimitedTokenGathersWhatIsAllowedAndAsksForForbiddenWorkOnce() async throws {
        let clean = try await CleanRun.shared()
        let run = try await FaultRun.run(faults: ["/api/v1/namespaces/*/secrets*=forbidden", "/api/v1/nodes/*/proxy/*=forbidden",
            "/api/v1/namespaces/kube-system/*=forbidden"])
        try run.expectSafeAndOnTime()
        expectOnlyAffected(run, clean) {
            $0.hasSuffix("/core/secrets.yaml") || $0.hasPrefix("namespaces/kube-system/") || $0.hasPrefix("host_service_logs/")
                || $0.hasPrefix("audit_logs/") || $0.hasPrefix("static-pods/")
        }
        #expect(FileManager.default.fileExists(atPath: run.output + "/namespaces/openshift-etcd/core/pods.yaml"))
        let problems = try run.problems()
        #expect(problems.allSatisfy { $0.contains("forbidden (HTTP 403)") || $0.contains("403 Forbidden earlier") }, "\(problems)")
        #expect(problems.contains { $0.hasPrefix("kube-system/pods:") })
        #expect(problems.contains { $0.hasPrefix("openshift-etcd/secrets:") })
        #expect(problems.contains { $0.hasPrefix("node/master-0") })
        let forbidden = run.requests.filter { $0.count > 2 && $0[2] == "403" }.map { $0[1] }
        let repeated = Dictionary(grouping: forbidden, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(repeated.isEmpty, "forbidden work asked for again: \(repeated)")
        print(run.tableRow("403 on secrets, on nodes/proxy and on kube-system", clean: clean,
            said: "each forbidden list and node by name; \(forbidden.count) forbidden requests, none repeated"))
    }

    // MARK: 5. Credentials and CA

    @Test func anExpiredTokenStopsAtOnceWithStatusTwoAndNoTree() async throws {
        let run = try await FaultRun.run(faults: ["*=unauthorized"])
        try run.expectSafeAndOnTime()
        #expect(run.result.status == 2)
        #expect(run.result.standardError.contains("refused the credentials (401 Unauthorized)"), "\(run.result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: run.output))
        print(String(format: "FAULT-ROW | 401 on every request (expired token) | nothing, exit status 2, no folder | "
            + "stderr: refused the credentials (401 Unauthorized) | %.1f s of %.0f s |", run.seconds, FaultRun.deadline))
    }

    @Test func aWrongCAStopsWithStatusTwoAndNoTree() async throws {
        let other = try TemporaryDirectory()
        let otherServer = try await BackgroundProcess.start(BuiltProduct.path("fake-cluster"), ["--port", "0",
            "--write-kubeconfig", other.path + "/kubeconfig", "--namespaces", "0"])
        defer { otherServer.stop() }
        let otherText = try String(contentsOfFile: other.path + "/kubeconfig", encoding: .utf8)
        let run = try await FaultRun.run(kubeconfig: { text in
            Self.replacingCA(in: text, with: otherText)
        })
        #expect(run.result.status == 2)
        #expect(run.result.standardError.contains("not signed by the configured CA"), "\(run.result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: run.output))
        try run.expectSafeAndOnTime()
        print(String(format: "FAULT-ROW | a CA that did not sign the server's certificate | nothing, exit status 2, no "
            + "folder | stderr: not signed by the configured CA | %.1f s of %.0f s |", run.seconds, FaultRun.deadline))
    }

    static func replacingCA(in text: String, with other: String) -> String {
        func caLine(_ text: String) -> String? {
            text.split(separator: "\n").first { $0.contains("certificate-authority-data:") }.map(String.init)
        }
        guard let mine = caLine(text), let theirs = caLine(other) else { return text }
        return text.replacingOccurrences(of: mine, with: theirs)
    }

    // MARK: 6. A full disk

    @Test func aFullDiskStopsWritingCleanlyAndTheSummarySaysSo() async throws {
        let clean = try await CleanRun.shared()
        let run = try await FaultRun.run(gather: ["--max-disk-percent", "100"], outputVolumeBytes: 3 * 1_048_576)
        try run.expectSafeAndOnTime()
        #expect(run.result.status == 1, "\(run.result.standardError)")
        let problems = try run.problems()
        let summary = try run.summary()
        let text = "\(summary)"
        // Either a write met ENOSPC, or the disk guard saw the volume full first (which comes first is timing).
        #expect(text.contains("no space left on the device") || text.contains("the output volume is full")
            || text.contains("the output volume is 100% full"), "\(problems.prefix(3))")
        // Whatever has its final name is whole: equal to the clean run's file.
        let complete = RegularFiles.list(under: run.output).filter {
            !$0.hasSuffix(".partial") && !FaultRun.volatileFiles.contains($0) && !$0.hasPrefix(".")
        }
        #expect(complete.count > 10)
        for file in complete {
            #expect(FileManager.default.contents(atPath: run.output + "/" + file)
                == FileManager.default.contents(atPath: clean.output + "/" + file), "\(file) is not whole")
        }
        #expect(!FileManager.default.fileExists(atPath: run.output + "/.gather-summary.reserve"))
        print(run.tableRow("the output volume (3 MiB tmpfs) fills up", clean: clean,
            said: "no space left on the device, for each file it stopped; the summary written"))
    }

    // MARK: 7. SIGTERM

    @Test func sigtermMidRunWritesTheSummaryAndPresentsNoIncompleteFile() async throws {
        let clean = try await CleanRun.shared()
        let directory = try TemporaryDirectory()
        let server = try await BackgroundProcess.start(BuiltProduct.path("fake-cluster"), ["--port", "0",
            "--write-kubeconfig", directory.path + "/kubeconfig", "--fault", "*=latency:300"] + FaultRun.clusterArguments)
        defer { server.stop() }
        let started = ContinuousClock.now
        // The shell prints one line, then gather's output goes to a file (a pipe nobody reads would fill).
        let gather = try await BackgroundProcess.start("/bin/sh", ["-c", "echo started; exec \"$0\" \"$@\" > \"$OUT\" 2>&1",
            BuiltProduct.path("gather"), "--kubeconfig", directory.path + "/kubeconfig", "--dest-dir", directory.path + "/mg"],
            environment: ["HOME": directory.path, "OUT": directory.path + "/gather.log"])
        try await Task.sleep(for: .seconds(4))
        let status = await gather.terminate()
        let seconds = Double((ContinuousClock.now - started).components.seconds)
        #expect(status == 1, "exit status \(status)")
        let summary = try SummaryFile.read(directory.path + "/mg")
        #expect(summary["interrupted"] as? String == "interrupted by a signal")
        let files = RegularFiles.list(under: directory.path + "/mg")
        let complete = files.filter { !$0.hasSuffix(".partial") && !FaultRun.volatileFiles.contains($0) }
        #expect(complete.count > 5 && complete.count < RegularFiles.list(under: clean.output).count)
        for file in complete {
            #expect(FileManager.default.contents(atPath: directory.path + "/mg/" + file)
                == FileManager.default.contents(atPath: clean.output + "/" + file), "\(file) is not whole")
        }
        print(String(format: "FAULT-ROW | SIGTERM 4 s into a run slowed by 300 ms a request | %d complete files, each "
            + "whole | interrupted by a signal; unfinished collectors cancelled | %.1f s of %.0f s |", complete.count,
            seconds, FaultRun.deadline))
    }

    // MARK: 8. Hostile node proxy

    @Test func hostileListingEntriesAreRefusedAndRecorded() async throws {
        let clean = try await CleanRun.shared()
        let run = try await FaultRun.run(faults: ["/api/v1/nodes/*/proxy/logs/*/=hostile-listing"])
        try run.expectSafeAndOnTime()
        expectOnlyAffected(run, clean) { _ in false }
        let problems = try run.problems()
        #expect(!problems.isEmpty && problems.allSatisfy { $0.contains("refused a listed name") }, "\(problems.prefix(3))")
        print(run.tableRow("listings with `../`, absolute paths, NUL bytes, 300-byte names", clean: clean,
            said: "each refused name with its node and folder"))
    }

    // MARK: 9. A hostile API server

    /// The one list the hostile answers below replace.
    static let hostileList = "/api/v1/namespaces/openshift-etcd/configmaps"
    static let hostileListFile = "namespaces/openshift-etcd/core/configmaps.yaml"

    /// Runs gather with the hostile list body `kind` in place of ``hostileList``, and expects a finished run (exit
    /// status 0 or 1) that differs from the clean one in that list's file only and whose YAML files PyYAML reads,
    /// every one. Returns the run and the clean run.
    func runWithHostileList(_ kind: String, sourceLocation: SourceLocation = #_sourceLocation) async throws
        -> (run: FaultRun, clean: FaultRun)
    {
        let clean = try await CleanRun.shared()
        let run = try await FaultRun.run(faults: [Self.hostileList + "=" + kind])
        try run.expectSafeAndOnTime(sourceLocation: sourceLocation)
        #expect([0, 1].contains(run.result.status), "exit status \(run.result.status): \(run.result.standardError.suffix(500))",
            sourceLocation: sourceLocation)
        #expect(try run.statuses().values.allSatisfy { $0 != "running" }, sourceLocation: sourceLocation)
        let differing = expectOnlyAffected(run, clean, { $0 == Self.hostileListFile }, sourceLocation: sourceLocation)
        #expect(differing == [Self.hostileListFile], sourceLocation: sourceLocation)
        let unreadable = try await PyYAML.unreadableFiles(under: run.output)
        #expect(unreadable.isEmpty, "PyYAML cannot read: \(unreadable.prefix(5))", sourceLocation: sourceLocation)
        return (run, clean)
    }

    @Test func aListItemNested200000DeepLosesThatListOnly() async throws {
        let (run, clean) = try await runWithHostileList("deep-json:200000")
        let problems = try run.problems()
        #expect(problems.count == 1 && problems[0].hasPrefix("openshift-etcd/configmaps:")
            && problems[0].contains("nest deeper than 10000 levels"), "\(problems)")
        print(run.tableRow("a list item nesting JSON arrays 200,000 deep", clean: clean,
            said: "`openshift-etcd/configmaps`: malformedResponse, arrays and objects nest deeper than 10000 levels"))
    }

    @Test func invalidUTF8AndNULInNamesAndKeysAreWrittenAsValidYAML() async throws {
        let (run, clean) = try await runWithHostileList("invalid-utf8")
        #expect(run.result.status == 0, "\((try? run.problems())?.prefix(3) ?? [])")
        let bytes = try #require(FileManager.default.contents(atPath: run.output + "/" + Self.hostileListFile))
        let text = try #require(String(validating: bytes, as: UTF8.self), "not valid UTF-8")
        #expect(text.contains("name: bad-\u{FFFD}\u{FFFD}-name"), "\(text)")
        #expect(text.contains(#""nul\x00key": "nul\x00value""#) && text.contains(#"name: "nul\x00name""#), "\(text)")
        #expect(text.contains(#""\uFFFE": "\uFFFF""#), "\(text)")
        print(run.tableRow("invalid UTF-8, NUL and U+FFFE in item names, keys and values", clean: clean,
            said: "every collector succeeded; bad bytes written as U+FFFD, NUL escaped"))
    }

    @Test func aStringThatNeverEndsLosesThatListOnly() async throws {
        let (run, clean) = try await runWithHostileList("endless-string")
        let problems = try run.problems()
        // Cut by whichever bound comes first: 64 MiB of body, or the request time-out (8 s) on a busy machine.
        #expect(problems.count == 1 && problems[0].hasPrefix("openshift-etcd/configmaps:")
            && (problems[0].contains("body larger than 67108864 bytes") || problems[0].contains("timed out")), "\(problems)")
        print(run.tableRow("a list body whose first string never ends", clean: clean,
            said: "`openshift-etcd/configmaps`: " + (problems.first?.contains("timed out") == true
                ? "timed out (the request time-out)" : "body larger than 67108864 bytes")))
    }
}
