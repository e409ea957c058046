@testable import FakeCluster
import Foundation
import Hummingbird
import HTTPTypes
@testable import KubeClient
import NIOCore
import Synchronization
import Testing

/// A client that waits for an API server that goes away and comes back: requests hold while it is unreachable, go on
/// when it answers, and what the outage cut is fetched again whole; a request that fails alone is not an outage.
@Suite(.serialized)
struct OutageGateTests {
    /// Few, quick retries: without the gate, an outage of a second would spend them all.
    static func options(waitingFor wait: Duration) -> KubeClientOptions {
        var options = KubeClientOptions(retry: RetryPolicy(maximumAttempts: 2, initialBackoff: .milliseconds(5)))
        options.waitForServerUntil = .now + wait
        return options
    }

    /// Logs that come at two thousand bytes a second, so that an outage finds them half-way.
    static let slowLogs = Fault("/api/v1/namespaces/*/pods/*/log", .drip(bytesPerSecond: 2000))

    /// The server stays away until the lists wait, however late a loaded machine lets them run; the wait bounds a hang
    /// only.
    @Test func requestsWaitForTheServerAndAStreamItCutIsFetchedAgainWhole() async throws {
        try await FakeAPIServer.withClient(data: SyntheticCluster.build(.demo), faults: FaultPlan([Self.slowLogs]),
            options: Self.options(waitingFor: .seconds(600)))
        { server, client in
            let key = server.data.podLogs.keys.first { !$0.previous }!
            let request = KubeClient.Request(path: "/api/v1/namespaces/\(key.namespace)/pods/\(key.pod)/log",
                query: [("container", key.container)])
            let body = Mutex<[UInt8]>([])
            let startedOver = Mutex(0)
            async let streamed = client.stream(request, startOver: {
                startedOver.withLock { $0 += 1 }
                body.withLock { $0 = [] }
            }) { chunk in body.withLock { $0 += chunk.readableBytesView } }
            // The outage comes once the log has begun. The loops' bounds guard against a hang only.
            for _ in 0..<12000 where body.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(25)) }
            await server.beginOutage(lasting: nil)
            // Lists asked while the server is away wait, and none fails.
            async let lists = withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<10 { group.addTask { try await client.listAll("/api/v1/namespaces").count } }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            for _ in 0..<12000 where (client.outages.first?.requestsWaited ?? 0) < 11 {
                try await Task.sleep(for: .milliseconds(25))
            }
            await server.endOutage()
            let counts = try await lists
            #expect(counts.count == 10 && counts.allSatisfy { $0 > 0 })
            _ = try await streamed
            #expect(startedOver.withLock { $0 } >= 1)
            // The body is the log whole: what the server holds for this container, line for line.
            let log = server.data.podLogs[key]!
            let expected = (0..<log.count).map { String(log.line(at: $0).text) }
            let lines = String(decoding: body.withLock { $0 }, as: UTF8.self)
                .split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
            #expect(lines == expected)
            let outages = client.outages
            #expect(outages.count == 1)
            #expect(outages.first?.ended != nil)
            #expect(outages.first?.requestsWaited == 11, "the stream and the ten lists")
            #expect(outages.first?.requestsLost == 0)
            #expect(outages.first?.gaveUp == false)
        }
    }

    @Test func aStreamResetWhileTheServerAnswersIsAFailedRequestNotAnOutage() async throws {
        try await FakeAPIServer.withClient(data: SyntheticCluster.build(.demo),
            faults: FaultPlan([Fault("/api/v1/namespaces/*/pods/*/log", .resetAfter(bytes: 300))]),
            options: Self.options(waitingFor: .seconds(120)))
        { server, client in
            let key = server.data.podLogs.keys.first { !$0.previous }!
            await #expect(throws: StreamInterrupted.self) {
                try await client.stream(KubeClient.Request(path: "/api/v1/namespaces/\(key.namespace)/pods/\(key.pod)/log",
                    query: [("container", key.container)]), startOver: {}) { _ in }
            }
            #expect(client.outages.isEmpty)
        }
    }

    @Test func aServerThatNeverComesBackFailsEachRequestWhenTheWaitEnds() async throws {
        try await FakeAPIServer.withClient(data: SyntheticCluster.build(.demo), options: Self.options(waitingFor: .seconds(3)))
        { server, client in
            _ = try await client.serverVersion()
            await server.beginOutage(lasting: nil)
            var failure: KubeError?
            for _ in 0..<600 where failure == nil {
                do {
                    _ = try await client.listAll("/api/v1/namespaces")
                    try await Task.sleep(for: .milliseconds(20))
                } catch {
                    failure = error as? KubeError
                }
            }
            #expect(failure?.kind == .transport)
            #expect(failure?.message.contains("the API server has been unreachable since ") == true, "\(String(describing: failure))")
            #expect(failure?.message.contains("stopped waiting for it at the run's deadline") == true)
            // Past the wait, a request fails at once, with the same reason.
            await #expect { try await client.serverVersion() } throws: {
                ($0 as? KubeError)?.message.contains("stopped waiting") == true
            }
            let outage = try #require(client.outages.first)
            #expect(outage.ended == nil && outage.gaveUp)
            #expect(outage.requestsLost >= 2 && outage.requestsWaited >= outage.requestsLost)
        }
    }

    @Test func anExecCutByAnOutageRunsOnceMoreAfterIt() async throws {
        let data = SyntheticCluster.build(.demo)
        let router = data.podContents.keys.first { $0.namespace == "openshift-ingress" }!.pod
        let size = 200_000_000
        try await FakeAPIServer.withClient(data: data, options: Self.options(waitingFor: .seconds(120))) { server, client in
            let stdout = Mutex(0)
            let startedOver = Mutex(0)
            async let result = client.exec(namespace: "openshift-ingress", pod: router, container: "router",
                command: ["head", "-c", String(size), "/dev/zero"],
                startOver: {
                    startedOver.withLock { $0 += 1 }
                    stdout.withLock { $0 = 0 }
                },
                stdout: { chunk in stdout.withLock { $0 += chunk.readableBytes } }, stderr: { _ in })
            // The outage comes once the output has begun. The loop's bound guards against a hang only.
            for _ in 0..<1200 where stdout.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(5)) }
            await server.beginOutage(lasting: .milliseconds(500))
            let ended = try await result
            #expect(ended.exitCode == 0)
            #expect(startedOver.withLock { $0 } >= 1)
            #expect(stdout.withLock { $0 } == size && ended.stdoutBytes == Int64(size))
            #expect(client.outages.count == 1 && client.outages.first?.requestsLost == 0)
        }
    }

    @Test func aLoadBalancer503IsAnOutageAndAnAPIServer503IsNot() async throws {
        #expect(ServerReachability.isLoadBalancerUnavailable(status: 503,
            body: Array("<html><body><h1>503 Service Unavailable</h1>No server is available</body></html>".utf8)))
        #expect(ServerReachability.isLoadBalancerUnavailable(status: 503, body: []))
        #expect(!ServerReachability.isLoadBalancerUnavailable(status: 503,
            body: Array(#"{"kind":"Status","apiVersion":"v1","status":"Failure","code":503}"#.utf8)))
        #expect(!ServerReachability.isLoadBalancerUnavailable(status: 500, body: []))

        // Behind a load balancer with no healthy API server for a while, then with one.
        let healthyAfter = Mutex<ContinuousClock.Instant?>(nil)
        let cluster = try await TestCluster.start { request, _ in
            let since = healthyAfter.withLock { start in
                if start == nil { start = .now + .seconds(1) }
                return start!
            }
            guard ContinuousClock.now >= since else {
                return Response(status: .serviceUnavailable, headers: [.contentType: "text/html"],
                    body: .init(byteBuffer: ByteBuffer(string: "<html><h1>503 Service Unavailable</h1></html>")))
            }
            return request.uri.path == "/readyz" ? Reply.json("ok") : Reply.json(#"{"gitVersion":"v1.31.0"}"#)
        }
        try await cluster.withClient(Self.options(waitingFor: .seconds(120))) { client in
            let version = try await client.serverVersion()
            #expect(version["gitVersion"]?.stringValue == "v1.31.0")
            #expect(client.outages.count == 1)
            #expect(client.outages.first?.cause.contains("load balancer") == true)
        }
    }
}
