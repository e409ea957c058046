import Foundation
import TestSupport
import Testing

/// The fault matrix's rows for an API server that goes away and comes back (`fake-cluster --outage AFTER:FOR`): every
/// connection reset, new ones refused, then served again. In the same suite as the other rows, so that they run one
/// at a time.
extension FaultMatrixTests {
    /// The outages `gather-summary.json` recorded, as JSON objects.
    static func outages(_ run: FaultRun) throws -> [[String: Any]] {
        try run.summary()["outages"] as? [[String: Any]] ?? []
    }

    /// Expects a run that an outage held up to have lost nothing: exit status 0, the clean run's tree file for file
    /// (names and bytes), and one outage or more in the summary, each over and with nothing lost to it.
    func expectNothingLost(_ run: FaultRun, _ clean: FaultRun, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try run.expectSafeAndOnTime(sourceLocation: sourceLocation)
        #expect(run.result.status == 0, "\((try? run.problems())?.prefix(5) ?? [])", sourceLocation: sourceLocation)
        let comparison = run.compared(with: clean)
        #expect(comparison.differing.isEmpty, "differs from the clean run: \(comparison.differing.prefix(10))",
            sourceLocation: sourceLocation)
        let files = RegularFiles.list(under: run.output).filter { !FaultRun.volatileFiles.contains($0) }
        let cleanFiles = RegularFiles.list(under: clean.output).filter { !FaultRun.volatileFiles.contains($0) }
        let unmatched = Set(files).symmetricDifference(cleanFiles).sorted()
        #expect(unmatched.isEmpty, "files in one tree only: \(unmatched.prefix(10))", sourceLocation: sourceLocation)
        let outages = try Self.outages(run)
        #expect(!outages.isEmpty, "the outage came after the run ended: no outage in the summary",
            sourceLocation: sourceLocation)
        for outage in outages {
            #expect(outage["endedAt"] != nil, "\(outage)", sourceLocation: sourceLocation)
            #expect(outage["lostAnything"] as? Bool == false, "\(outage)", sourceLocation: sourceLocation)
            #expect((outage["requestsWaited"] as? Int ?? 0) > 0, "\(outage)", sourceLocation: sourceLocation)
        }
        #expect(run.result.standardOutput.contains("API server unreachable since "), sourceLocation: sourceLocation)
        #expect(run.result.standardOutput.contains("API server answering again after "), sourceLocation: sourceLocation)
    }

    /// What the table says of an outage run: how many requests waited, and, for a run the outage alone slows, its
    /// time beyond the clean run's plus the outage.
    func outageSaid(_ run: FaultRun, _ clean: FaultRun, outageSeconds: Double? = nil) throws -> String {
        let waited = try Self.outages(run).reduce(0) { $0 + ($1["requestsWaited"] as? Int ?? 0) }
        let said = "every collector succeeded; \(waited) requests waited, none lost"
        guard let outageSeconds else { return said }
        return said + String(format: "; clean run + outage %+.1f s", run.seconds - clean.seconds - outageSeconds)
    }

    /// Outages of 3 s at three moments of a run (a clean run takes a few seconds on an idle machine), and one of 30 s.
    @Test(arguments: [("500ms", 3), ("1s", 3), ("1500ms", 3), ("1s", 30)])
    func anOutageLosesNothing(after moment: String, seconds: Int) async throws {
        let clean = try await CleanRun.shared()
        let run = try await FaultRun.run(cluster: ["--outage", "\(moment):\(seconds)s"])
        try expectNothingLost(run, clean)
        print(run.tableRow("the API server away for \(seconds) s, \(moment) in", clean: clean,
            said: try outageSaid(run, clean, outageSeconds: Double(seconds))))
    }

    @Test func aServerThatNeverComesBackEndsTheRunByItsDeadlineAndNamesEveryLoss() async throws {
        let clean = try await CleanRun.shared()
        let deadline = 40
        let run = try await FaultRun.run(cluster: ["--outage", "1s:never"], gather: ["--timeout", "\(deadline)s"])
        try run.expectSafeAndOnTime()
        #expect(run.seconds < Double(deadline) + 5, "took \(run.seconds) s")
        #expect(run.result.status == 1)
        let outage = try #require(try Self.outages(run).first)
        #expect(outage["endedAt"] == nil && outage["lostAnything"] as? Bool == true, "\(outage)")
        #expect(run.result.standardOutput.contains("stopped waiting for it at the run's deadline"))
        // Every collector that needs the cluster and did not finish says why: each lost target by name, or the
        // collector's own reason; none ran into its time limit silently.
        let summary = try run.summary()
        let collectors = summary["collectors"] as? [[String: Any]] ?? []
        for collector in collectors where collector["status"] as? String != "succeeded" {
            let problems = collector["problems"] as? [[String: Any]] ?? []
            let reason = collector["reason"] as? String ?? ""
            #expect(!problems.isEmpty || !reason.isEmpty, "\(collector["name"] ?? "?") says nothing of its loss")
            #expect(collector["status"] as? String != "timed-out", "\(collector["name"] ?? "?") timed out")
        }
        let problems = try run.problems()
        #expect(!problems.isEmpty)
        #expect(problems.allSatisfy { $0.contains("unreachable") || $0.contains("Connection refused") }, "\(problems.prefix(5))")
        print(run.tableRow("the API server gone for good, 1 s in (deadline 40 s)", clean: clean,
            said: "each lost target by name: unreachable since the outage, stopped waiting at the deadline"))
    }

    @Test func anOutageInTheMiddleOfALargeLogFetchesItAgainWhole() async throws {
        let clean = try await CleanRun.shared()
        // etcd's logs come at two kilobytes a second, ten seconds each from about two seconds in: the outage finds
        // them half-way.
        let run = try await FaultRun.run(faults: ["/api/v1/namespaces/openshift-etcd/pods/*/log=drip:2000"],
            cluster: ["--outage", "6s:3s"])
        try expectNothingLost(run, clean)
        let cutLogs = Self.fetchedAgainAfterTheOutage(run) { $0.hasPrefix("/api/v1/namespaces/openshift-etcd/pods/") }
        #expect(!cutLogs.isEmpty, "no etcd log was asked for both before and after the outage")
        print(run.tableRow("the API server away for 3 s in the middle of etcd's logs (2 KB/s)", clean: clean,
            said: try outageSaid(run, clean) + "; \(cutLogs.count) logs fetched again whole"))
    }

    @Test func anOutageInTheMiddleOfAPagedListLosesNothing() async throws {
        let clean = try await CleanRun.shared()
        // Five items a page, each page of the cluster operators 0.6 s: the first lists of the run take seconds.
        let run = try await FaultRun.run(faults: ["/apis/config.openshift.io/v1/clusteroperators=latency:600"],
            cluster: ["--outage", "1500ms:3s"], gather: ["--chunk-size", "5"])
        try expectNothingLost(run, clean)
        let lists = Self.pagedAcrossTheOutage(run) { $0 == "/apis/config.openshift.io/v1/clusteroperators" }
        #expect(!lists.isEmpty, "the events list was not paged across the outage")
        print(run.tableRow("the API server away for 3 s in the middle of a paged list (5 a page)", clean: clean,
            said: try outageSaid(run, clean)))
    }

    /// Where the outage began and ended among the requests the server logged.
    static func outageLines(_ run: FaultRun) -> (begins: Int, ends: Int)? {
        func note(_ prefix: String) -> Int? {
            run.requests.firstIndex { $0.first == "OUTAGE" && $0.count > 1 && $0[1].hasPrefix(prefix) }
        }
        guard let begins = note("outage:"), let ends = note("outage over") else { return nil }
        return (begins, ends)
    }

    /// Requests (path and query) that `selected` accepts, asked more than once, once after the outage ended: what
    /// the outage cut and the client fetched again.
    static func fetchedAgainAfterTheOutage(_ run: FaultRun, _ selected: (String) -> Bool) -> Set<String> {
        guard let (_, ends) = outageLines(run) else { return [] }
        let targets = run.requests.filter { $0.first == "GET" && $0.count > 1 && selected($0[1]) }.map { $0[1] }
        let counts = Dictionary(targets.map { ($0, 1) }, uniquingKeysWith: +)
        let after = Set(run.requests[ends...].filter { $0.first == "GET" && $0.count > 1 }.map { $0[1] })
        return Set(counts.filter { $0.value > 1 }.keys).intersection(after)
    }

    /// Request paths (without the query) that `selected` accepts, with requests answered before the outage began and
    /// after it ended: a list paged across it.
    static func pagedAcrossTheOutage(_ run: FaultRun, _ selected: (String) -> Bool) -> Set<String> {
        guard let (begins, ends) = outageLines(run) else { return [] }
        func paths(_ requests: ArraySlice<[String]>) -> Set<String> {
            Set(requests.filter { $0.first == "GET" && $0.count > 1 }.map { String($0[1].split(separator: "?").first ?? "") }
                .filter(selected))
        }
        return paths(run.requests[..<begins]).intersection(paths(run.requests[ends...]))
    }
}
