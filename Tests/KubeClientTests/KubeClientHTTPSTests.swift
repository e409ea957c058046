@testable import FakeCluster
import Foundation
import HTTPTypes
import Hummingbird
import JSONCoding
import NIOCore
import NIOPosix
import Synchronization
import TestSupport
import Testing

@testable import KubeClient

/// The client against a real HTTPS server on loopback, with a CA made for the test.
@Suite(.serialized)
struct KubeClientHTTPSTests {
    static let okHandler: HTTPSServer.Handler = { request, _ in
        guard Reply.isAuthorized(request) else { return Reply.status(401, reason: "Unauthorized", message: "Unauthorized") }
        return Reply.json(#"{"major":"1","minor":"30","gitVersion":"v1.30.0"}"#)
    }

    @Test func verifiesTheServerAgainstTheConfiguredCA() async throws {
        let cluster = try await TestCluster.start(handler: Self.okHandler)
        let version = try await cluster.withClient { try await $0.serverVersion() }
        #expect(version["gitVersion"]?.stringValue == "v1.30.0")
    }

    @Test func aServerSignedByAnotherCAFailsClosedWithoutRetry() async throws {
        let cluster = try await TestCluster.start(handler: Self.okHandler)
        let otherCA = try ClusterPKI()
        var connection = try cluster.connection()
        connection.trust = .certificateAuthority(pem: Array(otherCA.caCertificatePEM.utf8))
        // The default connect time-out: the failed handshake is reported at once, not retried until it passes.
        let client = try KubeClient(connection: connection)
        await #expect {
            try await client.serverVersion()
        } throws: { error in
            guard let kubeError = error as? KubeError else { return false }
            return kubeError.kind == .tlsVerification && kubeError.attempts == 1
                && kubeError.description.contains("does not verify against the configured CA")
        }
        #expect(client.requestsSent == 1)
        try await client.shutdown()
        await cluster.server.stop()
    }

    @Test func aServerThatDropsEveryConnectionIsTriedOncePerAttempt() async throws {
        // A listener that closes each connection as it comes: no handshake ever completes.
        let accepted = CallCounter()
        let listener = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in
                accepted.next()
                return channel.close()
            }
            .bind(host: "127.0.0.1", port: 0).get()
        let cluster = try await TestCluster.start(handler: Self.okHandler)
        var connection = try cluster.connection()
        connection.server = try ServerAddress(parsing: "https://127.0.0.1:\(listener.localAddress!.port!)")
        let options = KubeClientOptions(retry: RetryPolicy(maximumAttempts: 3, initialBackoff: .milliseconds(1)))
        let client = try KubeClient(connection: connection, options: options)
        await #expect {
            try await client.serverVersion()
        } throws: { error in
            (error as? KubeError)?.kind == .transport && (error as? KubeError)?.attempts == 3
        }
        // One connection per attempt of the client's own retry policy: the pool does not retry underneath it, so a
        // server that is down is reported after the policy's attempts, not after each attempt's connect time-out.
        #expect(accepted.value == 3)
        try await client.shutdown()
        try await listener.close()
        await cluster.server.stop()
    }

    /// A server that is down is named, with the system's words for why.
    @Test func aRefusedConnectionNamesTheServerAndTheReason() async throws {
        let closed = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).get()
        let port = closed.localAddress!.port!
        try await closed.close()
        let cluster = try await TestCluster.start(handler: Self.okHandler)
        var connection = try cluster.connection()
        connection.server = try ServerAddress(parsing: "https://127.0.0.1:\(port)")
        let client = try KubeClient(connection: connection, options: KubeClientOptions(retry: RetryPolicy(maximumAttempts: 1)))
        await #expect {
            try await client.serverVersion()
        } throws: { error in
            "\(error)" == "transport for /version: https://127.0.0.1:\(port): Connection refused"
        }
        try await client.shutdown()
        await cluster.server.stop()
    }

    @Test func aWrongTokenIsUnauthorizedAndTheTokenIsNeverInTheError() async throws {
        let cluster = try await TestCluster.start(handler: Self.okHandler)
        let wrong = "wrong-token-value-xyz"
        await #expect {
            try await cluster.withClient(credentials: .bearerToken(Secret(wrong))) { try await $0.serverVersion() }
        } throws: { error in
            let text = "\(error) \(String(reflecting: error))"
            return (error as? KubeError)?.kind == .unauthorized && !text.contains(wrong)
                && !text.contains(TestCluster.token)
        }
    }

    @Test func rereadsARotatedTokenFile() async throws {
        let directory = try TemporaryDirectory()
        let tokenPath = try directory.write("token", "first-token\n")
        let accepted = Mutex("first-token")
        let presented = Mutex<[String]>([])
        let cluster = try await TestCluster.start { request, _ in
            let token = accepted.withLock { $0 }
            presented.withLock { $0.append(request.headers[.authorization] ?? "none") }
            guard Reply.isAuthorized(request, token: token) else {
                return Reply.status(401, reason: "Unauthorized", message: "Unauthorized")
            }
            return Reply.json(#"{"gitVersion":"v1"}"#)
        }
        let versions = try await cluster.withClient(credentials: .bearerTokenFile(path: tokenPath)) { client in
            let first = try await client.serverVersion()
            accepted.withLock { $0 = "second-token-longer" }
            try directory.write("token", "second-token-longer\n")
            return [first, try await client.serverVersion()]
        }
        #expect(versions.map { $0["gitVersion"]?.stringValue } == ["v1", "v1"])
        // Each request carried the token the file held when it was sent: none was refused and retried.
        #expect(presented.withLock { $0 } == ["Bearer first-token", "Bearer second-token-longer"])
    }

    @Test func authenticatesWithAClientCertificate() async throws {
        let cluster = try await TestCluster.start(clientCertificates: .required) { _, _ in
            Reply.json(#"{"gitVersion":"mtls"}"#)
        }
        let credentials = Credentials.clientCertificate(
            certificatePEM: Array(cluster.pki.clientCertificatePEM.utf8), keyPEM: Secret(cluster.pki.clientKeyPEM))
        let version = try await cluster.withClient(credentials: credentials) { try await $0.serverVersion() }
        #expect(version["gitVersion"]?.stringValue == "mtls")
    }

    @Test func withoutTheClientCertificateTheHandshakeFails() async throws {
        let cluster = try await TestCluster.start(clientCertificates: .required) { _, _ in Reply.json("{}") }
        let options = KubeClientOptions(retry: .none)
        await #expect(throws: KubeError.self) {
            try await cluster.withClient(options, credentials: .none) { try await $0.serverVersion() }
        }
    }

    @Test func pagesThroughALongListAndSeesEveryItemOnce() async throws {
        let total = 1234
        let cluster = try await TestCluster.start { request, _ in
            let parameters = request.uri.queryParameters
            let limit = Int(parameters["limit"].map(String.init) ?? "") ?? total
            let start = Int(parameters["continue"].map(String.init) ?? "") ?? 0
            let end = min(start + limit, total)
            let items = (start..<end).map { #"{"metadata":{"name":"pod-\#($0)"}}"# }.joined(separator: ",")
            let next = end < total ? #","continue":"\#(end)""# : ""
            return Reply.json(#"{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"7"\#(next)},"items":[\#(items)]}"#)
        }
        let (summary, names) = try await cluster.withClient { client in
            var names: [String] = []
            let summary = try await client.list("/api/v1/pods", pageSize: 100) { page in
                #expect(page.kind == "PodList")
                names.append(contentsOf: page.items.compactMap { $0[path: "metadata", "name"]?.stringValue })
            }
            return (summary, names)
        }
        #expect(summary.pages == 13)
        #expect(names.count == total)
        #expect(Set(names).count == total)
    }

    /// Pages are bounded in bytes: a page over the largest is asked again with an eighth of the limit, and each next
    /// page's limit is sized from the last page's bytes per item. One object over the largest page fails the list.
    @Test func pagesOfLargeObjectsAreBoundedInBytes() async throws {
        let total = 60
        let padding = String(repeating: "x", count: 100_000)
        let hugePadding = String(repeating: "x", count: 4_000_000)
        let limits = Mutex<[Int]>([])
        let cluster = try await TestCluster.start { request, _ in
            let parameters = request.uri.queryParameters
            let limit = Int(parameters["limit"].map(String.init) ?? "") ?? total
            limits.withLock { $0.append(limit) }
            let start = Int(parameters["continue"].map(String.init) ?? "") ?? 0
            let end = min(start + limit, total)
            let size = parameters["huge"] == nil ? padding : hugePadding
            let items = (start..<end).map { #"{"metadata":{"name":"secret-\#($0)"},"data":{"blob":"\#(size)"}}"# }
            let next = end < total ? #","continue":"\#(end)""# : ""
            return Reply.json(#"{"kind":"SecretList","apiVersion":"v1","metadata":{"resourceVersion":"7"\#(next)},"items":[\#(items.joined(separator: ","))]}"#)
        }
        let options = KubeClientOptions(retry: RetryPolicy(initialBackoff: .milliseconds(5)),
            listPageTargetBytes: 1024 * 1024, maximumListPageBytes: 3 * 1024 * 1024)
        let (summary, names, largest, huge) = try await cluster.withClient(options) { client in
            var names: [String] = []
            var largest = 0
            let summary = try await client.listRaw("/api/v1/secrets") { page in
                largest = max(largest, page.bytes.count)
                names += try page.values().compactMap { $0[path: "metadata", "name"]?.stringValue }
            }
            var huge: KubeError.Kind?
            do {
                try await client.listRaw("/api/v1/secrets", query: [("huge", "1")]) { _ in }
            } catch let error as KubeError {
                huge = error.kind
            }
            return (summary, names, largest, huge)
        }
        #expect(names == (0..<total).map { "secret-\($0)" })
        #expect(limits.withLock { Array($0.prefix(4)) } == [500, 62, 7, 10], "shrunk twice, then sized to about 1 MiB")
        #expect(summary.shrinks == 2 && largest < 3 * 1024 * 1024)
        #expect(huge == .bodyTooLarge)
        #expect(limits.withLock { Array($0.suffix(4)) } == [500, 62, 7, 1], "down to one object, then given up")
    }

    @Test func restartsAListWhoseContinueTokenExpired() async throws {
        let expiredOnce = Mutex(false)
        let cluster = try await TestCluster.start { request, _ in
            let token = request.uri.queryParameters["continue"].map(String.init)
            if token == "page2" {
                let first = expiredOnce.withLock { state -> Bool in
                    defer { state = true }
                    return !state
                }
                if first {
                    return Reply.status(410, reason: "Expired", message: "The provided continue parameter is too old")
                }
                return Reply.json(#"{"kind":"PodList","metadata":{},"items":[{"n":2}]}"#)
            }
            return Reply.json(#"{"kind":"PodList","metadata":{"continue":"page2"},"items":[{"n":1}]}"#)
        }
        let (summary, items, restarts) = try await cluster.withClient { client in
            var items: [JSONValue] = []
            var restarts = 0
            let summary = try await client.list(
                "/api/v1/pods",
                onRestart: {
                    restarts += 1
                    items.removeAll()
                },
                onPage: { items.append(contentsOf: $0.items) })
            return (summary, items, restarts)
        }
        #expect(summary.restarts == 1 && restarts == 1)
        #expect(items == [.object(["n": .number("1")]), .object(["n": .number("2")])])
    }

    @Test func retriesTooManyRequestsHonouringRetryAfter() async throws {
        let calls = CallCounter()
        let cluster = try await TestCluster.start { _, _ in
            if calls.next() <= 2 {
                return Reply.status(429, reason: "TooManyRequests", message: "slow down", headers: [.retryAfter: "1"])
            }
            return Reply.json(#"{"gitVersion":"ok"}"#)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let version = try await cluster.withClient { try await $0.serverVersion() }
        let elapsed = start.duration(to: clock.now)
        #expect(version["gitVersion"]?.stringValue == "ok")
        #expect(calls.value == 3)
        // Two Retry-After waits of one second each: the client did not retry early.
        #expect(elapsed >= .milliseconds(1900))
    }

    @Test func givesUpOnPersistentServerErrorsWithTheStatusMessage() async throws {
        let calls = CallCounter()
        let cluster = try await TestCluster.start { _, _ in
            calls.next()
            return Reply.status(503, reason: "ServiceUnavailable", message: "etcd is sad")
        }
        let options = KubeClientOptions(retry: RetryPolicy(maximumAttempts: 3, initialBackoff: .milliseconds(1)))
        await #expect {
            try await cluster.withClient(options) { try await $0.serverVersion() }
        } throws: { error in
            guard let kubeError = error as? KubeError else { return false }
            return kubeError.kind == .serverError && kubeError.statusCode == 503 && kubeError.attempts == 3
                && kubeError.message == "etcd is sad"
        }
        #expect(calls.value == 3)
    }

    @Test(arguments: [
        (403, "Forbidden", KubeError.Kind.forbidden), (404, "NotFound", .notFound), (401, "Unauthorized", .unauthorized),
        (410, "Gone", .gone), (400, "BadRequest", .unexpectedStatus),
    ])
    func typedErrorsKeepTheStatusMessageAndAreNotRetried(_ code: Int, _ reason: String, _ kind: KubeError.Kind) async throws {
        let calls = CallCounter()
        let cluster = try await TestCluster.start { _, _ in
            calls.next()
            return Reply.status(code, reason: reason, message: "secrets is forbidden: cannot list")
        }
        await #expect {
            try await cluster.withClient { try await $0.getJSON("/api/v1/secrets") }
        } throws: { error in
            guard let kubeError = error as? KubeError else { return false }
            return kubeError.kind == kind && kubeError.reason == reason
                && kubeError.message == "secrets is forbidden: cannot list" && kubeError.path == "/api/v1/secrets"
        }
        #expect(calls.value == 1)
    }

    @Test func malformedJSONIsATypedError() async throws {
        let cluster = try await TestCluster.start { _, _ in Reply.json(#"{"items": [1, 2"#) }
        await #expect {
            try await cluster.withClient { try await $0.listAll("/api/v1/pods") }
        } throws: { error in
            (error as? KubeError)?.kind == .malformedResponse
        }
    }

    @Test func streamsA200MegabyteBodyInOrder() async throws {
        let chunkSize = 64 * 1024
        let megabytes = 200
        let server = try await ExternalStreamServer(megabytes: megabytes)
        defer { server.stop() }
        let connection = ClusterConnection(
            server: try ServerAddress(parsing: "https://127.0.0.1:\(server.port)"),
            trust: .certificateAuthority(pem: Array(server.pki.caCertificatePEM.utf8)),
            credentials: .none, source: "test")
        let client = try KubeClient(connection: connection)
        // Each server chunk starts with its index; the client's chunks are cut differently, so track the offset and
        // check the index at every server chunk boundary.
        var offset = 0
        var inOrder = true
        let result = try await client.stream(KubeClient.Request(path: "/api/v1/namespaces/a/pods/b/log")) { chunk in
            var boundary = (offset + chunkSize - 1) / chunkSize * chunkSize
            while boundary + 4 <= offset + chunk.readableBytes {
                let index = chunk.getInteger(at: chunk.readerIndex + boundary - offset, as: UInt32.self)
                if index != UInt32(boundary / chunkSize) { inOrder = false }
                boundary += chunkSize
            }
            offset += chunk.readableBytes
        }
        try await client.shutdown()
        #expect(result.bytes == Int64(megabytes * 1_048_576))
        #expect(inOrder)
        // Memory while streaming is measured on the gather binary (EndToEndTests), whose process holds nothing else:
        // this process runs other suites at the same time.
    }

    @Test func aStreamBrokenMidwayReportsWhatWasDelivered() async throws {
        struct Broken: Error {}
        let cluster = try await TestCluster.start { _, _ in
            Response(status: .ok, body: .init { writer in
                try await writer.write(ByteBuffer(repeating: 0x41, count: 100_000))
                throw Broken()
            })
        }
        var received = 0
        await #expect {
            try await cluster.withClient { client in
                try await client.stream(KubeClient.Request(path: "/log")) { received += $0.readableBytes }
            }
        } throws: { error in
            guard let interrupted = error as? StreamInterrupted else { return false }
            return interrupted.bytesDelivered == Int64(received) && interrupted.bytesDelivered > 0
        }
    }

    @Test func aStalledStreamTimesOut() async throws {
        let cluster = try await TestCluster.start { _, _ in
            Response(status: .ok, body: .init { writer in
                try await writer.write(ByteBuffer(string: "first line\n"))
                try await Task.sleep(for: .seconds(30))
                try await writer.finish(nil)
            })
        }
        let options = KubeClientOptions(readIdleTimeout: .milliseconds(300), retry: .none)
        await #expect {
            try await cluster.withClient(options) { client in
                try await client.stream(KubeClient.Request(path: "/log")) { _ in }
            }
        } throws: { error in
            // Usually after the first line; on a loaded machine the limit can pass before it arrives.
            ((error as? StreamInterrupted)?.cause ?? error as? KubeError)?.kind == .timeout
        }
    }

    @Test func boundsRequestsInFlight() async throws {
        let gauge = ConcurrencyGauge()
        let cluster = try await TestCluster.start { _, _ in
            gauge.enter()
            try await Task.sleep(for: .milliseconds(100))
            gauge.leave()
            return Reply.json("{}")
        }
        let options = KubeClientOptions(maximumConcurrentRequests: 4)
        try await cluster.withClient(options) { client in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<24 { group.addTask { _ = try await client.getJSON("/version") } }
                try await group.waitForAll()
            }
        }
        // Never more than the bound; and requests did overlap (how many reach the server at once depends on the
        // machine's load, so the exact peak is not asserted).
        #expect(gauge.highest <= 4)
        #expect(gauge.highest >= 2)
    }

    @Test func discoveryRecordsADeadGroupAndKeepsTheRest() async throws {
        let cluster = try await TestCluster.start { request, _ in
            switch request.uri.path {
            case "/api":
                return Reply.json(#"{"kind":"APIVersions","versions":["v1"]}"#)
            case "/apis":
                return Reply.json(#"""
                    {"kind":"APIGroupList","groups":[
                     {"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}},
                     {"name":"metrics.k8s.io","versions":[{"groupVersion":"metrics.k8s.io/v1beta1","version":"v1beta1"}],"preferredVersion":{"groupVersion":"metrics.k8s.io/v1beta1","version":"v1beta1"}}]}
                    """#)
            case "/api/v1":
                return Reply.json(#"""
                    {"kind":"APIResourceList","groupVersion":"v1","resources":[
                     {"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["get","list"],"shortNames":["po"],"categories":["all"]},
                     {"name":"pods/log","singularName":"","namespaced":true,"kind":"Pod","verbs":["get"]},
                     {"name":"nodes","singularName":"node","namespaced":false,"kind":"Node","verbs":["get","list"],"shortNames":["no"]}]}
                    """#)
            case "/apis/apps/v1":
                return Reply.json(#"""
                    {"kind":"APIResourceList","groupVersion":"apps/v1","resources":[
                     {"name":"deployments","singularName":"deployment","namespaced":true,"kind":"Deployment","verbs":["list"],"shortNames":["deploy"],"categories":["all"]}]}
                    """#)
            default:
                return Reply.status(503, reason: "ServiceUnavailable", message: "the server is currently unable to handle the request")
            }
        }
        let options = KubeClientOptions(retry: RetryPolicy(maximumAttempts: 2, initialBackoff: .milliseconds(1)))
        let discovery = try await cluster.withClient(options) { try await $0.discover() }
        #expect(discovery.resources.map(\.qualifiedName) == ["pods", "nodes", "deployments.apps"])
        #expect(discovery.failures.map(\.groupVersion) == ["metrics.k8s.io/v1beta1"])
        #expect(discovery.resources(inCategory: "all").map(\.name) == ["pods", "deployments"])
        #expect(discovery.resources(named: "po").first?.name == "pods")
        #expect(discovery.resources(named: "deploy.apps").first?.name == "deployments")
        #expect(discovery.resources(named: "deployments.apps").first?.group == "apps")
        #expect(discovery.resources(named: "Node").first?.namespaced == false)
    }
}
