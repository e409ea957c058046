import FakeCluster
import Foundation
import GatherKit
import Inspect
import KubeClient
import TestSupport
import Testing
import Compression
import YAMLCoding

/// The default inspect targets against synthetic clusters: oc's layout, every file equal as data to what the server
/// holds (secrets elided), every log byte for byte, no secret on disk, nothing fetched twice.
@Suite(.serialized)
struct InspectSyntheticClusterTests {
    /// The inspect entries of the built-in collector list.
    static func defaultEntries() throws -> [(name: String, resources: [String], allNamespaces: Bool)] {
        try DefaultCollectorSpec.spec().entries.compactMap { entry in
            guard case .inspect(let resources, _, let allNamespaces) = entry.kind else { return nil }
            return (entry.name, resources, allNamespaces)
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
        defer { Task { await run.server.stop() } }
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
        #expect(try String(decoding: run.bytes("timestamp"), as: UTF8.self).split(separator: "\n").count == 6,
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
        defer { Task { await run.server.stop() } }
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
        defer { Task { await run.server.stop() } }
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
        defer { Task { await run.server.stop() } }
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
        defer { Task { await run.server.stop() } }
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
    static func expectEveryFileMatchesTheServer(_ run: InspectHarness, data: ClusterData) throws {
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
    static func expectEveryLogMatches(_ run: InspectHarness, data: ClusterData) async throws {
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
    static func expectNoCanary(_ run: InspectHarness, data: ClusterData) throws {
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
    static func expectNothingFetchedTwice(_ run: InspectHarness) {
        let targets = run.server.requestLog.all.map(\.target).filter {
            $0 != "/api" && $0 != "/apis" && !$0.hasPrefix("/apis/config.openshift.io/v1/")
        }
        let repeated = Dictionary(grouping: targets, by: { $0 }).filter { $0.value.count > 1 }.map(\.key)
        #expect(repeated.isEmpty, "asked more than once: \(repeated.sorted().prefix(10))")
    }
}
