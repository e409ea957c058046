import Foundation
import Synchronization
import TestSupport
import Testing

@testable import GatherKit

/// A kind whose entries move large amounts of data, as node logs do.
struct BulkyTestKind: CollectorKind {
    static let name = "bulky"
    static let fields: [String] = []
    static let isBulky = true

    init() {}
    init(reading fields: CollectorEntryFields) {}

    func makeCollector(for entry: CollectorEntry, using services: CollectorServices) -> any Collector {
        ScriptedCollector(entry.name, .succeed, kind: self)
    }
}

/// The collector of a `script` entry, made by its kind as a run makes it.
func scriptCollector(_ name: String, _ path: String, timeout: Duration? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment) -> any Collector
{
    var services = CollectorServices()
    services.provide(ScriptEnvironment(environment))
    let entry = CollectorEntry(name: name, kind: ScriptKind(path: path), timeout: timeout)
    return try! entry.kind.makeCollector(for: entry, using: services)
}

/// A collector that does what a test tells it.
struct ScriptedCollector: Collector {
    enum Behaviour: Sendable { case succeed, fail, hang, reportProblem, writeForever }
    let entry: CollectorEntry
    let behaviour: Behaviour

    init(_ name: String, _ behaviour: Behaviour, timeout: Duration? = nil, kind: any CollectorKind = VersionKind()) {
        entry = CollectorEntry(name: name, kind: kind, timeout: timeout)
        self.behaviour = behaviour
    }

    struct Boom: Error, CustomStringConvertible { var description: String { "boom" } }

    func run(_ context: CollectorContext) async throws {
        switch behaviour {
        case .succeed:
            try context.output.write(Array("ok".utf8), to: [entry.name, "out.txt"])
            context.countFile(bytes: 2)
        case .fail: throw Boom()
        case .hang: try await Task.sleep(for: .seconds(3600))
        case .reportProblem: context.report("/api/v1/secrets", "forbidden")
        case .writeForever:
            let file = try context.output.createFile([entry.name, "bulk.log"], bulky: true)
            do {
                while true { try file.write([UInt8](repeating: 0x41, count: 1024)) }
            } catch {
                try file.abandon()
                throw error
            }
        }
    }
}

/// Progress lines, gathered from any thread.
final class LineCollector: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

@Suite(.serialized)
struct RunnerTests {

    func statuses(_ summary: RunSummary) -> [String: RunSummary.Status] {
        Dictionary(uniqueKeysWithValues: summary.collectors.map { ($0.name, $0.status) })
    }

    @Test func eachCollectorFailsAlone() async throws {
        let directory = try TemporaryDirectory()
        let tree = try OutputTree(root: directory.path)
        let script = try directory.write("exit3.sh", "#!/bin/sh\necho partial output\necho complaint >&2\nexit 3\n")
        chmod(script, 0o755)
        let collectors: [any Collector] = [
            VersionCollector(entry: .init(name: "version", kind: VersionKind()), product: "openshift/must-gather", version: "4.18.0.test"),
            ScriptedCollector("throws", .fail),
            ScriptedCollector("hangs", .hang, timeout: .milliseconds(300)),
            scriptCollector("exits-3", script),
            ScriptedCollector("forbidden-bits", .reportProblem),
            ScriptedCollector("works", .succeed),
        ]
        let summary = await Runner(deadline: .seconds(30), concurrency: 6, progress: { _ in })
            .run(collectors, output: tree, since: .everything)
        #expect(statuses(summary) == ["version": .succeeded, "throws": .failed, "hangs": .timedOut, "exits-3": .failed,
            "forbidden-bits": .partial, "works": .succeeded])
        #expect(summary.collectors.first { $0.name == "exits-3" }?.reason == "exited with status 3")
        #expect(summary.collectors.first { $0.name == "throws" }?.reason == "boom")
        #expect(summary.collectors.first { $0.name == "forbidden-bits" }?.problems == [.init(subject: "/api/v1/secrets", message: "forbidden")])
        #expect(summary.exitStatus == 1)
        #expect(try String(contentsOfFile: directory.path + "/version", encoding: .utf8) == "openshift/must-gather\n4.18.0.test\n")
        #expect(try String(contentsOfFile: directory.path + "/gather-scripts/exits-3/stdout.log", encoding: .utf8) == "partial output\n")
        #expect(try String(contentsOfFile: directory.path + "/gather-scripts/exits-3/stderr.log", encoding: .utf8) == "complaint\n")
        // The file on disk is the summary.
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        let onDisk = try decoder.decode(RunSummary.self,
            from: Data(contentsOf: URL(fileURLWithPath: directory.path + "/" + RunSummary.fileName)))
        #expect(statuses(onDisk) == statuses(summary))
    }

    @Test func theDeadlineCutsWhatRunsAndSkipsWhatWaits() async throws {
        let directory = try TemporaryDirectory()
        let tree = try OutputTree(root: directory.path)
        let collectors: [any Collector] = [ScriptedCollector("hangs", .hang), ScriptedCollector("waits", .succeed)]
        let clock = ContinuousClock()
        let start = clock.now
        let summary = await Runner(deadline: .milliseconds(500), concurrency: 1, progress: { _ in })
            .run(collectors, output: tree, since: .everything)
        // The hanging collector would sleep an hour: any bound far below that shows the cut, and a loaded machine can
        // take seconds to wake the run.
        #expect(start.duration(to: clock.now) < .seconds(60))
        #expect(statuses(summary) == ["hangs": .timedOut, "waits": .skipped])
        #expect(summary.endedAt != nil)
    }

    @Test func cancellingTheRunAsSIGTERMDoesStillLeavesASummary() async throws {
        let directory = try TemporaryDirectory()
        let tree = try OutputTree(root: directory.path)
        let collectors: [any Collector] = [ScriptedCollector("done", .succeed), ScriptedCollector("hangs", .hang)]
        let run = Task {
            await Runner(deadline: .seconds(600), concurrency: 2, progress: { _ in })
                .run(collectors, output: tree, since: .everything)
        }
        // Cancelled once `done` has succeeded and `hangs` runs, as the file shows; the bound guards against a hang only.
        let path = directory.path + "/" + RunSummary.fileName
        for _ in 0..<600 {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            if text.contains("\"succeeded\"") && text.contains("\"running\"") { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        run.cancel()
        let summary = await run.value
        #expect(statuses(summary) == ["done": .succeeded, "hangs": .cancelled])
        #expect(summary.interrupted != nil)
        let onDisk = try String(contentsOfFile: directory.path + "/" + RunSummary.fileName, encoding: .utf8)
        #expect(onDisk.contains("\"interrupted\""))
    }

    @Test func aHeartbeatNamesWhatIsStillRunning() async throws {
        let directory = try TemporaryDirectory()
        let tree = try OutputTree(root: directory.path)
        let collectors: [any Collector] = [ScriptedCollector("slow", .hang, timeout: .seconds(2))]
        let lines = LineCollector()
        _ = await Runner(deadline: .seconds(30), heartbeat: .milliseconds(200), progress: { lines.append($0) })
            .run(collectors, output: tree, since: .everything)
        let beats = lines.all.filter { $0.hasPrefix("[heartbeat]") }
        #expect(beats.count >= 2)
        #expect(beats.allSatisfy { $0.contains("still running slow") })
        #expect(lines.all.last?.hasPrefix("[slow] timed-out") == true)
    }

    @Test func theDiskGuardStopsABulkyCollectorBeforeTheBudgetAndSkipsTheNext() async throws {
        let directory = try TemporaryDirectory()
        let budget: Int64 = 10 * 1024 + 512
        let tree = try OutputTree(root: directory.path, diskGuard: DiskGuard(maximumUsedPercent: 100, byteBudget: budget))
        let bulky = BulkyTestKind()
        let collectors: [any Collector] = [
            ScriptedCollector("audit", .writeForever, kind: bulky),
            ScriptedCollector("journals", .succeed, kind: bulky),
        ]
        let summary = await Runner(deadline: .seconds(30), concurrency: 1, progress: { _ in })
            .run(collectors, output: tree, since: .everything)
        #expect(statuses(summary) == ["audit": .failed, "journals": .skipped])
        #expect(summary.collectors.first { $0.name == "audit" }?.reason?.contains("byte budget") == true)
        #expect(summary.collectors.first { $0.name == "journals" }?.reason?.hasPrefix("disk guard") == true)
        #expect(tree.bytesWritten <= budget)
        // Small files are not the guard's business: the summary and version still get written.
        try tree.write(Array("still fine".utf8), to: ["small.txt"])
        // What was written stays, marked as partial.
        let partial = FileManager.default.contents(atPath: directory.path + "/audit/bulk.log.partial")
        #expect(partial?.count == 10 * 1024)
    }

    @Test func aScriptFromCollectionScriptsRunsWithTheMustGatherEnvironment() async throws {
        let directory = try TemporaryDirectory()
        let tree = try OutputTree(root: directory.path + "/must-gather")
        let script = CollectorSpecTests.packageRoot.appendingPathComponent("collection-scripts/gather_pod_environment").path
        let collectors: [any Collector] = [
            scriptCollector("pod-environment", script, environment: ["PATH": "/usr/bin:/bin"]),
        ]
        let summary = await Runner(deadline: .seconds(60), progress: { _ in })
            .run(collectors, output: tree, since: .duration(.seconds(7200)))
        #expect(statuses(summary) == ["pod-environment": .succeeded])
        let since = try String(contentsOfFile: tree.root + "/pod_environment/since.txt", encoding: .utf8)
        #expect(since == "MUST_GATHER_SINCE=2h0m0s\nMUST_GATHER_SINCE_TIME=\n")
        #expect(FileManager.default.fileExists(atPath: tree.root + "/pod_environment/df.txt"))
        #expect(try String(contentsOfFile: tree.root + "/gather-scripts/pod-environment/stdout.log", encoding: .utf8)
            .hasPrefix("INFO: pod environment recorded"))
    }

    @Test func whatAScriptLeavesRunningIsKilledWhenItEnds() async throws {
        let run = try await runScript("sleep 60 &\necho $! > \"$BASE_COLLECTION_PATH/child.pid\"\nexit 0\n")
        #expect(run.status == .succeeded)
        #expect(run.notes == ["the script left 1 processes running in the background; they were killed"])
        #expect(try Self.hasEnded(run.child))
    }

    @Test func aScriptThatTimesOutIsKilledWithWhatItStarted() async throws {
        let run = try await runScript("sleep 60 &\necho $! > \"$BASE_COLLECTION_PATH/child.pid\"\nsleep 60\n",
            timeout: .seconds(2))
        #expect(run.status == .timedOut)
        #expect(try Self.hasEnded(run.child))
    }

    @Test func aScriptStartsInTheOutputFolderWithNothingToReadAndAMissingOneFailsClearly() async throws {
        let directory = try TemporaryDirectory()
        let tree = try OutputTree(root: directory.path + "/must-gather")
        let script = try directory.write("where.sh", "#!/bin/sh\npwd > here.txt\ncat > input.txt\n")
        chmod(script, 0o755)
        let collectors: [any Collector] = [
            scriptCollector("where", script, environment: [:]),
            scriptCollector("missing", directory.path + "/none"),
        ]
        let summary = await Runner(deadline: .seconds(30), progress: { _ in })
            .run(collectors, output: tree, since: .everything)
        #expect(statuses(summary) == ["where": .succeeded, "missing": .failed])
        #expect(try String(contentsOfFile: tree.root + "/here.txt", encoding: .utf8) == tree.root + "\n")
        #expect(try String(contentsOfFile: tree.root + "/input.txt", encoding: .utf8) == "")
        #expect(summary.collectors[1].reason == "cannot start \(directory.path)/none: No such file or directory")
    }

    /// A log file that cannot be opened (here a link left in a reused output folder) is named as such, and the script
    /// does not run.
    @Test func aScriptWhoseLogCannotBeOpenedSaysSo() async throws {
        let directory = try TemporaryDirectory()
        let tree = try OutputTree(root: directory.path + "/must-gather")
        let script = try directory.write("touch.sh", "#!/bin/sh\ntouch ran.txt\n")
        chmod(script, 0o755)
        let logs = try tree.makeDirectories(["gather-scripts", "linked"])
        try FileManager.default.createSymbolicLink(atPath: logs + "/stderr.log", withDestinationPath: directory.path + "/elsewhere.log")
        let collectors: [any Collector] = [
            scriptCollector("linked", script, environment: [:]),
        ]
        let summary = await Runner(deadline: .seconds(30), progress: { _ in })
            .run(collectors, output: tree, since: .everything)
        #expect(statuses(summary) == ["linked": .failed])
        #expect(summary.collectors[0].reason == "cannot open the log file \(logs)/stderr.log: Too many levels of symbolic links")
        #expect(!FileManager.default.fileExists(atPath: tree.root + "/ran.txt"))
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/elsewhere.log"))
    }

    /// Runs `body` as a shell script collector; it writes the PID of a background child to `child.pid`.
    private func runScript(_ body: String, timeout: Duration? = nil) async throws
        -> (status: RunSummary.Status, notes: [String], child: pid_t)
    {
        let directory = try TemporaryDirectory()
        let tree = try OutputTree(root: directory.path + "/must-gather")
        let script = directory.path + "/gather_background"
        try ("#!/bin/sh\n" + body).write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let collectors: [any Collector] = [
            scriptCollector("background", script, timeout: timeout, environment: ["PATH": "/usr/bin:/bin"]),
        ]
        let summary = await Runner(deadline: .seconds(60), progress: { _ in })
            .run(collectors, output: tree, since: .everything)
        let pid = try String(contentsOfFile: tree.root + "/child.pid", encoding: .utf8)
        return (summary.collectors[0].status, summary.collectors[0].notes,
            try #require(pid_t(pid.trimmingCharacters(in: .whitespacesAndNewlines))))
    }

    /// Whether `pid` has ended: gone, or a zombie waiting to be reaped. A killed process gets there at once; the wait
    /// is only for the kernel to finish with it.
    static func hasEnded(_ pid: pid_t) throws -> Bool {
        for _ in 0..<50 {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return true }
            if ProcessGroup.fieldsAfterName(stat)?.first == "Z" { return true }
            usleep(20_000)
        }
        return false
    }
}
