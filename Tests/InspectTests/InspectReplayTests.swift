import CollectorTestSupport
@testable import FakeCluster
import Foundation
@testable import GatherKit
@testable import Inspect
import JSONCoding
@testable import KubeClient
import TestSupport
import Testing
import YAMLCoding

/// The real must-gather, replayed through the fake cluster and gathered again with the default targets: everything
/// the original has from inspect must be there, equal as data.
@Suite(.serialized)
struct InspectReplayTests {
    /// The replay and its gathering, done once for the suite (loading the replay takes seconds).
    actor Gathering {
        static let shared = Gathering()
        private var result: (ReplayedCluster.Result, FakeClusterRun)?

        func get() async throws -> (ReplayedCluster.Result, FakeClusterRun) {
            if let result { return result }
            let directory = try await RealMustGather.directory()
            let replayed = try await offThePool { try ReplayedCluster.load(directory: directory) }
            let run = try await InspectHarness.run(replayed.data, entries: InspectSyntheticClusterTests.defaultEntries())
            result = (replayed, run)
            return (replayed, run)
        }
    }

    @Test func gatheringTheReplayedRealClusterGivesTheOriginalTree() async throws {
        let (replayed, run) = try await Gathering.shared.get()
        for collector in run.summary.collectors {
            #expect(collector.problems.isEmpty, "\(collector.name): \(collector.problems.prefix(5))")
        }
        let comparison = try TreeComparison(original: replayed.root, gathered: run.root)
        print(comparison.report)
        #expect(comparison.unexplained.isEmpty, "\(comparison.unexplained.prefix(20))")
        #expect(comparison.comparedYAML > 1500 && comparison.comparedLogs > 400,
            "compared \(comparison.comparedYAML) YAML files and \(comparison.comparedLogs) logs")
    }
}

extension InspectReplayTests {
    /// omg reads our tree as it reads the original: the same rows for clusteroperators, nodes, pods, events and
    /// logs (file times are made equal first, since omg computes AGE from them).
    @Test func omgReadsTheGatheredTreeAsTheOriginal() async throws {
        let (replayed, run) = try await Gathering.shared.get()
        let home = try TemporaryDirectory()
        for tree in [replayed.root, run.root] { try Self.setAllFileTimes(under: tree, to: 1_627_984_320) }
        let etcd = "etcd-ip-10-0-187-218.ec2.internal"
        let restarted = try #require(replayed.data.podLogs.keys.filter(\.previous).min { $0.pod < $1.pod })
        let commands: [[String]] = [
            ["get", "co"], ["get", "nodes"], ["get", "pods", "-A"], ["get", "events", "-A"], ["get", "clusterversion"],
            ["get", "pods", "-n", "openshift-etcd"], ["logs", etcd, "-n", "openshift-etcd", "-c", "etcd-metrics"],
            ["logs", restarted.pod, "-n", restarted.namespace, "-c", restarted.container, "-p"],
        ]
        for command in commands {
            let original = try await Omg.run(tree: replayed.root, command, home: home.path)
            let ours = try await Omg.run(tree: run.root, command, home: home.path)
            let normalise = { (text: String, root: String) in
                text.replacingOccurrences(of: root, with: "<root>").split(separator: "\n").sorted()
            }
            let originalLines = normalise(original, replayed.root)
            #expect(originalLines.count > 1, "omg \(command): \(original.prefix(300))")
            #expect(normalise(ours, run.root) == originalLines, "omg \(command)")
        }
    }

    static func setAllFileTimes(under root: String, to seconds: Int) throws {
        var times = [timespec(tv_sec: seconds, tv_nsec: 0), timespec(tv_sec: seconds, tv_nsec: 0)]
        for path in RegularFiles.list(under: root) {
            _ = utimensat(AT_FDCWD, root + "/" + path, &times, 0)
        }
    }
}

/// Compares a gathered tree with an original `oc adm must-gather` tree and explains every difference.
struct TreeComparison {
    /// Differences with no known reason: each is a bug.
    var unexplained: [String] = []
    /// Differences that are right, counted by reason.
    var explained: [String: Int] = [:]
    var comparedYAML = 0
    var comparedLogs = 0

    /// Top-level entries that other gather scripts write, not inspect.
    static let notFromInspect: Set<String> = ["host_service_logs", "etcd_info", "monitoring", "web_hooks",
        "ingress_controllers", "version", "timestamp", "event-filter.html", "network_logs", "nodes", "static-pods",
        "audit_logs", "gather-summary.json", "aggregated-discovery-api.yaml", "aggregated-discovery-apis.yaml"]

    init(original: String, gathered: String) throws {
        let ours = Set(RegularFiles.list(under: gathered))
        for path in RegularFiles.list(under: original) {
            let top = String(path.split(separator: "/")[0])
            if Self.notFromInspect.contains(top) {
                explain("written by another gather script or per run, not by inspect")
                continue
            }
            if path.contains("/operators.coreos.com/operatorgroups/") || path.contains("/operators.coreos.com/operatorconditions/") {
                explain("OLM operator groups and conditions: no relatedObjects names them; the OLM gather script inspects them")
                continue
            }
            if path.contains("/api_priority_and_fairness/") {
                explain("api_priority_and_fairness/: written by the priority-and-fairness gather script")
                continue
            }
            if path.hasSuffix("/previous.insecure.log") {
                explain("previous.insecure.log: oc's retry without TLS verification after a failed previous log; "
                    + "gather never turns verification off")
                continue
            }
            guard ours.contains(path) else {
                if let reason = Self.reasonMissing(path, original: original) {
                    explain(reason)
                } else {
                    unexplained.append("missing: \(path)")
                }
                continue
            }
            let mine = try Data(contentsOf: URL(fileURLWithPath: gathered + "/" + path))
            let theirs = try Data(contentsOf: URL(fileURLWithPath: original + "/" + path))
            if path.hasSuffix(".yaml") {
                comparedYAML += 1
                let left = try YAMLReader.documents(Array(theirs)).first
                let right = try YAMLReader.documents(Array(mine)).first
                if left == right { continue }
                if let reason = Self.reasonDifferent(path, original: left, gathered: right) {
                    explain(reason)
                } else {
                    unexplained.append("differs: \(path)")
                }
            } else if path.hasSuffix(".log") {
                comparedLogs += 1
                if mine == theirs { continue }
                unexplained.append("log differs: \(path) (\(mine.count) against \(theirs.count) bytes)")
            } else {
                if mine != theirs { unexplained.append("differs: \(path)") }
            }
        }
    }

    private mutating func explain(_ reason: String) { explained[reason, default: 0] += 1 }

    var report: String {
        "compared \(comparedYAML) YAML files and \(comparedLogs) logs; differences with their reasons:\n"
            + explained.sorted { $0.key < $1.key }.map { "  \($0.value)\t\($0.key)" }.joined(separator: "\n")
            + (unexplained.isEmpty ? "" : "\nunexplained:\n  " + unexplained.prefix(50).joined(separator: "\n  "))
    }

    /// Why a file of the original may rightly be missing from ours.
    static func reasonMissing(_ path: String, original: String) -> String? {
        let parts = path.split(separator: "/").map(String.init)
        if parts[0] == "namespaces", parts.count > 2,
            !FileManager.default.fileExists(atPath: "\(original)/namespaces/\(parts[1])/\(parts[1]).yaml")
        {
            return "namespace folder without its namespace: OLM's copied CSVs, written by the OLM gather script"
        }
        return nil
    }

    /// Why a YAML file may rightly differ.
    static func reasonDifferent(_ path: String, original: JSONValue?, gathered: JSONValue?) -> String? {
        guard let original, let gathered else { return nil }
        let isList = original["items"] != nil
        let left = isList ? withoutListMetadata(original) : original
        let right = isList ? withoutListMetadata(gathered) : gathered
        if left == right {
            return "list metadata: the resourceVersion is the serving cluster's at list time, and oc's paged lists "
                + "carry an empty continue"
        }
        if left["items"] == .null, right["items"] == .array([]), withoutItems(left) == withoutItems(right) {
            return "empty lists: the route API server answered items: null, the replay answers []"
        }
        if stripSecretValues(left) == stripSecretValues(right) {
            return "secret values: the replay serves oc's already elided values, which gather elides again "
                + "(\"15 bytes long\" for the length of \"6898 bytes long\")"
        }
        return nil
    }

    static func withoutItems(_ list: JSONValue) -> JSONValue {
        guard case .object(var members) = list else { return list }
        members["items"] = nil
        return .object(members)
    }

    static func withoutListMetadata(_ list: JSONValue) -> JSONValue {
        guard case .object(var members) = list else { return list }
        members["metadata"] = nil
        return .object(members)
    }

    /// The object with every secret data value blanked.
    static func stripSecretValues(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(var members):
            if case .object(var data)? = members["data"], members["kind"] == "Secret" {
                for key in data.keys where !SensitiveData.publicSecretKeys.contains(key) { data[key] = "" }
                members["data"] = .object(data)
            }
            return .object(members.mapValues(stripSecretValues))
        case .array(let elements): return .array(elements.map(stripSecretValues))
        default: return value
        }
    }
}
