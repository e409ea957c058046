@testable import Compression
@testable import FakeCluster
import Foundation
import JSONCoding
@testable import KubeClient
import TestSupport
import Testing

/// The fake cluster through our own client: paging, selectors, errors, discovery, logs and the node proxy.
@Suite(.serialized)
struct FakeAPIServerTests {
    func withClient(_ spec: SyntheticSpec = .demo, _ body: (FakeAPIServer, KubeClient) async throws -> Void) async throws {
        try await FakeAPIServer.withClient(data: SyntheticCluster.build(spec), body)
    }

    @Test func theSameSeedGivesTheSameCluster() {
        let first = SyntheticCluster.build(.demo)
        let second = SyntheticCluster.build(.demo)
        #expect(first.tables.map { $0.objects.map(\.json) } == second.tables.map { $0.objects.map(\.json) })
        var other = SyntheticSpec.demo
        other.seed = 2
        #expect(SyntheticCluster.build(other).table(group: "", name: "pods")!.objects.map(\.name)
            != first.table(group: "", name: "pods")!.objects.map(\.name))
    }

    /// The large objects the spec asks for come last in `default`, and leave every other object as it was.
    @Test func largeObjectsAreAddedWithoutChangingTheRest() {
        var spec = SyntheticSpec.demo
        spec.largeObjectBytes = 10_000
        spec.largeObjectCount = 3
        let data = SyntheticCluster.build(spec)
        let large = data.table(group: "", name: "configmaps")!.objects.filter { $0.name.hasPrefix("large-config") }
        #expect(large.map(\.name) == ["large-config", "large-config-1", "large-config-2"])
        #expect(large.allSatisfy { $0.namespace == "default" && ($0.value[path: "data", "blob.txt"]?.stringValue?.utf8.count ?? 0) >= 10_000 })
        let plain = SyntheticCluster.build(.demo)
        #expect(data.table(group: "", name: "pods")!.objects.map(\.json) == plain.table(group: "", name: "pods")!.objects.map(\.json))
    }

    @Test func everySecretCarriesACanary() {
        let data = SyntheticCluster.build(.demo)
        let secrets = data.table(group: "", name: "secrets")!.objects
        #expect(!secrets.isEmpty)
        for secret in secrets {
            let encoded = secret.value[path: "data", "password"]?.stringValue ?? ""
            let decoded = String(decoding: Data(base64Encoded: encoded) ?? Data(), as: UTF8.self)
            #expect(data.canaries.contains(decoded))
        }
    }

    @Test func pagesAndSelectsLikeAnAPIServer() async throws {
        try await withClient { server, client in
            let all = try await client.listAll("/api/v1/pods")
            var pages = 0
            var paged: [JSONValue] = []
            try await client.list("/api/v1/pods", pageSize: 7) { page in
                pages += 1
                paged.append(contentsOf: page.items)
            }
            #expect(paged == all)
            #expect(pages == (all.count + 6) / 7)
            let masters = try await client.listAll("/api/v1/nodes", query: [("labelSelector", "node-role.kubernetes.io/master")])
            #expect(masters.count == SyntheticSpec.demo.masters)
            let workers = try await client.listAll("/api/v1/nodes", query: [("labelSelector", "!node-role.kubernetes.io/master")])
            #expect(workers.count == SyntheticSpec.demo.nodes - SyntheticSpec.demo.masters)
            let inNamespace = try await client.listAll("/api/v1/namespaces/default/pods")
            #expect(inNamespace.count == SyntheticSpec.demo.podsPerNamespace)
        }
    }

    @Test func answersStatusErrors() async throws {
        try await withClient { server, client in
            await #expect {
                try await client.getJSON("/api/v1/namespaces/default/pods/nope")
            } throws: { error in
                (error as? KubeError)?.kind == .notFound && (error as? KubeError)?.message == "pods \"nope\" not found"
            }
            var unauthorized = try server.connection()
            unauthorized.credentials = .bearerToken(Secret("wrong"))
            let stranger = try KubeClient(connection: unauthorized)
            await #expect {
                try await stranger.serverVersion()
            } throws: { error in
                (error as? KubeError)?.kind == .unauthorized
            }
            try await stranger.shutdown()
        }
    }

    @Test func discoveryServesCategoriesAndAggregatedDiscovery() async throws {
        try await withClient { server, client in
            let discovery = try await client.discover()
            #expect(discovery.failures.isEmpty)
            let all = Set(discovery.resources(inCategory: "all").map(\.qualifiedName))
            #expect(all.isSuperset(of: ["pods", "services", "deployments.apps", "routes.route.openshift.io"]))
            #expect(discovery.resources(named: "co").first?.group == "config.openshift.io")
            let aggregated = try await client.get(KubeClient.Request(path: "/apis",
                accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"))
            #expect(aggregated.contentType?.contains("as=APIGroupDiscoveryList") == true)
            let document = try JSONParser.parse(aggregated.bytes)
            #expect(document["kind"]?.stringValue == "APIGroupDiscoveryList")
        }
    }

    @Test func podLogsHonourTheirParameters() async throws {
        try await withClient { server, client in
            let key = server.data.podLogs.keys.first { !$0.previous && $0.container == "main" }!
            let path = "/api/v1/namespaces/\(key.namespace)/pods/\(key.pod)/log"
            let lines = server.data.podLogs[key]!
            let whole = try await client.get(KubeClient.Request(path: path, query: [("container", "main")]))
            #expect(String(decoding: whole.bytes, as: UTF8.self).split(separator: "\n").count == lines.count)
            let limited = try await client.get(KubeClient.Request(path: path, query: [("container", "main"), ("limitBytes", "100")]))
            #expect(limited.bytes.count == 100)
            let cutoff = lines.line(at: lines.count - 5).time
            let since = try await client.get(KubeClient.Request(path: path,
                query: [("container", "main"), ("sinceTime", RFC3339.format(cutoff)), ("timestamps", "true")]))
            let sinceLines = String(decoding: since.bytes, as: UTF8.self).split(separator: "\n")
            #expect(sinceLines.count == 5)
            #expect(sinceLines.first?.hasPrefix(RFC3339.format(cutoff)) == true)
            await #expect {
                try await client.get(KubeClient.Request(path: path, query: [("container", "main"), ("previous", "true")]))
            } throws: { error in
                let kubeError = error as? KubeError
                return kubeError?.statusCode == 400 && kubeError?.message.contains("previous terminated container") == true
            }
        }
    }

    @Test func nodeProxyGzipsJournalsWhenAskedAndListsDirectoriesAsGoDoes() async throws {
        try await withClient { server, client in
            var compressed: [UInt8] = []
            let result = try await client.stream(KubeClient.Request(path: "/api/v1/nodes/master-1/proxy/logs/journal",
                query: [("unit", "crio"), ("query", "crio"), ("since", "-7d")], headers: [("Accept-Encoding", "gzip")])) {
                compressed.append(contentsOf: $0.readableBytesView)
            }
            #expect(result.contentEncoding == "gzip")
            var plain: [UInt8] = []
            try GzipDecompressor().decompress(compressed) { plain.append(contentsOf: $0) }
            let expected = server.data.journals[.init(node: "master-1", unit: "crio")]!
            #expect(String(decoding: plain, as: UTF8.self).split(separator: "\n").count == expected.count)

            let listing = try await client.get(KubeClient.Request(path: "/api/v1/nodes/master-0/proxy/logs/kube-apiserver/"))
            let html = String(decoding: listing.bytes, as: UTF8.self)
            #expect(html.hasPrefix("<!doctype html>\n<meta name=\"viewport\" content=\"width=device-width\">\n<pre>\n"))
            #expect(html.hasSuffix("</pre>\n"))
            await #expect {
                try await client.get(KubeClient.Request(path: "/api/v1/nodes/master-0/proxy/logs/kube-apiserver"))
            } throws: { error in
                (error as? KubeError)?.statusCode == 301
            }
        }
    }

    @Test func recordsEveryRequest() async throws {
        try await withClient { server, client in
            _ = try await client.serverVersion()
            _ = try await client.listAll("/api/v1/nodes")
            let targets = server.requestLog.all.map(\.target)
            #expect(targets.contains("/version"))
            #expect(targets.contains { $0.hasPrefix("/api/v1/nodes?") })
            #expect(server.requestLog.all.allSatisfy { $0.status == 200 && $0.bytes > 0 })
        }
    }
}

/// Query values reach the handler decoded exactly once, whether the client wrote spaces as `+` (kubectl) or `%20`.
@Suite(.serialized)
struct QueryDecodingTests {
    @Test func labelSelectorsAreDecodedOnce() async throws {
        let server = try await FakeAPIServer.start(data: SyntheticCluster.build(.demo))
        let client = try KubeClient(connection: server.connection())
        // Our client writes %20 and %2C; a plus sign inside a value must stay a plus.
        let masters = try await client.listAll("/api/v1/nodes",
            query: [("labelSelector", "kubernetes.io/hostname in (master-0,master-1)")])
        #expect(masters.count == 2)
        let none = try await client.listAll("/api/v1/nodes", query: [("labelSelector", "kubernetes.io/hostname=master+0")])
        #expect(none.isEmpty)
        // A literal `%2D` decoded twice would become `-` and match master-0.
        let literal = try await client.listAll("/api/v1/nodes", query: [("labelSelector", "kubernetes.io/hostname=master%2D0")])
        #expect(literal.isEmpty)
        // kubectl's form, sent raw: spaces as `+`, the rest percent-encoded.
        let raw = try await client.getJSON("/api/v1/nodes?labelSelector=kubernetes.io%2Fhostname+in+%28master-0%2Cmaster-2%29")
        #expect(raw["items"]?.arrayValue?.count == 2)
        try await client.shutdown()
        await server.stop()
    }
}
