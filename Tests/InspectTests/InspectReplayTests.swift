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

/// The real must-gather, replayed through the fake cluster and gathered again with the default list: everything the
/// original has, from inspect and from the helper scripts (etcd_info, monitoring, ingress_controllers, the
/// priority-and-fairness dumps, the OLM objects), must be there, equal as data, or differ for a reason the comparison
/// names.
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
            let run = try await InspectHarness.runDefaultList(replayed.data)
            result = (replayed, run)
            return (replayed, run)
        }
    }

    /// Entries whose problems on the replay are right, and why: the 4.8 tree holds no answer for them.
    static let expectedProblems: [String: String] = [
        "prometheus": "the 4.8 script kept only the alerting rules, so the replay answers nothing else",
        "prometheus-replicas": "the 4.8 script kept only the alerting rules",
        "alertmanager": "the 4.8 script asked nothing of Alertmanager",
        "insights": "the 4.8 tree has no insights-data/, so the replayed insights pod holds no archive",
    ]

    @Test func gatheringTheReplayedRealClusterGivesTheOriginalTree() async throws {
        let (replayed, run) = try await Gathering.shared.get()
        for collector in run.summary.collectors where Self.expectedProblems[collector.name] == nil {
            #expect(collector.problems.isEmpty, "\(collector.name): \(collector.problems.prefix(5))")
            #expect(collector.status == .succeeded || collector.status == .notApplicable,
                "\(collector.name): \(collector.status) \(collector.reason ?? "")")
        }
        for (name, reason) in Self.expectedProblems {
            let collector = run.summary.collectors.first { $0.name == name }
            #expect(collector?.problems.isEmpty == false, "\(name) has no problem, yet \(reason)")
        }
        let comparison = try TreeComparison(original: replayed.root, gathered: run.root)
        print(comparison.report)
        #expect(comparison.unexplained.isEmpty, "\(comparison.unexplained.prefix(20))")
        #expect(comparison.comparedYAML > 1500 && comparison.comparedLogs > 400,
            "compared \(comparison.comparedYAML) YAML files and \(comparison.comparedLogs) logs")
        // What the helper scripts wrote comes back as it was.
        for folder in ["etcd_info/", "monitoring/", "ingress_controllers/", "api_priority_and_fairness/"] {
            #expect(comparison.comparedOther.contains { $0.contains(folder) }, "nothing compared under \(folder)")
        }
        let olm = RegularFiles.list(under: replayed.root).filter { $0.contains("/operators.coreos.com/") }
        #expect(olm.count > 5 && comparison.comparedYAML(under: "/operators.coreos.com/") == olm.count, "\(olm)")
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
    /// The files compared byte for byte that are neither YAML nor logs (JSON, haproxy.config, the dumps).
    var comparedOther: [String] = []
    /// The YAML files compared, by path.
    var comparedYAMLPaths: [String] = []

    func comparedYAML(under part: String) -> Int { comparedYAMLPaths.filter { $0.contains(part) }.count }

    /// Top-level entries written per run, or by stock scripts gather has no entry for (`web_hooks/`, from a script
    /// releases after 4.8 dropped; the webhook configurations themselves are in `cluster-scoped-resources/`).
    static let notCompared: Set<String> = ["host_service_logs", "web_hooks", "version", "timestamp",
        "event-filter.html", "network_logs", "nodes", "static-pods", "audit_logs", "gather-summary.json",
        "aggregated-discovery-api.yaml", "aggregated-discovery-apis.yaml"]

    init(original: String, gathered: String) throws {
        let ours = Set(RegularFiles.list(under: gathered))
        for path in RegularFiles.list(under: original) {
            let top = String(path.split(separator: "/")[0])
            if Self.notCompared.contains(top) {
                explain("written per run, or by a stock script gather has no entry for")
                continue
            }
            if path == "monitoring/alert.stderr" {
                explain("the 4.8 script's empty standard error: gather keeps standard error only when there is some")
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
                comparedYAMLPaths.append(path)
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
                comparedOther.append(path)
                if mine == theirs { continue }
                if path.contains("/api_priority_and_fairness/"), Self.anyPodsCopy(of: path, in: original, is: mine) {
                    explain("priority-and-fairness dumps: each pod's copy came from whichever API server answered; "
                        + "the replay is one server, so every pod folder holds the same pod's answer")
                } else {
                    unexplained.append("differs: \(path) (\(mine.count) against \(theirs.count) bytes)")
                }
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
        nil
    }

    /// Whether `bytes` equal the same dump of one of the kube-apiserver pods of the original.
    static func anyPodsCopy(of path: String, in original: String, is bytes: Data) -> Bool {
        let parts = path.split(separator: "/").map(String.init)
        guard parts.count > 4 else { return false }
        let pods = "\(original)/\(parts[0])/\(parts[1])/\(parts[2])"
        let rest = parts[4...].joined(separator: "/")
        return ((try? FileManager.default.contentsOfDirectory(atPath: pods)) ?? []).contains { pod in
            FileManager.default.contents(atPath: "\(pods)/\(pod)/\(rest)") == bytes
        }
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
