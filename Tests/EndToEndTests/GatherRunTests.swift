import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The `gather` binary's default run, its spec errors, and SIGTERM as `oc adm must-gather` sends it.
@Suite(.serialized)
struct GatherRunTests {
    func summary(_ directory: String) throws -> [String: Any] {
        try SummaryFile.read(directory)
    }

    func statuses(_ summary: [String: Any]) -> [String: String] {
        var result: [String: String] = [:]
        for collector in summary["collectors"] as? [[String: Any]] ?? [] {
            result[collector["name"] as? String ?? ""] = collector["status"] as? String
        }
        return result
    }

    @Test func theDefaultRunWritesVersionAndASummaryIntoBaseCollectionPath() async throws {
        let directory = try TemporaryDirectory()
        let result = try await ProcessRunner.run(BuiltProduct.path("gather"), [],
            environment: ["BASE_COLLECTION_PATH": directory.path + "/mg", "MUST_GATHER_SINCE": "2h0m0s", "HOME": directory.path])
        let version = try String(contentsOfFile: directory.path + "/mg/version", encoding: .utf8)
        #expect(version.split(separator: "\n").count == 2)
        let recorded = try summary(directory.path + "/mg")
        #expect(statuses(recorded)["version"] == "succeeded")
        #expect((recorded["options"] as? [String: String])?["since"] == "the last 2h0m0s")
        // Collectors not part of this build are reported as skipped, so the run is not a full success.
        #expect(statuses(recorded)["audit-logs"] == "skipped")
        #expect(result.status == 1)
    }

    @Test func aBrokenSpecFailsBeforeAnythingRuns() async throws {
        let directory = try TemporaryDirectory()
        let spec = try directory.write("spec.yaml", "collectors:\n  - name: x\n    kind: version\n    colour: blue\n")
        let result = try await ProcessRunner.run(BuiltProduct.path("gather"),
            ["--spec", spec, "--dest-dir", directory.path + "/out"], environment: ["HOME": directory.path])
        #expect(result.status == 2)
        #expect(result.standardError.contains("\(spec):4:"))
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/out"))
    }

    @Test(arguments: [
        (["--timeout", "soon"], "'--timeout <timeout>'"), (["--since", "-1h"], "--since"),
        (["--since-time", "yesterday"], "'--since-time <since-time>'"), (["--stall-timeout", "0s"], "--stall-timeout"),
        (["--no-such-flag"], "Unknown option '--no-such-flag'"), (["inspect", "pods", "--timeout", "x"], "--timeout"),
    ])
    func aWrongFlagIsAUsageErrorWithStatus2(_ arguments: [String], _ named: String) async throws {
        let directory = try TemporaryDirectory()
        let result = try await ProcessRunner.run(BuiltProduct.path("gather"), arguments + ["--dest-dir", directory.path + "/out"],
            environment: ["HOME": directory.path])
        #expect(result.status == 2, "\(result.standardError)")
        #expect(result.standardError.contains(named), "\(result.standardError)")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/out"))
    }

    @Test func theBuiltInListReadsWithTheKindsTheBinaryRegisters() async throws {
        let directory = try TemporaryDirectory()
        let listed = try await ProcessRunner.run(BuiltProduct.path("gather"), ["--list"],
            environment: ["HOME": directory.path])
        #expect(listed.status == 0, "\(listed.standardError)")
        // One line per entry run by default, in the list's order: name, kind, and its groups when it has some.
        let lines = listed.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.map { String($0.prefix { $0 != "\t" }) } == (try DefaultList.names()))
        for line in ["version\tversion", "inspect-namespaces\tinspect", "etcd\texec\t[helpers]",
            "priority-and-fairness\tapiGet\t[helpers]", "virt-counts\tcount\t[helpers]",
            "haproxy-config\tcopy\t[helpers]", "service-logs-masters\tserviceLogs\t[logs,service-logs]",
            "audit-logs\tnodeFiles\t[audit,logs]"]
        {
            #expect(lines.contains(line), "\(line)")
        }
        // A field of another kind is refused with the fields this kind accepts.
        let spec = try directory.write("spec.yaml", "collectors:\n  - name: x\n    kind: inspect\n    units: [kubelet]\n")
        let refused = try await ProcessRunner.run(BuiltProduct.path("gather"), ["--spec", spec, "--list"],
            environment: ["HOME": directory.path])
        #expect(refused.status == 2)
        #expect(refused.standardError.contains("\(spec):4: collector `x`: field `units` does not belong to kind `inspect` "
            + "(it accepts: resources, namespace, allNamespaces, selector, name, kind, timeout, enabled, groups, when)"),
            "\(refused.standardError)")
        let unknown = try directory.write("unknown.yaml", "collectors:\n  - name: x\n    kind: teleport\n")
        let unknownKind = try await ProcessRunner.run(BuiltProduct.path("gather"), ["--spec", unknown, "--list"],
            environment: ["HOME": directory.path])
        #expect(unknownKind.status == 2)
        #expect(unknownKind.standardError.contains(
            "\(unknown):3: collector `x`: unknown kind `teleport` (one of: apiGet, copy, count, exec, inspect, nodeFiles, "
                + "nodeLogFiles, script, serviceLogs, version)"),
            "\(unknownKind.standardError)")
    }

    @Test func sigtermEndsTheRunWithASummary() async throws {
        let directory = try TemporaryDirectory()
        let script = try directory.write("slow.sh", "#!/bin/sh\nexec sleep 600\n")
        chmod(script, 0o755)
        let spec = try directory.write("spec.yaml", """
            collectors:
              - {name: version, kind: version}
              - {name: slow, kind: script, path: \(script)}
            """)
        let gather = try await BackgroundProcess.start(BuiltProduct.path("gather"),
            ["--spec", spec, "--dest-dir", directory.path + "/out"], environment: ["HOME": directory.path])
        // The first line is printed once the run has begun.
        #expect(gather.firstLine.hasPrefix("gathering into"))
        try await Task.sleep(for: .milliseconds(500))
        let clock = ContinuousClock()
        let start = clock.now
        let status = await gather.terminate()
        // The script sleeps ten minutes: far less than that shows the signal cut it.
        #expect(start.duration(to: clock.now) < .seconds(60))
        #expect(status == 1)
        let recorded = try summary(directory.path + "/out")
        #expect(statuses(recorded) == ["version": "succeeded", "slow": "cancelled"])
        #expect(recorded["interrupted"] != nil)
    }
}
