import CollectorTestSupport
@testable import Compression
@testable import FakeCluster
import Foundation
@testable import GatherKit
@testable import KubeClient
@testable import NodeLogs
import TestSupport
import Testing

/// Journals and audit logs over the fake cluster's node proxy.
@Suite(.serialized)
struct NodeLogsTests {
    /// Runs `collectors` (made from the client) against `data` served with `faults`; returns the output folder and summary.
    static func run(_ data: ClusterData, faults: [Fault] = [], since: SinceWindow = .everything,
        _ make: @escaping (KubeClient) -> [any Collector]) async throws -> (TemporaryDirectory, RunSummary)
    {
        var options = KubeClientOptions()
        options.retry = RetryPolicy(maximumAttempts: 2, initialBackoff: .milliseconds(10))
        let run = try await FakeClusterRun.run(data, faults: faults, clientOptions: options, since: since, deadline: .seconds(120),
            collectors: make)
        return (run.directory, run.summary)
    }

    static func render(_ lines: any LogLines) -> [UInt8] {
        var buffer: [UInt8] = []
        var writer = TimestampWriter()
        for index in 0..<lines.count { lines.appendLine(at: index, timestamps: false, to: &buffer, using: &writer) }
        return buffer
    }

    static func serviceLogs(_ units: [String], name: String = "service-logs", client: KubeClient,
        notReadyTimeout: Duration = .seconds(15)) -> ServiceLogsCollector
    {
        ServiceLogsCollector(entry: CollectorEntry(name: name, kind: ServiceLogsKind(units: units, nodes: .role("master"))),
            units: units, nodes: .role("master"), client: client, notReadyTimeout: notReadyTimeout)
    }

    static func auditLogs(_ servers: [String], client: KubeClient) -> NodeFilesCollector {
        let kind = NodeFilesKind(paths: servers, nodes: .role("master"))
        return NodeFilesCollector(entry: CollectorEntry(name: "audit-logs", kind: kind), parameters: kind, client: client)
    }

    @Test func journalsOfTheMastersAreMergedInTimeOrder() async throws {
        let data = SyntheticCluster.build(SyntheticSpec())
        let (directory, summary) = try await Self.run(data) { [Self.serviceLogs(["kubelet", "crio"], client: $0)] }
        #expect(summary.collectors[0].status == .succeeded, "\(summary.collectors[0].problems)")
        for unit in ["kubelet", "crio"] {
            let merged = try Data(contentsOf: URL(fileURLWithPath: "\(directory.path)/host_service_logs/masters/\(unit)_service.log"))
            let lines = merged.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { Array($0) }
            var expected: [[UInt8]] = []
            for master in ["master-0", "master-1", "master-2"] {
                let journal = try #require(data.journals[.init(node: master, unit: unit)])
                expected += Self.render(journal).split(separator: 0x0A).map { Array($0) }
            }
            #expect(lines.count == expected.count && lines.count > 100)
            #expect(lines == expected.sorted { $0.lexicographicallyPrecedes($1) }, "\(unit): merged in order")
            #expect(zip(lines, lines.dropFirst()).allSatisfy { !$1.lexicographicallyPrecedes($0) })
            let hosts = Set(lines.map { String(decoding: $0, as: UTF8.self).split(separator: " ")[3] })
            #expect(hosts == ["master-0", "master-1", "master-2"])
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/host_service_logs/masters")
        #expect(leftovers.sorted() == ["crio_service.log", "kubelet_service.log"], "no temporary pieces remain")
    }

    /// Units run four at a time and share a folder of pieces, as two entries writing to the masters' folder at once
    /// do; each unit, whenever it starts, finds its folder, and no folder of pieces is left.
    @Test func everyUnitOfMoreThanRunAtOnceIsMerged() async throws {
        let data = SyntheticCluster.build(SyntheticSpec())
        let first = SyntheticCluster.journalUnits + (1...13).map { "empty-\($0)" }
        let second = (14...30).map { "empty-\($0)" }
        let (directory, summary) = try await Self.run(data) {
            [Self.serviceLogs(first, client: $0),
             Self.serviceLogs(second, name: "more-service-logs", client: $0)]
        }
        for collector in summary.collectors {
            #expect(collector.status == .succeeded, "\(collector.name): \(collector.problems.prefix(3))")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/host_service_logs/masters")
        #expect(files.sorted() == (first + second).map { "\($0)_service.log" }.sorted(), "every unit merged, no pieces left")
    }

    @Test func auditFilesGunzipToTheServedBytesWithAListing() async throws {
        let data = SyntheticCluster.build(SyntheticSpec())
        let servers = SyntheticCluster.auditServers(.openshift)
        let (directory, summary) = try await Self.run(data) { [Self.auditLogs(servers, client: $0)] }
        #expect(summary.collectors[0].status == .succeeded, "\(summary.collectors[0].problems)")
        var checked = 0
        for server in servers {
            let listing = try String(contentsOfFile: "\(directory.path)/audit_logs/\(server).audit_logs_listing", encoding: .utf8)
            #expect(listing.contains("master-1 audit.log\n") && listing.contains("master-0 audit.log.lock\n"))
            for master in ["master-0", "master-1", "master-2"] {
                let tree = try #require(data.nodeFiles[master])
                for (path, content) in tree.files where path.hasPrefix(server + "/") {
                    let name = String(path.dropFirst(server.count + 1))
                    let stored = "\(directory.path)/audit_logs/\(server)/\(master)-\(name).gz"
                    if name.hasSuffix(".lock") {
                        #expect(!FileManager.default.fileExists(atPath: stored), "lock files are skipped")
                        continue
                    }
                    guard case .lines(let lines) = content else { continue }
                    let compressed = Array(try Data(contentsOf: URL(fileURLWithPath: stored)))
                    var plain: [UInt8] = []
                    try GzipDecompressor().decompress(compressed) { plain.append(contentsOf: $0) }
                    #expect(plain == Self.render(lines), "\(stored)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 27)
    }

    @Test func rotationsOlderThanTheSinceWindowAreSkipped() async throws {
        var spec = SyntheticSpec()
        spec.now = Date()
        let data = SyntheticCluster.build(spec)
        let (directory, summary) = try await Self.run(data, since: .duration(.seconds(90 * 60))) {
            [Self.auditLogs(["kube-apiserver"], client: $0)]
        }
        #expect(summary.collectors[0].status == .succeeded)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path + "/audit_logs/kube-apiserver")
        // Rotations of two hours and one hour ago: only the younger one is inside 90 minutes; audit.log always is.
        #expect(files.filter { $0.hasPrefix("master-0-audit") }.count == 2, "\(files.sorted())")
        #expect(files.contains("master-0-audit.log.gz"))
        let listing = try String(contentsOfFile: directory.path + "/audit_logs/kube-apiserver.audit_logs_listing", encoding: .utf8)
        #expect(listing.split(separator: "\n").filter { $0.hasPrefix("master-0 audit-") }.count == 2, "the listing keeps every file")
    }

    @Test func hostileListedNamesAreRefusedAndWrittenNowhere() async throws {
        let data = SyntheticCluster.build(SyntheticSpec())
        let outside = try TemporaryDirectory()
        let (directory, summary) = try await Self.run(data, faults: [Fault("/api/v1/nodes/master-0/proxy/logs/*", .hostileListing)]) {
            [Self.auditLogs(["kube-apiserver"], client: $0)]
        }
        let problems = summary.collectors[0].problems
        #expect(problems.filter { $0.message.contains("refused a listed name") }.count >= 6, "\(problems)")
        #expect(summary.collectors[0].status == .partial)
        // Every file stays inside the output folder, under audit_logs/kube-apiserver/.
        let files = FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? []
        for file in files where !file.hasPrefix("audit_logs/kube-apiserver") && file != "audit_logs" {
            #expect(file == "gather-summary.json" || file == "audit_logs/kube-apiserver.audit_logs_listing", "\(file)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/etc"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty)
        #expect(FileManager.default.fileExists(atPath: directory.path + "/audit_logs/kube-apiserver/master-0-audit.log.gz"))
    }

    @Test func aMasterDownAndOneHangingAreRecordedAndTheRestGathered() async throws {
        var data = SyntheticCluster.build(SyntheticSpec())
        // master-2 is NotReady, so it gets the short time limit; its proxy never answers. master-1 answers 503.
        let nodes = try #require(data.table(group: "", name: "nodes"))
        data.setTable(nodes.resource, objects: nodes.objects.map { node in
            guard node.name == "master-2", case .object(var members) = node.value,
                case .object(var status)? = members["status"] else { return node.value }
            status["conditions"] = [["type": "Ready", "status": "False", "reason": "NodeStatusUnknown"]]
            members["status"] = .object(status)
            return .object(members)
        })
        let started = ContinuousClock.now
        let (directory, summary) = try await Self.run(data, faults: [
            Fault("/api/v1/nodes/master-1/proxy/*", .serverError(status: 503, share: 1)),
            Fault("/api/v1/nodes/master-2/proxy/*", .neverAnswer),
        ]) { [Self.serviceLogs(["kubelet"], client: $0, notReadyTimeout: .seconds(2))] }
        #expect(ContinuousClock.now - started < .seconds(30))
        let record = summary.collectors[0]
        #expect(record.status == .partial)
        #expect(record.problems.contains { $0.subject == "node/master-1" && $0.message.contains("503") }, "\(record.problems)")
        #expect(record.problems.contains { $0.subject == "node/master-2" && $0.message.contains("not Ready") }, "\(record.problems)")
        let merged = try String(contentsOfFile: directory.path + "/host_service_logs/masters/kubelet_service.log", encoding: .utf8)
        #expect(merged.contains(" master-0 kubelet"))
        #expect(!merged.contains(" master-1 ") && !merged.contains(" master-2 "))
    }

    @Test func theReplayedRealJournalsComeBackWithTheSameLines() async throws {
        let unpacked = try await RealMustGather.directory()
        let replayed = try await offThePool { try ReplayedCluster.load(directory: unpacked) }
        let units = replayed.data.journals.keys.map(\.unit)
        let (directory, summary) = try await Self.run(replayed.data, since: .time(Date(timeIntervalSince1970: 1_600_000_000))) {
            [Self.serviceLogs(Array(Set(units)).sorted(), client: $0)]
        }
        #expect(summary.collectors[0].status == .succeeded, "\(summary.collectors[0].problems.prefix(3))")
        var compared = 0
        for unit in Set(units) {
            let name = "host_service_logs/masters/\(unit)_service.log"
            let original = try String(contentsOfFile: replayed.root + "/" + name, encoding: .utf8)
            let gathered = try String(contentsOfFile: directory.path + "/" + name, encoding: .utf8)
            // Lines logged before a node had its name say `localhost`: the merged original does not tell which node
            // they came from, so the replay cannot serve them from any node. Every other line must come back.
            let isAnonymous = { (line: Substring) in line.split(separator: " ").dropFirst(3).first == "localhost" }
            let mine = gathered.split(separator: "\n").sorted()
            let theirs = original.split(separator: "\n").filter { !isAnonymous($0) }.sorted()
            #expect(mine == theirs, "\(unit): \(mine.count) lines against \(theirs.count); only ours: \(Array(Set(mine).subtracting(theirs).prefix(3))); only theirs: \(Array(Set(theirs).subtracting(mine).prefix(3)))")
            compared += 1
        }
        #expect(compared >= 8)
    }
}

/// Memory while 1 GB of audit logs stream through: the gather binary against the fake-cluster binary, each in its own
/// process, so the peak the run records is the gather's alone.
@Suite(.serialized)
struct NodeLogsMemoryTests {
    @Test func peakMemoryStaysFlatWhileAGigabyteOfAuditLogsStreams() async throws {
        let directory = try TemporaryDirectory()
        // 3 masters × 3 API servers × 120 MB, split by the fake cluster over three files each.
        let server = try await FakeClusterProcess.start(in: directory, [
            "--namespaces", "1",
            "--audit-bytes-per-server", String(120_000_000),
        ])
        defer { server.stop() }
        #expect(server.process.firstLine.hasPrefix("serving"))
        let result = try await ProcessRunner.run(BuiltProduct.path("gather"),
            ["--only", "audit-logs", "--kubeconfig", server.kubeconfig, "--dest-dir", directory.path + "/out"],
            environment: ["HOME": directory.path])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let summary = try SummaryFile.read(directory.path + "/out")
        let peak = try #require(summary["peakResidentBytes"] as? Int)
        var served: Int64 = 0
        let root = directory.path + "/out/audit_logs"
        for file in RegularFiles.list(under: root) where file.hasSuffix(".gz") {
            let compressed = Array(try Data(contentsOf: URL(fileURLWithPath: root + "/" + file)))
            try GzipDecompressor().decompress(compressed) { served += Int64($0.count) }
        }
        print("audit logs: \(served) bytes streamed and gzipped; the gather's peak resident memory: \(peak / 1_048_576) MiB")
        #expect(served > 1_000_000_000, "\(served) bytes of audit log gathered")
        #expect(peak < 150 * 1_048_576, "peak resident memory \(peak / 1_048_576) MiB")
    }
}
