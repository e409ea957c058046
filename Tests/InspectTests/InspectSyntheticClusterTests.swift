import CollectorTestSupport
@testable import Compression
@testable import FakeCluster
import Foundation
@testable import GatherKit
@testable import Inspect
@testable import KubeClient
import TestSupport
import Testing
import YAMLCoding

/// The default inspect targets against synthetic clusters: oc's layout, every file equal as data to what the server
/// holds (secrets elided), every log byte for byte, no secret on disk, nothing fetched twice.
@Suite(.serialized)
struct InspectSyntheticClusterTests {
    /// The inspect entries of the built-in collector list that run whatever the cluster (no `when:`).
    static func defaultEntries() throws -> [(name: String, resources: [String], allNamespaces: Bool)] {
        try DefaultCollectorSpec.spec(kinds: InspectHarness.kinds).entries.compactMap { entry in
            guard let inspect = entry.kind as? InspectKind, entry.conditions.isEmpty else { return nil }
            return (entry.name, inspect.resources, inspect.allNamespaces)
        }
    }

    static func cluster(_ flavor: SyntheticSpec.Flavor) -> ClusterData {
        var spec = SyntheticSpec()
        spec.flavor = flavor
        return SyntheticCluster.build(spec)
    }

    @Test func openShiftDefaultTargetsGiveOcsLayout() async throws {
        let data = Self.cluster(.openshift)
        let run = try await InspectHarness.run(data, entries: Self.defaultEntries())
        for collector in run.summary.collectors {
            #expect(collector.status == .succeeded, "\(collector.name): \(collector.problems.prefix(3))")
        }
        let files = Set(run.files())
        // What the openshift gather script names, and what the cluster operators bring.
        for namespace in ["openshift-cluster-version", "default", "openshift", "kube-system", "openshift-etcd",
            "openshift-kube-apiserver", "openshift-monitoring"]
        {
            #expect(files.contains("namespaces/\(namespace)/\(namespace).yaml"), "\(namespace)")
            for list in ["core/pods.yaml", "core/events.yaml", "core/secrets.yaml", "core/configmaps.yaml",
                "apps/deployments.yaml", "discovery.k8s.io/endpointslices.yaml", "route.openshift.io/routes.yaml"]
            {
                #expect(files.contains("namespaces/\(namespace)/\(list)"), "\(namespace)/\(list)")
            }
        }
        for list in ["clusteroperators", "clusterversions", "proxies", "infrastructures"] {
            #expect(files.contains("cluster-scoped-resources/config.openshift.io/\(list).yaml"), "\(list)")
        }
        for name in ["etcd", "kube-apiserver", "monitoring"] {
            #expect(files.contains("cluster-scoped-resources/config.openshift.io/clusteroperators/\(name).yaml"))
        }
        #expect(files.contains("cluster-scoped-resources/operator.openshift.io/etcds/cluster.yaml"))
        #expect(files.contains("cluster-scoped-resources/apiextensions.k8s.io/customresourcedefinitions/widgets.example.com.yaml"))
        for node in data.table(group: "", name: "nodes")!.objects {
            #expect(files.contains("cluster-scoped-resources/core/nodes/\(node.name).yaml"))
        }
        for lease in data.table(group: "coordination.k8s.io", name: "leases")?.objects ?? [] {
            #expect(files.contains("namespaces/\(lease.namespace!)/coordination.k8s.io/leases/\(lease.name).yaml"))
        }
        for root in ["timestamp", "event-filter.html", "aggregated-discovery-apis.yaml", "aggregated-discovery-api.yaml"] {
            #expect(files.contains(root), "\(root)")
        }
        #expect(try String(decoding: run.bytes("timestamp"), as: UTF8.self).split(separator: "\n").count
            == 2 * Self.defaultEntries().count,
            "two lines per inspect, as oc writes them")
        #expect(!files.contains { $0.hasSuffix(".partial") })
        try Self.expectEveryFileMatchesTheServer(run, data: data)
        try await Self.expectEveryLogMatches(run, data: data)
        try Self.expectNoCanary(run, data: data)
        Self.expectNothingFetchedTwice(run)
    }

    @Test func plainKubernetesGetsNodesSystemNamespacesCRDsAndWebhooks() async throws {
        let data = Self.cluster(.kubernetes)
        let run = try await InspectHarness.run(data, entries: Self.defaultEntries())
        for collector in run.summary.collectors {
            #expect(collector.status == .succeeded, "\(collector.name): \(collector.problems.prefix(3))")
        }
        let notes = run.summary.collectors.flatMap(\.notes)
        #expect(notes.contains("the server doesn't have a resource type clusteroperators, skipping the inspection"))
        let files = Set(run.files())
        #expect(!files.contains { $0.hasPrefix("cluster-scoped-resources/config.openshift.io") })
        for namespace in ["default", "kube-system"] {
            #expect(files.contains("namespaces/\(namespace)/\(namespace).yaml"))
        }
        #expect(files.contains { $0.hasPrefix("cluster-scoped-resources/core/nodes/") })
        #expect(files.contains("cluster-scoped-resources/apiextensions.k8s.io/customresourcedefinitions/widgets.example.com.yaml"))
        #expect(files.contains { $0.hasPrefix("cluster-scoped-resources/admissionregistration.k8s.io/validatingwebhookconfigurations/") })
        try Self.expectEveryFileMatchesTheServer(run, data: data)
        try await Self.expectEveryLogMatches(run, data: data)
        try Self.expectNoCanary(run, data: data)
        Self.expectNothingFetchedTwice(run)
    }

    @Test func aLogCapKeepsTheNewestEndOfEachLog() async throws {
        var spec = SyntheticSpec()
        spec.logBytesPerContainer = 50_000
        let data = SyntheticCluster.build(spec)
        let run = try await InspectHarness.run(data, entries: [("inspect", ["ns/openshift-etcd"], false)],
            options: InspectOptions(maximumLogBytes: 4096))
        #expect(run.summary.collectors[0].status == .succeeded)
        var checked = 0
        for (key, lines) in data.podLogs where key.namespace == "openshift-etcd" {
            let whole = Self.render(lines)
            let kept = try run.bytes(Self.logPath(key))
            #expect(kept.count <= 4096 && kept.count > 3000, "\(key)")
            #expect(Array(whole.suffix(kept.count)) == kept, "the newest end of \(key)")
            checked += 1
        }
        #expect(checked > 0)
        #expect(run.summary.collectors[0].notes.contains { $0.contains("dropped the oldest") })
    }

    @Test func largeLogsAreStoredGzippedWhenAsked() async throws {
        var spec = SyntheticSpec()
        spec.logBytesPerContainer = 50_000
        let data = SyntheticCluster.build(spec)
        let run = try await InspectHarness.run(data, entries: [("inspect", ["ns/openshift-etcd"], false)],
            options: InspectOptions(gzipLogsOver: 10_000))
        #expect(run.summary.collectors[0].status == .succeeded)
        var checked = 0
        for (key, lines) in data.podLogs where key.namespace == "openshift-etcd" {
            let plain = Self.logPath(key)
            #expect(!FileManager.default.fileExists(atPath: run.root + "/" + plain), "\(plain) is replaced by its gzip")
            let compressed = try run.bytes(plain + ".gz")
            var restored: [UInt8] = []
            try GzipDecompressor().decompress(compressed) { restored.append(contentsOf: $0) }
            #expect(restored == Self.render(lines), "\(plain).gz")
            #expect(compressed.count * 2 < restored.count)
            checked += 1
        }
        #expect(checked > 0)
        #expect(run.files().contains { $0.hasSuffix("/previous.log") }, "small logs, such as empty previous logs, stay plain")
    }

    /// With `rotatedPodLogs`, each container's rotated files come from its node's kubelet folder byte for byte (the
    /// gzipped ones still gzipped) into `logs/rotated/`, those stamped before the since-window are skipped, and the
    /// current `0.log` is not among them. Without it, no node is asked.
    @Test func rotatedLogsComeFromTheNodesInsideTheSinceWindow() async throws {
        var spec = SyntheticSpec()
        spec.rotatedLogsPerContainer = 3
        spec.now = Date(timeIntervalSince1970: 1_779_998_400)
        let data = SyntheticCluster.build(spec)
        var served: [String: [UInt8]] = [:]
        for tree in data.nodeFiles.values {
            for (path, content) in tree.files where path.hasPrefix("pods/openshift-etcd_") {
                guard case .bytes(let bytes) = content else { continue }
                let parts = path.split(separator: "/").map(String.init)
                let pod = parts[1].split(separator: "_")[1]
                served["namespaces/openshift-etcd/pods/\(pod)/\(parts[2])/\(parts[2])/logs/rotated/\(parts[3])"] = bytes
            }
        }
        #expect(served.count >= 12 && served.keys.filter { $0.hasSuffix(".gz") }.count * 3 == served.count * 2)
        for (since, kept) in [(SinceWindow.everything, 3), (.time(spec.now.addingTimeInterval(-90 * 60)), 1)] {
            let run = try await InspectHarness.run(data, entries: [("inspect", ["ns/openshift-etcd"], false)],
                options: InspectOptions(since: since, rotatedPodLogs: true))
            #expect(run.summary.collectors[0].status == .succeeded, "\(run.summary.collectors[0].problems.prefix(3))")
            let rotated = run.files().filter { $0.contains("/logs/rotated/") }
            #expect(rotated.count * 3 == served.count * kept, "\(since): \(rotated.count) of \(served.count)")
            for path in rotated {
                #expect(try run.bytes(path) == served[path], "\(path)")
                #expect(kept == 3 || !path.hasSuffix(".gz"), "only the newest rotation is inside 90 minutes")
            }
        }
        let without = try await InspectHarness.run(data, entries: [("inspect", ["ns/openshift-etcd"], false)])
        #expect(!without.files().contains { $0.contains("/rotated/") })
        #expect(!without.server.requestLog.all.contains { $0.target.contains("/proxy/logs/pods/") })
    }

    /// A node whose proxy answers 403 loses its containers' rotated logs, each named once (the containers asked
    /// before the first answer) or counted in one problem for the node; a hostile listing's names are refused and
    /// written nowhere; the other nodes' rotated logs all come.
    @Test func aForbiddenNodeAndAHostileListingLoseOnlyTheirOwn() async throws {
        var spec = SyntheticSpec()
        spec.rotatedLogsPerContainer = 2
        spec.podsPerNamespace = 12
        let data = SyntheticCluster.build(spec)
        var containersByNode: [String: Int] = [:]
        for (node, tree) in data.nodeFiles {
            containersByNode[node] = tree.files.keys.filter { $0.hasPrefix("pods/workload-000_") && $0.hasSuffix("/0.log") }.count
        }
        let nodes = containersByNode.filter { $0.value > 0 }.keys.sorted()
        try #require(nodes.count >= 3)
        let (forbidden, hostile) = (nodes[0], nodes[1])
        let run = try await InspectHarness.run(data, entries: [("inspect", ["ns/workload-000"], false)],
            options: InspectOptions(logConcurrency: 4, rotatedPodLogs: true),
            faults: [Fault("/api/v1/nodes/\(forbidden)/proxy/*", .forbidden),
                Fault("/api/v1/nodes/\(hostile)/proxy/logs/pods/*", .hostileListing)])
        let problems = run.summary.collectors[0].problems
        let named = problems.filter { $0.message.hasPrefix("rotated logs not gathered") && $0.message.contains("403") }.count
        let counted = problems.compactMap { problem -> Int? in
            guard problem.subject == "node/\(forbidden)", problem.message.hasPrefix("rotated logs of ") else { return nil }
            return Int(String(problem.message.dropFirst("rotated logs of ".count).prefix { $0.isNumber }))
        }.reduce(0, +)
        let onForbidden = containersByNode[forbidden] ?? 0
        #expect(onForbidden > 4)
        #expect(named >= 1 && named + counted == onForbidden, "\(problems.prefix(4))")
        let askedForbidden = run.server.requestLog.all.filter { $0.target.hasPrefix("/api/v1/nodes/\(forbidden)/proxy/") }
        #expect(askedForbidden.count == named && named <= 4, "only the containers asked before the first 403, 4 at once")
        let refusals = problems.filter { $0.message.hasPrefix("refused a listed name") }
        #expect(refusals.count == containersByNode[hostile]! * FakeAPIHandler.hostileNames.count)
        let everything = FileManager.default.enumerator(atPath: run.root)!.allObjects as! [String]
        #expect(!everything.contains { $0.contains("passwd") || $0.contains("shadow") || $0.contains("escape") })
        let rotated = run.files().filter { $0.contains("/logs/rotated/") }
        let expected = nodes.filter { $0 != forbidden }.map { containersByNode[$0]! * 2 }.reduce(0, +)
        #expect(rotated.count == expected, "every rotation of the nodes that answer")
        #expect(problems.count == named + (counted > 0 ? 1 : 0) + refusals.count, "no other problem")
    }

    @Test func inspectsEndingTogetherTakeTurnsOnTheEventPage() async throws {
        var spec = SyntheticSpec()
        spec.namespaces = 2
        spec.podsPerNamespace = 1
        spec.events = 20_000
        let data = SyntheticCluster.build(spec)
        // One inspect per namespace, all alike, so they end together; each rewrites the page with the events so far.
        let namespaces = data.table(group: "", name: "namespaces")?.objects.map(\.name) ?? []
        let entries = namespaces.map { (name: "inspect-\($0)", resources: ["ns/\($0)"], allNamespaces: false) }
        let run = try await InspectHarness.run(data, entries: entries)
        for collector in run.summary.collectors {
            #expect(collector.status == .succeeded, "\(collector.name): \(collector.problems.prefix(3))")
        }
        #expect(!run.files().contains { $0.hasSuffix(".partial") })
        let page = String(decoding: try run.bytes("event-filter.html"), as: UTF8.self)
        #expect(page.components(separatedBy: "<tr><td>").count - 1 == data.table(group: "", name: "events")?.objects.count)
    }

    // MARK: Checks

    /// Every YAML file parses and equals, as data, what the server holds: a list file its objects in that namespace,
    /// an object file its object, both with sensitive fields elided.
    static func expectEveryFileMatchesTheServer(_ run: FakeClusterRun, data: ClusterData) throws {
        var checkedLists = 0
        var checkedObjects = 0
        for path in run.files() where path.hasSuffix(".yaml") && !path.hasPrefix("aggregated-discovery") {
            let document = try #require(try run.yaml(path), "\(path) parses")
            let parts = path.split(separator: "/").map(String.init)
            let (namespace, rest): (String?, [String]) = parts[0] == "namespaces"
                ? (parts[1], Array(parts[2...])) : (nil, Array(parts[1...]))
            if rest.count == 1 {  // namespaces/<ns>/<ns>.yaml
                let namespaces = data.table(group: "", name: "namespaces")!
                #expect(document == namespaces.object(named: namespace!, in: nil)?.value, "\(path)")
                checkedObjects += 1
                continue
            }
            if rest[0] == "pods" {  // namespaces/<ns>/pods/<pod>/<pod>.yaml
                let pods = data.table(group: "", name: "pods")!
                #expect(document == pods.object(named: rest[1], in: namespace)?.value, "\(path)")
                checkedObjects += 1
                continue
            }
            let group = rest[0] == "core" ? "" : rest[0]
            if rest.count == 2 {
                let plural = String(rest[1].dropLast(5))
                let table = try #require(data.table(group: group, name: plural), "\(path) names a served type")
                let expected = table.objects.filter { $0.namespace == namespace }
                    .map { SensitiveData.elided($0.value, resource: table.resource) }
                #expect(document["items"] == .array(expected), "\(path)")
                #expect(document["kind"] == .string(table.resource.kind + "List"), "\(path)")
                checkedLists += 1
            } else {
                let table = try #require(data.table(group: group, name: rest[1]), "\(path) names a served type")
                let object = try #require(table.object(named: String(rest[2].dropLast(5)), in: namespace), "\(path)")
                #expect(document == SensitiveData.elided(object.value, resource: table.resource), "\(path)")
                checkedObjects += 1
            }
        }
        #expect(checkedLists > 20 && checkedObjects > 20)
    }

    /// Every container and init container of every gathered pod has `current.log` equal to the server's log with
    /// timestamps, and `previous.log`: the previous log, or empty when the container never restarted.
    static func expectEveryLogMatches(_ run: FakeClusterRun, data: ClusterData) async throws {
        let files = Set(run.files())
        var checked = 0
        for pod in data.table(group: "", name: "pods")!.objects
        where files.contains("namespaces/\(pod.namespace!)/pods/\(pod.name)/\(pod.name).yaml") {
            let containers = (pod.value[path: "spec", "containers"]?.arrayValue ?? [])
                + (pod.value[path: "spec", "initContainers"]?.arrayValue ?? [])
            for container in containers.compactMap({ $0["name"]?.stringValue }) {
                for previous in [false, true] {
                    let key = ClusterData.PodLogKey(namespace: pod.namespace!, pod: pod.name, container: container,
                        previous: previous)
                    let expected = data.podLogs[key].map(render) ?? []
                    #expect(try run.bytes(logPath(key)) == expected, "\(logPath(key))")
                    checked += 1
                }
            }
        }
        #expect(checked > 20)
    }

    static func logPath(_ key: ClusterData.PodLogKey) -> String {
        InspectLayout.logFile(namespace: key.namespace, pod: key.pod, container: key.container, previous: key.previous)
            .joined(separator: "/")
    }

    /// The whole log as the server sends it with `timestamps=true`.
    static func render(_ lines: any LogLines) -> [UInt8] {
        var buffer: [UInt8] = []
        var writer = TimestampWriter()
        for index in 0..<lines.count { lines.appendLine(at: index, timestamps: true, to: &buffer, using: &writer) }
        return buffer
    }

    /// No canary (secret values, route keys, proxy passwords), plain or base64, appears in any file.
    static func expectNoCanary(_ run: FakeClusterRun, data: ClusterData) throws {
        #expect(!data.canaries.isEmpty)
        let needles = data.canaries.flatMap { [Array($0.utf8), Array(Data($0.utf8).base64EncodedString().utf8)] }
        for path in run.files() {
            let bytes = try run.bytes(path)
            for needle in needles {
                #expect(!contains(bytes, needle), "\(path) holds a secret: \(String(decoding: needle, as: UTF8.self))")
            }
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, needle.count <= haystack.count else { return false }
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first && haystack[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }

    /// Each request target was asked once (oc's visited set, shared by the inspects of a run). Two exceptions, as in
    /// oc: `/api` and `/apis` are read for discovery and again as aggregated discovery (another `Accept`), and a
    /// config.openshift.io type named on the command line (`clusteroperators`) is listed once for its object files and
    /// once for its list file.
    static func expectNothingFetchedTwice(_ run: FakeClusterRun) {
        let targets = run.server.requestLog.all.map(\.target).filter {
            $0 != "/api" && $0 != "/apis" && !$0.hasPrefix("/apis/config.openshift.io/v1/")
        }
        let repeated = Dictionary(grouping: targets, by: { $0 }).filter { $0.value.count > 1 }.map(\.key)
        #expect(repeated.isEmpty, "asked more than once: \(repeated.sorted().prefix(10))")
    }
}
