import GatherKit
import JSONCoding
import KubeClient

extension Inspector {
    /// The types oc lists in every namespace besides the `all` category, in its order.
    static let namespaceSweepTypes = [
        "configmaps", "egressfirewalls", "egressqoses", "events", "endpoints", "endpointslices", "networkpolicies",
        "persistentvolumeclaims", "poddisruptionbudgets", "secrets", "servicemonitors", "userdefinednetworks",
        "ingresses.networking.k8s.io",
    ]

    /// Inspects the namespace `name`: GETs it, then sweeps it. Once per run.
    func inspectNamespace(_ name: String) async {
        let namespaces = APIResource(group: "", version: "v1", name: "namespaces", kind: "Namespace", namespaced: false)
        guard session.firstVisit(Self.objectKey(namespaces, namespace: nil, name: name)) else { return }
        do {
            let object = try await client.getJSON(APIPath.object(group: "", version: "v1", resource: "namespaces",
                name: name))
            await sweepNamespace(name, object: object)
        } catch let error as KubeError where error.kind == .notFound {
            context.note("namespace \(name) not found, nothing to gather")
        } catch {
            context.report("namespace/\(name)", "skipping gathering namespaces/\(name) due to error: \(error)")
        }
    }

    /// Writes `namespaces/<ns>/<ns>.yaml`, then one list file per type of the `all` category and oc's extra types,
    /// pods first: the pod list also writes each pod's own file and queues its containers' logs.
    func sweepNamespace(_ name: String, object: JSONValue) async {
        context.say("gathering data for ns/\(name)")
        let namespaces = APIResource(group: "", version: "v1", name: "namespaces", kind: "Namespace", namespaced: false)
        await write(object, of: namespaces, namespace: nil, name: name)
        let discovery: Discovery
        do {
            discovery = try await session.discovery()
        } catch {
            context.report("namespace/\(name)", "\(error)")
            return
        }
        var types = discovery.resources(inCategory: "all").filter { $0.namespaced && $0.isListable }
        for word in Self.namespaceSweepTypes {
            guard let resource = discovery.resources(named: word).first(where: { $0.namespaced && $0.isListable }) else {
                if session.once("unserved/\(word)") {
                    context.note("the server doesn't have a resource type \(word), skipping the inspection")
                }
                continue
            }
            types.append(resource)
        }
        var seen = Set<String>()
        types = types.filter { seen.insert($0.qualifiedName).inserted }
        types.sort { ($0.group.isEmpty && $0.name == "pods" ? 0 : 1) < ($1.group.isEmpty && $1.name == "pods" ? 0 : 1) }
        await types.concurrentForEach(limit: session.options.listStreams) { resource in
            await streamList(resource, namespace: name)
        }
    }

    /// Writes the list of `resource` in `namespace` to its list file; pods also get their own files and log jobs,
    /// events go to the event page.
    func streamList(_ resource: APIResource, namespace: String?) async {
        guard session.firstVisit("\(namespace ?? "")/\(resource.group)/\(resource.name)/*") else { return }
        let isPods = resource.group.isEmpty && resource.name == "pods"
        let isEvents = resource.group.isEmpty && resource.name == "events"
        await lists.stream(resource, namespace: namespace, to: InspectLayout.listFile(resource, namespace: namespace)) {
            page in
            if isEvents { session.events.add(try page.values()) }
            if isPods, let namespace { try await writePods(of: page, in: namespace, resource: resource) }
        }
    }

    /// Writes each pod of `page` to its own file, straight from the bytes, and queues its containers' logs.
    func writePods(of page: KubeClient.RawListPage, in namespace: String, resource: APIResource) async throws {
        let pods = try page.bytes.withUnsafeBufferPointer { buffer in
            try page.items.indices.compactMap { index in
                try PodNames(JSONScanner(buffer), item: page.items[index], readsLogFolder: session.options.rotatedPodLogs)
            }
        }
        var files: [(item: Int, components: [String])] = []
        for (index, pod) in pods.enumerated()
        where session.firstVisit(Self.objectKey(resource, namespace: namespace, name: pod.name)) {
            queueLogs(of: pod, namespace: namespace)
            files.append((index, InspectLayout.objectFile(resource, namespace: namespace, name: pod.name)))
        }
        for (file, outcome) in zip(files, try await self.files.writeObjects(of: page, to: files)) {
            switch outcome {
            case .success(let bytes): context.countFile(bytes: bytes)
            case .failure(let error): context.report(file.components.joined(separator: "/"), "\(error)")
            }
        }
    }

    /// Every list of the groups ending in `config.openshift.io` (and `kubeapiserver.operator.openshift.io`, written
    /// under `operator.openshift.io`), once per run: what oc gathers for the first cluster operator.
    func gatherConfigLists() async {
        guard session.once("config-lists"), let discovery = try? await session.discovery() else { return }
        var configLists: [(APIResource, [String])] = []
        for resource in discovery.resources where resource.isListable && !resource.namespaced {
            if resource.group.hasSuffix("config.openshift.io") {
                configLists.append((resource, ["cluster-scoped-resources", "config.openshift.io", resource.name + ".yaml"]))
            } else if resource.group.hasSuffix("kubeapiserver.operator.openshift.io") {
                configLists.append((resource, ["cluster-scoped-resources", "operator.openshift.io", resource.name + ".yaml"]))
            }
        }
        await configLists.concurrentForEach(limit: session.options.listStreams) { resource, components in
            guard session.firstVisit("/\(resource.group)/\(resource.name)/*") else { return }
            await lists.stream(resource, namespace: nil, to: components)
        }
    }
}
