import GatherKit
import JSONCoding
import KubeClient
import Synchronization

/// One `oc adm inspect` run, in-process and parallel: resolves the arguments, walks the objects with oc's rules
/// (cluster operators bring the config lists and their related objects, namespaces bring their pods and a list per
/// type, webhooks and CRDs bring the namespaces of their services), writes oc's layout, and fetches container logs
/// last, so the cheap and valuable YAML is on disk before the bulky logs start.
///
/// Problems are reported to the context and the walk goes on; only a failed discovery stops it.
struct Inspector: Sendable {
    let session: InspectSession
    let context: CollectorContext
    let files: YAMLFiles
    let lists: ListPipeline
    let rootFiles: InspectRootFiles
    let logJobs = JobQueue<PodLogJob>()
    let rotatedLogJobs = JobQueue<RotatedLogJob>()

    init(session: InspectSession, context: CollectorContext) {
        self.session = session
        self.context = context
        files = YAMLFiles(output: context.output)
        lists = ListPipeline(session: session, context: context, files: files)
        rootFiles = InspectRootFiles(session: session, context: context, files: files)
    }

    var client: KubeClient { session.client }

    /// Inspects `arguments` in `namespace` (the session's default when nil) or across all namespaces, the lists
    /// narrowed by `selector` when one is given.
    func run(arguments: ResourceArguments, namespace: String?, allNamespaces: Bool, selector: String? = nil) async throws
    {
        let requests = arguments.requests
        try await rootFiles.appendTimestamp()
        let discovery = try await session.discovery()
        if session.once("discovery-failures") {
            for failure in discovery.failures {
                context.report(failure.groupVersion, "discovery failed, its resources are not gathered: \(failure.error)")
            }
        }
        await rootFiles.writeAggregatedDiscovery()
        var targets: [Target] = []
        for request in requests {
            let resources = Self.resources(request, in: discovery)
            guard !resources.isEmpty else {
                context.note("the server doesn't have a resource type \(request.type), skipping the inspection")
                continue
            }
            for resource in resources {
                let scope: String? = resource.namespaced
                    ? (allNamespaces ? nil : namespace ?? session.defaultNamespace) : nil
                targets.append(Target(resource: resource, name: request.name, namespace: scope, selector: selector))
            }
        }
        await targets.concurrentForEach(limit: session.options.namespaceConcurrency) { target in
            await inspect(target)
        }
        try Task.checkCancellation()
        await ContainerLogPhase(session: session, context: context)
            .run(logs: logJobs.takeAll(), rotated: rotatedLogJobs.takeAll())
        try await rootFiles.writeEventFilterPage()
        try await rootFiles.appendTimestamp()
    }

    /// A type, optionally one object of it, in one namespace or all (nil), its list narrowed by a label selector.
    struct Target: Sendable {
        var resource: APIResource
        var name: String?
        var namespace: String?
        var selector: String? = nil
    }

    /// The types a request names: one type as kubectl resolves it, else the listable types of a category (`olm`), or
    /// of an API group and its subgroups when written `*.GROUP`.
    static func resources(_ request: ResourceArguments.Request, in discovery: Discovery) -> [APIResource] {
        if request.type.hasPrefix("*."), request.name == nil {
            let group = String(request.type.dropFirst(2))
            return discovery.resources.filter {
                $0.isListable && ($0.group == group || $0.group.hasSuffix("." + group))
            }
        }
        if let resource = discovery.resources(named: request.type).first { return [resource] }
        guard request.name == nil else { return [] }
        return discovery.resources(inCategory: request.type.lowercased()).filter(\.isListable)
    }

    /// Gathers one target: the named object, or every object of the type one by one (oc's flattened list).
    func inspect(_ target: Target) async {
        let resource = target.resource
        let subject = target.name.map { "\(resource.qualifiedName)/\($0)" } ?? resource.qualifiedName
        do {
            if let name = target.name {
                if resource.group.isEmpty && resource.name == "namespaces" {
                    await inspectNamespace(name)
                    return
                }
                // Claimed before the GET, so an object that a list also brings (a CSV that a cluster operator names
                // and the OLM inspect lists) is asked for once.
                guard session.firstVisit(Self.objectKey(resource, namespace: target.namespace, name: name)) else {
                    return
                }
                let path = APIPath.object(group: resource.group, version: resource.version, resource: resource.name,
                    namespace: target.namespace, name: name)
                let object = try await client.getJSON(path)
                await handle(object, of: resource, claimed: true)
            } else {
                let listKey = "\(target.namespace ?? "*")/\(resource.group)/\(resource.name)/*flattened"
                    + (target.selector.map { "?\($0)" } ?? "")
                guard session.firstVisit(listKey) else { return }
                try await client.list(resource.collectionPath(namespace: target.namespace),
                    query: target.selector.map { [("labelSelector", $0)] } ?? []) { page in
                    await page.items.concurrentForEach(limit: session.options.namespaceConcurrency) { object in
                        await handle(object, of: resource)
                    }
                }
            }
        } catch let error as KubeError where error.kind == .notFound && target.name != nil {
            context.note("\(subject) not found, nothing to gather")
        } catch {
            context.report(subject, "skipping gathering \(subject) due to error: \(error)")
        }
    }

    /// Writes one object, after whatever its type brings along (``TraversalRules``); `claimed` when the caller already
    /// marked it visited.
    func handle(_ object: JSONValue, of resource: APIResource, claimed: Bool = false) async {
        let name = object[path: "metadata", "name"]?.stringValue ?? ""
        let namespace = object[path: "metadata", "namespace"]?.stringValue
        guard !name.isEmpty, claimed || session.firstVisit(Self.objectKey(resource, namespace: namespace, name: name))
        else { return }
        switch TraversalRules.byType[TraversalRules.TypeKey(resource.group, resource.name)] {
        case .namespaceSweep?:
            await sweepNamespace(name, object: object)
            return
        case .configLists?:
            await gatherConfigLists()
        case .serviceNamespaces(let under, let path)?:
            for namespace in TraversalRules.namespaces(in: object, under: under, path: path) {
                await inspectNamespace(namespace)
            }
        case .containerLogs?:
            if let namespace, let pod = Self.podNames(of: object, readsLogFolder: session.options.rotatedPodLogs) {
                queueLogs(of: pod, namespace: namespace)
            }
        case nil:
            break
        }
        await followRelatedObjects(of: object)
        await write(object, of: resource, namespace: namespace, name: name)
    }

    /// Writes one object to its file, with sensitive fields removed.
    func write(_ object: JSONValue, of resource: APIResource, namespace: String?, name: String) async {
        let components = InspectLayout.objectFile(resource, namespace: namespace, name: name)
        do {
            let bytes = try await files.writeObject(SensitiveData.elided(object, resource: resource), to: components)
            context.countFile(bytes: bytes)
        } catch {
            context.report(components.joined(separator: "/"), "\(error)")
        }
    }

    /// Follows `status.relatedObjects` (`group`, `resource`, `namespace`, `name`); an empty name means every object of
    /// the type, an empty namespace every namespace, as oc reads them.
    func followRelatedObjects(of object: JSONValue) async {
        guard let references = object[path: "status", "relatedObjects"]?.arrayValue, !references.isEmpty else { return }
        let discovery: Discovery
        do {
            discovery = try await session.discovery()
        } catch {
            return
        }
        var targets: [Target] = []
        for reference in references {
            let group = reference["group"]?.stringValue ?? ""
            let resourceName = reference["resource"]?.stringValue ?? ""
            let name = reference["name"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            let namespace = reference["namespace"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            // Operators write plurals, singulars or kinds (`IngressController`); oc's REST mapper takes them all.
            guard let resource = discovery.resources.first(where: { $0.group == group && $0.isNamed(resourceName) })
            else {
                let qualified = group.isEmpty ? resourceName : "\(resourceName).\(group)"
                if session.once("unserved/\(qualified)") {
                    context.note("the server doesn't have a resource type \(qualified), skipping the inspection")
                }
                continue
            }
            targets.append(Target(resource: resource, name: name, namespace: resource.namespaced ? namespace : nil))
        }
        await targets.concurrentForEach(limit: session.options.namespaceConcurrency) { target in
            await inspect(target)
        }
    }

    /// The visited-set key of one object: `<ns>/<group>/<resource>/<name>`.
    static func objectKey(_ resource: APIResource, namespace: String?, name: String) -> String {
        "\(namespace ?? "")/\(resource.group)/\(resource.name)/\(name)"
    }

    /// The names in `pod` that its logs need (its log folder's only with `readsLogFolder`).
    static func podNames(of pod: JSONValue, readsLogFolder: Bool) -> PodNames? {
        let bytes = JSONWriter.bytes(of: pod)
        return bytes.withUnsafeBufferPointer {
            try? PodNames(JSONScanner($0), item: 0..<$0.count, readsLogFolder: readsLogFolder)
        }
    }

    /// Queues the current and previous logs of every container and init container of `pod`, and their rotated logs
    /// when the options ask for them.
    func queueLogs(of pod: PodNames, namespace: String) {
        logJobs.add(pod.logJobs(namespace: namespace))
        if session.options.rotatedPodLogs { rotatedLogJobs.add(pod.rotatedLogJobs(namespace: namespace)) }
    }
}

/// Work an inspect found, done once the YAML is written (container logs).
final class JobQueue<Job: Sendable>: Sendable {
    private let jobs = Mutex<[Job]>([])

    func add(_ more: [Job]) { jobs.withLock { $0.append(contentsOf: more) } }

    func takeAll() -> [Job] { jobs.withLock { jobs in defer { jobs = [] }; return jobs } }
}
