import Foundation
import JSONCoding
import KubeClient
import YAMLCoding

/// Serves the cluster recorded in a must-gather folder: resources from its YAML lists and object files, pod logs from
/// `current.log`/`previous.log`, journals from `host_service_logs/`, exec answers from `etcd_info/` and
/// `ingress_controllers/` (see ``ReplayedPodContents``).
///
/// Real trees are untidy: files start with `---`, some namespace folders lack `<ns>.yaml`, logs are empty, and the same
/// object appears both in a list and in its own file. All of that is tolerated; files that cannot be read are listed in
/// ``Result/warnings``.
public enum ReplayedCluster {
    /// The cluster and what could not be read.
    public struct Result: Sendable {
        public var data: ClusterData
        /// The gathered root that was found (the folder holding `namespaces/` or `cluster-scoped-resources/`).
        var root: String
        public var warnings: [String]
    }

    /// Types kubectl's `all` category holds, upstream and on OpenShift.
    static let allCategory: Set<String> = ["pods", "services", "replicationcontrollers", "daemonsets", "deployments",
        "replicasets", "statefulsets", "horizontalpodautoscalers", "jobs", "cronjobs", "deploymentconfigs",
        "buildconfigs", "builds", "imagestreams", "routes"]

    static let shortNames: [String: [String]] = ["pods": ["po"], "nodes": ["no"], "namespaces": ["ns"],
        "services": ["svc"], "configmaps": ["cm"], "clusteroperators": ["co"], "daemonsets": ["ds"],
        "deployments": ["deploy"], "replicasets": ["rs"], "events": ["ev"], "endpoints": ["ep"],
        "persistentvolumeclaims": ["pvc"], "persistentvolumes": ["pv"], "customresourcedefinitions": ["crd", "crds"]]

    /// Loads the must-gather at `directory` (the folder itself, or up to three levels above the gathered root).
    public static func load(directory: String) throws -> Result {
        guard let root = findRoot(directory) else {
            throw HTTPSServerError(message: "\(directory) holds no must-gather (no namespaces/ or cluster-scoped-resources/)")
        }
        var loader = Loader(root: root)
        loader.loadClusterScoped()
        loader.loadNamespaces()
        loader.loadJournals()
        return Result(data: loader.finish(), root: root, warnings: loader.warnings)
    }

    /// omg's rule: a folder holding `namespaces/` or `cluster-scoped-resources/` is the root; a folder with one
    /// subfolder is descended into, up to three levels.
    static func findRoot(_ directory: String) -> String? {
        var current = directory
        for _ in 0..<4 {
            if isDirectory(current + "/namespaces") || isDirectory(current + "/cluster-scoped-resources") { return current }
            let children = (try? FileManager.default.contentsOfDirectory(atPath: current))?.filter {
                isDirectory(current + "/" + $0)
            } ?? []
            guard children.count == 1 else { return nil }
            current += "/" + children[0]
        }
        return nil
    }

    static func isDirectory(_ path: String) -> Bool {
        var flag: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &flag) && flag.boolValue
    }

    static func entries(_ path: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
    }
}

private struct Loader {
    struct TypeKey: Hashable {
        var group: String
        var plural: String
    }

    struct TypeInfo {
        var version = "v1"
        var kind = ""
        var namespaced = false
        var objects: [String: JSONValue] = [:]  // "ns/name"
    }

    let root: String
    var types: [TypeKey: TypeInfo] = [:]
    var typeOrder: [TypeKey] = []
    public var podLogs: [ClusterData.PodLogKey: any LogLines] = [:]
    var journals: [ClusterData.JournalKey: any LogLines] = [:]
    public var warnings: [String] = []

    init(root: String) { self.root = root }

    mutating func readYAML(_ path: String) -> [JSONValue] {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            warnings.append("\(path): unreadable")
            return []
        }
        do {
            return try YAMLReader.documents(Array(bytes))
        } catch {
            warnings.append("\(path): \(error)")
            return []
        }
    }

    /// Records every object of a list or single-object document under `group`/`plural`.
    mutating func add(_ document: JSONValue, group: String, plural: String, namespaced: Bool) {
        let key = TypeKey(group: group, plural: plural)
        if types[key] == nil {
            types[key] = TypeInfo()
            typeOrder.append(key)
        }
        var info = types[key]!
        info.namespaced = info.namespaced || namespaced
        let items: [JSONValue]
        if let list = document["items"]?.arrayValue {
            items = list
            if info.kind.isEmpty, let listKind = document["kind"]?.stringValue, listKind.hasSuffix("List"), listKind != "List" {
                info.kind = String(listKind.dropLast(4))
            }
            if let apiVersion = document["apiVersion"]?.stringValue { info.version = Self.version(of: apiVersion) }
        } else {
            items = [document]
        }
        for item in items {
            guard let name = item[path: "metadata", "name"]?.stringValue else { continue }
            let namespace = item[path: "metadata", "namespace"]?.stringValue ?? ""
            if let kind = item["kind"]?.stringValue { info.kind = kind }
            if let apiVersion = item["apiVersion"]?.stringValue { info.version = Self.version(of: apiVersion) }
            info.objects["\(namespace)/\(name)"] = item
        }
        types[key] = info
    }

    static func version(of apiVersion: String) -> String {
        apiVersion.split(separator: "/").last.map(String.init) ?? "v1"
    }

    mutating func loadClusterScoped() {
        let base = root + "/cluster-scoped-resources"
        for groupDirectory in ReplayedCluster.entries(base) {
            loadGroup(base + "/" + groupDirectory, group: groupDirectory == "core" ? "" : groupDirectory, namespaced: false)
        }
    }

    /// Reads a group folder: `<plural>.yaml` lists and `<plural>/<name>.yaml` objects.
    mutating func loadGroup(_ groupPath: String, group: String, namespaced: Bool) {
        for entry in ReplayedCluster.entries(groupPath) {
            let path = groupPath + "/" + entry
            if entry.hasSuffix(".yaml") {
                for document in readYAML(path) {
                    add(document, group: group, plural: String(entry.dropLast(5)), namespaced: namespaced)
                }
            } else if ReplayedCluster.isDirectory(path) {
                for file in ReplayedCluster.entries(path) where file.hasSuffix(".yaml") {
                    for document in readYAML(path + "/" + file) {
                        add(document, group: group, plural: entry, namespaced: namespaced)
                    }
                }
            }
        }
    }

    mutating func loadNamespaces() {
        let base = root + "/namespaces"
        for namespace in ReplayedCluster.entries(base) {
            let namespacePath = base + "/" + namespace
            for entry in ReplayedCluster.entries(namespacePath) {
                let path = namespacePath + "/" + entry
                if entry == namespace + ".yaml" {
                    for document in readYAML(path) { add(document, group: "", plural: "namespaces", namespaced: false) }
                } else if entry == "pods" {
                    loadPods(path, namespace: namespace)
                } else if ReplayedCluster.isDirectory(path) {
                    loadGroup(path, group: entry == "core" ? "" : entry, namespaced: true)
                }
            }
        }
    }

    mutating func loadPods(_ podsPath: String, namespace: String) {
        for pod in ReplayedCluster.entries(podsPath) {
            let podPath = podsPath + "/" + pod
            for document in readYAML(podPath + "/" + pod + ".yaml") {
                add(document, group: "", plural: "pods", namespaced: true)
            }
            for container in ReplayedCluster.entries(podPath) where ReplayedCluster.isDirectory(podPath + "/" + container) {
                let logs = podPath + "/" + container + "/" + container + "/logs"
                for (file, previous) in [("current.log", false), ("previous.log", true)] {
                    let path = logs + "/" + file
                    guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber
                    else { continue }
                    // An empty previous.log is how oc records a container without a previous instance.
                    if previous && size.intValue == 0 { continue }
                    let key = ClusterData.PodLogKey(namespace: namespace, pod: pod, container: container, previous: previous)
                    podLogs[key] = FileLogLines(path: path)
                }
            }
        }
    }

    /// Splits each merged `host_service_logs/masters/<unit>_service.log` back into one journal per node.
    mutating func loadJournals() {
        let base = root + "/host_service_logs/masters"
        let nodeNames = (types[TypeKey(group: "", plural: "nodes")]?.objects.values ?? [:].values)
            .compactMap { $0[path: "metadata", "name"]?.stringValue }.sorted()
        let year = Calendar(identifier: .gregorian).component(.year, from: replayNow ?? Date())
        for file in ReplayedCluster.entries(base) where file.hasSuffix("_service.log") {
            let unit = String(file.dropLast("_service.log".count))
            guard let text = try? String(contentsOfFile: base + "/" + file, encoding: .utf8) else { continue }
            var perNode: [String: [(Date, Substring)]] = [:]
            var headers: [Substring] = []
            for line in text.split(separator: "\n") {
                if line.hasPrefix("-- ") {
                    headers.append(line)
                    continue
                }
                let fields = line.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: true)
                guard fields.count >= 4 else { continue }
                let host = String(fields[3])
                let node = nodeNames.first { $0 == host || $0.hasPrefix(host + ".") } ?? host
                let time = JournalTime.parse(line, year: year) ?? Date(timeIntervalSince1970: 0)
                perNode[node, default: []].append((time, line))
            }
            // The `-- Logs begin at ... --` lines carry no host: give one to each node in turn, stamped with the
            // node's first line so that a time window keeps it with the lines it introduces. Hosts that are not nodes
            // (`localhost`, before a node had its name) get none: no node serves their lines.
            let masters = perNode.keys.filter(nodeNames.contains).sorted()
            for (position, header) in headers.enumerated() where !masters.isEmpty {
                let node = masters[position % masters.count]
                let first = perNode[node]?.first?.0 ?? .distantPast
                perNode[node, default: []].insert((first, header), at: 0)
            }
            for (node, lines) in perNode {
                journals[.init(node: node, unit: unit)] = StoredLines(lines: lines)
            }
        }
    }

    /// The end of the original gather, from its `timestamp` file: the replayed cluster's "now".
    var replayNow: Date? {
        guard let text = try? String(contentsOfFile: root + "/timestamp", encoding: .utf8) else { return nil }
        let last = text.split(separator: "\n").last.map { String($0.prefix(19)) } ?? ""
        return RFC3339.parse(last.replacingOccurrences(of: " ", with: "T") + "Z")
    }

    func finish() -> ClusterData {
        var data = ClusterData(version: ["major": "1", "minor": "21", "gitVersion": "v1.21.1+replayed",
            "platform": "linux/amd64"])
        data.now = replayNow
        let crdCategories = categoriesFromCRDs()
        for key in typeOrder {
            let info = types[key]!
            let kind = info.kind.isEmpty ? key.plural.prefix(1).uppercased() + key.plural.dropFirst().dropLast() : info.kind
            let resource = APIResource(group: key.group, version: info.version, name: key.plural,
                singularName: kind.lowercased(), kind: kind, namespaced: info.namespaced,
                verbs: ["get", "list", "watch"],
                categories: (ReplayedCluster.allCategory.contains(key.plural) ? ["all"] : [])
                    + (crdCategories[key] ?? []).filter { $0 != "all" },
                shortNames: ReplayedCluster.shortNames[key.plural] ?? [])
            data.setTable(resource, objects: info.objects.values.map { $0 })
        }
        data.tables.sort { ($0.resource.group.isEmpty ? 0 : 1, $0.resource.group) < ($1.resource.group.isEmpty ? 0 : 1, $1.resource.group) }
        data.podLogs = podLogs
        data.journals = journals
        data.podContents = ReplayedPodContents.load(root: root, pods: data.table(group: "", name: "pods"))
        data.debugDocuments = ReplayedPodContents.debugDocuments(root: root)
        return data
    }

    /// The categories the tree's CRDs give their types (`olm` for OLM's), as discovery reports them.
    func categoriesFromCRDs() -> [TypeKey: [String]] {
        var categories: [TypeKey: [String]] = [:]
        for crd in types[TypeKey(group: "apiextensions.k8s.io", plural: "customresourcedefinitions")]?.objects.values
            ?? [:].values
        {
            guard let group = crd[path: "spec", "group"]?.stringValue,
                let plural = crd[path: "spec", "names", "plural"]?.stringValue,
                let names = crd[path: "spec", "names", "categories"]?.arrayValue
            else { continue }
            categories[TypeKey(group: group, plural: plural)] = names.compactMap(\.stringValue)
        }
        return categories
    }
}

/// Lines kept in memory with their times (replayed journals).
struct StoredLines: LogLines {
    let lines: [(Date, Substring)]
    var count: Int { lines.count }
    func line(at index: Int) -> (time: Date, text: Substring) { (lines[index].0, lines[index].1) }
}
