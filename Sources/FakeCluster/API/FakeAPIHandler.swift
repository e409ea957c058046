import Foundation
import Hummingbird
import HTTPTypes
import JSONCoding
import KubeClient
import NIOCore

/// Answers Kubernetes API requests from a ``ClusterData``: discovery, lists, objects, pod logs and the node proxy.
struct FakeAPIHandler: Sendable {
    public let data: ClusterData
    let token: String
    let log: RequestLog
    let faults: FaultPlan
    /// Whom the client may impersonate.
    let impersonation: ImpersonationPolicy
    /// Served resources by group, in discovery order.
    let groups: [(name: String, version: String, resources: [APIResource])]

    /// Serves `data` to clients presenting `token`, misbehaving as `faults` say.
    init(data: ClusterData, token: String, log: RequestLog, faults: FaultPlan = FaultPlan(),
        impersonation: ImpersonationPolicy = ImpersonationPolicy())
    {
        self.data = data
        self.impersonation = impersonation
        self.token = token
        self.log = log
        self.faults = faults
        var groups: [(name: String, version: String, resources: [APIResource])] = []
        for table in data.tables {
            let resource = table.resource
            if let index = groups.firstIndex(where: { $0.name == resource.group }) {
                groups[index].resources.append(resource)
            } else {
                groups.append((resource.group, resource.version, [resource]))
            }
        }
        self.groups = groups
    }

    /// Handles one request, applying the fault plan and recording it in the request log.
    func handle(_ request: Request) async -> Response {
        let clock = ContinuousClock()
        let start = clock.now
        let target = request.uri.description
        let record: @Sendable (Int, Int) -> Void = { [log] bytes, status in
            log.record(.init(method: request.method.rawValue, target: target, status: status, bytes: bytes,
                duration: start.duration(to: clock.now)))
        }
        let applicable = faults.applicable(to: request.uri.path)
        if let early = await earlyFault(applicable, request: request) {
            record(early.body.contentLength ?? 0, Int(early.status.code))
            return early
        }
        var response = await respond(to: request, hostileListing: applicable.contains { $0.kind == .hostileListing },
            streamed: record)
        response = bodyFaults(applicable, on: response)
        if let length = response.body.contentLength {
            record(length, Int(response.status.code))
        }
        return response
    }

    /// The response; streamed bodies report their size through `streamed` when done.
    func respond(to request: Request, hostileListing: Bool = false, streamed: @escaping @Sendable (Int, Int) -> Void)
        async -> Response
    {
        guard request.headers[.authorization] == "Bearer \(token)" else {
            return APIResponses.status(401, "Unauthorized")
        }
        if let refusal = impersonation.refusal(of: request.headers) {
            return APIResponses.status(refusal.code, refusal.message)
        }
        guard request.method == .get else { return APIResponses.status(405, "method not allowed") }
        let segments = request.uri.path.split(separator: "/", omittingEmptySubsequences: true)
            .map { String($0).removingPercentEncoding ?? String($0) }
        let query = QueryParameters(rawQuery: request.uri.query)
        switch segments.first {
        case "version" where segments.count == 1:
            return APIResponses.json(data.version)
        case let check? where segments.count == 1 && ["readyz", "livez", "healthz"].contains(check):
            // What a kube-apiserver that is ready answers; clients probe it after an outage.
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "ok")))
        case "api":
            if segments.count == 1 { return coreVersions(request) }
            guard segments[1] == "v1" else { return APIResponses.status(404, "the server could not find the requested resource") }
            return resourceRequest(group: "", rest: Array(segments.dropFirst(2)), query: query, request: request,
                hostileListing: hostileListing, streamed: streamed)
        case "apis":
            if segments.count == 1 { return groupList(request) }
            guard segments.count >= 3 else { return APIResponses.status(404, "the server could not find the requested resource") }
            guard let served = groups.first(where: { $0.name == segments[1] && $0.version == segments[2] }) else {
                return APIResponses.status(404, "the server could not find the requested resource")
            }
            return resourceRequest(group: served.name, rest: Array(segments.dropFirst(3)), query: query,
                request: request, hostileListing: hostileListing, streamed: streamed)
        case "debug":
            guard let document = data.debugDocuments[request.uri.path] else {
                return APIResponses.status(404, "the server could not find the requested resource")
            }
            return APIResponses.json(document, contentType: "text/plain; charset=utf-8")
        default:
            return APIResponses.status(404, "the server could not find the requested resource")
        }
    }

    // MARK: Discovery

    func coreVersions(_ request: Request) -> Response {
        if Self.asksForAggregatedDiscovery(request) {
            return APIResponses.json(JSONWriter.bytes(of: aggregatedDiscovery(core: true)),
                contentType: Self.aggregatedContentType)
        }
        return APIResponses.json(["kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"]]])
    }

    static let aggregatedContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"

    /// Whether the client asks for aggregated discovery v2 (kubectl 1.30+ and oc adm inspect do, first).
    static func asksForAggregatedDiscovery(_ request: Request) -> Bool {
        let accept = request.headers[.accept] ?? ""
        return accept.contains("as=APIGroupDiscoveryList") && accept.contains("v=v2;")
            || accept.hasPrefix(aggregatedContentType)
    }

    func groupList(_ request: Request) -> Response {
        if Self.asksForAggregatedDiscovery(request) {
            return APIResponses.json(JSONWriter.bytes(of: aggregatedDiscovery(core: false)),
                contentType: Self.aggregatedContentType)
        }
        let list: [JSONValue] = groups.filter { !$0.name.isEmpty }.map { group in
            let groupVersion: JSONValue = ["groupVersion": .string("\(group.name)/\(group.version)"), "version": .string(group.version)]
            return ["name": .string(group.name), "versions": [groupVersion], "preferredVersion": groupVersion]
        }
        return APIResponses.json(["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(list)])
    }

    /// The aggregated discovery of the core group (`/api`) or of the named groups (`/apis`).
    func aggregatedDiscovery(core: Bool) -> JSONValue {
        let items: [JSONValue] = groups.filter { $0.name.isEmpty == core }.map { group in
            ["metadata": group.name.isEmpty ? [:] : ["name": .string(group.name)],
                "versions": [["version": .string(group.version), "freshness": "Current",
                    "resources": .array(group.resources.map { resource in
                        ["resource": .string(resource.name), "singularResource": .string(resource.singularName),
                            "scope": resource.namespaced ? "Namespaced" : "Cluster",
                            "responseKind": ["group": .string(resource.group), "version": .string(resource.version),
                                "kind": .string(resource.kind)],
                            "verbs": .array(resource.verbs.map { .string($0) }),
                            "categories": .array(resource.categories.map { .string($0) }),
                            "shortNames": .array(resource.shortNames.map { .string($0) })]
                    })]]]
        }
        return ["kind": "APIGroupDiscoveryList", "apiVersion": "apidiscovery.k8s.io/v2", "metadata": [:],
            "items": .array(items)]
    }

    func resourceList(group: String) -> Response {
        guard let served = groups.first(where: { $0.name == group }) else {
            return APIResponses.status(404, "the server could not find the requested resource")
        }
        var entries: [JSONValue] = []
        for resource in served.resources {
            entries.append(["name": .string(resource.name), "singularName": .string(resource.singularName),
                "namespaced": .bool(resource.namespaced), "kind": .string(resource.kind),
                "verbs": .array(resource.verbs.map { .string($0) }),
                "categories": .array(resource.categories.map { .string($0) }),
                "shortNames": .array(resource.shortNames.map { .string($0) })])
            if group.isEmpty && resource.name == "pods" {
                entries.append(["name": "pods/log", "singularName": "", "namespaced": true, "kind": "Pod", "verbs": ["get"]])
            }
            if group.isEmpty && resource.name == "nodes" {
                entries.append(["name": "nodes/proxy", "singularName": "", "namespaced": false, "kind": "NodeProxyOptions",
                    "verbs": ["get"]])
            }
        }
        let groupVersion = group.isEmpty ? "v1" : "\(group)/\(served.version)"
        return APIResponses.json(["kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(groupVersion),
            "resources": .array(entries)])
    }

    // MARK: Resources

    func resourceRequest(group: String, rest: [String], query: QueryParameters, request: Request,
        hostileListing: Bool, streamed: @escaping @Sendable (Int, Int) -> Void) -> Response
    {
        if rest.isEmpty { return resourceList(group: group) }
        var namespace: String?
        var remainder = rest[...]
        if remainder.count >= 3, remainder.first == "namespaces" {
            namespace = remainder[remainder.startIndex + 1]
            remainder = remainder.dropFirst(2)
        }
        let plural = remainder.first!
        guard let table = data.table(group: group, name: plural) else {
            return APIResponses.status(404, "the server could not find the requested resource")
        }
        if !table.resource.namespaced && namespace != nil {
            return APIResponses.status(404, "the server could not find the requested resource")
        }
        let name = remainder.dropFirst().first
        let subresource = remainder.dropFirst(2).first
        guard let name else { return list(table, namespace: namespace, query: query) }
        guard let object = table.object(named: name, in: table.resource.namespaced ? namespace : nil) else {
            return APIResponses.notFound(table.resource.qualifiedName, name)
        }
        switch (group, plural, subresource) {
        case (_, _, nil):
            return APIResponses.json(object.json)
        case ("", "pods", "log"):
            return podLog(pod: object, query: query, streamed: streamed)
        case ("", "pods", "exec"):
            return execWithoutUpgrade(request)
        case ("", "nodes", "proxy"):
            let path = Array(remainder.dropFirst(3))
            return nodeProxy(node: name, path: path, trailingSlash: request.uri.path.hasSuffix("/"), query: query,
                request: request, hostileListing: hostileListing, streamed: streamed)
        default:
            return APIResponses.status(404, "the server could not find the requested resource")
        }
    }

    func list(_ table: ResourceTable, namespace: String?, query: QueryParameters) -> Response {
        guard let selector = LabelSelector(parsing: query["labelSelector"] ?? "") else {
            return APIResponses.status(400, "unable to parse requirement: invalid label selector")
        }
        let matching = table.objects(in: namespace, matching: selector)
        let offset = query["continue"].flatMap { Int($0) } ?? 0
        guard offset >= 0, offset <= matching.count else {
            return APIResponses.status(400, "continue key is not valid")
        }
        let limit = query["limit"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil } ?? matching.count
        let end = min(offset + limit, matching.count)
        let resource = table.resource
        var body: [UInt8] = []
        body.reserveCapacity(256 + matching[offset..<end].reduce(0) { $0 + $1.json.count + 1 })
        body.append(contentsOf: #"{"apiVersion":"#.utf8)
        JSONWriter.appendString(resource.groupVersion, to: &body)
        body.append(contentsOf: #","kind":"#.utf8)
        JSONWriter.appendString(resource.kind + "List", to: &body)
        body.append(contentsOf: #","metadata":{"resourceVersion":"1000""#.utf8)
        if end < matching.count {
            body.append(contentsOf: #","continue":"\#(end)""#.utf8)
            // As the API server does, the count of what is left only when no selector could make it wrong.
            if (query["labelSelector"] ?? "").isEmpty {
                body.append(contentsOf: #","remainingItemCount":\#(matching.count - end)"#.utf8)
            }
        }
        body.append(contentsOf: #"},"items":["#.utf8)
        for (position, object) in matching[offset..<end].enumerated() {
            if position > 0 { body.append(UInt8(ascii: ",")) }
            body.append(contentsOf: object.json)
        }
        body.append(contentsOf: "]}".utf8)
        return APIResponses.json(body)
    }
}

/// Query parameters by name (the first value wins), parsed from the raw query once, as Go's `url.ParseQuery` does:
/// `+` is a space, then each name and value is percent-decoded a single time.
struct QueryParameters: Sendable {
    private let values: [String: String]

    init(rawQuery: String?) {
        var values: [String: String] = [:]
        for pair in (rawQuery ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = Self.decode(parts[0])
            if values[key] == nil { values[key] = parts.count > 1 ? Self.decode(parts[1]) : "" }
        }
        self.values = values
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    subscript(name: String) -> String? { values[name] }

    func flag(_ name: String) -> Bool { values[name] == "true" || values[name] == "1" }
}
