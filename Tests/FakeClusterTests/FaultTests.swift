@testable import FakeCluster
import Foundation
@testable import KubeClient
import TestSupport
import Testing

/// Each fault of the plan, seen by our own client.
@Suite(.serialized)
struct FaultTests {
    func withFaults(_ faults: [Fault], options: KubeClientOptions = KubeClientOptions(retry: .none),
        _ body: (FakeAPIServer, KubeClient) async throws -> Void) async throws
    {
        let server = try await FakeAPIServer.start(data: SyntheticCluster.build(.demo), faults: FaultPlan(faults))
        let client = try KubeClient(connection: server.connection(), options: options)
        do {
            try await body(server, client)
        } catch {
            try? await client.shutdown()
            await server.stop(grace: .milliseconds(200))
            throw error
        }
        try await client.shutdown()
        await server.stop(grace: .milliseconds(200))
    }

    func kind(_ error: any Error) -> KubeError.Kind? {
        (error as? KubeError)?.kind ?? (error as? StreamInterrupted)?.cause.kind
    }

    @Test func patternsAndTheCommandLineForm() {
        #expect(Fault("/api/v1/namespaces/*/secrets", .forbidden).matches("/api/v1/namespaces/a/secrets"))
        #expect(!Fault("/api/v1/namespaces/*/secrets", .forbidden).matches("/api/v1/namespaces/a/pods"))
        #expect(Fault("*/proxy/*", .neverAnswer).matches("/api/v1/nodes/n/proxy/logs/journal"))
        #expect(Fault(parsing: "*=server-error:503:0.25") == Fault("*", .serverError(status: 503, share: 0.25)))
        #expect(Fault(parsing: "*/log=reset:4096") == Fault("*/log", .resetAfter(bytes: 4096)))
        #expect(Fault(parsing: "*=no-such-fault") == nil)
    }

    @Test func aShareOfServerErrorsIsExactAndEven() async throws {
        try await withFaults([Fault("/api/v1/nodes", .serverError(status: 500, share: 0.5))]) { _, client in
            var failures = 0
            for _ in 0..<10 {
                do { _ = try await client.listAll("/api/v1/nodes") } catch { failures += kind(error) == .serverError ? 1 : 0 }
            }
            #expect(failures == 5)
        }
    }

    @Test func burstsOfTooManyRequestsPassAfterRetries() async throws {
        let options = KubeClientOptions(retry: RetryPolicy(maximumAttempts: 4, initialBackoff: .milliseconds(1)))
        try await withFaults([Fault("/api/v1/namespaces", .tooManyRequests(retryAfterSeconds: 0, count: 2))],
            options: options)
        { server, client in
            let namespaces = try await client.listAll("/api/v1/namespaces")
            #expect(!namespaces.isEmpty)
            let statuses = server.requestLog.all.filter { $0.target.hasPrefix("/api/v1/namespaces?") }.map(\.status)
            #expect(statuses == [429, 429, 200])
        }
    }

    @Test func forbiddenOnlyWhereTheRuleSays() async throws {
        try await withFaults([Fault("/api/v1/namespaces/*/secrets", .forbidden)]) { _, client in
            await #expect {
                try await client.listAll("/api/v1/namespaces/default/secrets")
            } throws: { kind($0) == .forbidden }
            _ = try await client.listAll("/api/v1/namespaces/default/configmaps")
        }
    }

    @Test func spoiledBodiesAreMalformedResponses() async throws {
        try await withFaults([Fault("/api/v1/pods", .malformedJSON), Fault("/api/v1/nodes", .truncateAfter(bytes: 300))])
        { _, client in
            await #expect { try await client.listAll("/api/v1/pods") } throws: { kind($0) == .malformedResponse }
            await #expect { try await client.listAll("/api/v1/nodes") } throws: { kind($0) == .malformedResponse }
        }
    }

    @Test func expiredContinueTokensGiveUpAfterTheRestarts() async throws {
        try await withFaults([Fault("/api/v1/pods", .expiredContinue)]) { _, client in
            var restarts = 0
            await #expect {
                try await client.list("/api/v1/pods", pageSize: 5, onRestart: { restarts += 1 }, onPage: { _ in })
            } throws: { kind($0) == .gone }
            #expect(restarts == KubeClient.maximumListRestarts)
        }
    }

    @Test func logStreamsBreakStallAndDrip() async throws {
        let data = SyntheticCluster.build(.demo)
        let key = data.podLogs.keys.first { !$0.previous && $0.container == "main" }!
        let path = "/api/v1/namespaces/\(key.namespace)/pods/\(key.pod)/log"
        // The reset ends the first stream, so it gets the patient idle limit: a loaded machine's pause before the
        // first bytes must not turn into a time-out. Only the stall needs the short one.
        let patient = KubeClientOptions(readIdleTimeout: .seconds(5), retry: .none)
        let impatient = KubeClientOptions(readIdleTimeout: .milliseconds(500), retry: .none)
        try await withFaults([Fault(path, .resetAfter(bytes: 1000))], options: patient) { _, client in
            var received = 0
            await #expect {
                try await client.stream(KubeClient.Request(path: path, query: [("container", "main")])) {
                    received += $0.readableBytes
                }
            } throws: { ($0 as? StreamInterrupted)?.bytesDelivered == 1000 }
            #expect(received == 1000)
        }
        try await withFaults([Fault(path, .stallAfter(bytes: 10))], options: impatient) { _, client in
            await #expect {
                try await client.stream(KubeClient.Request(path: path, query: [("container", "main")])) { _ in }
            } throws: { kind($0) == .timeout }
        }
        // A slow but steady stream completes; the idle limit leaves room for a loaded machine's pauses.
        try await withFaults([Fault(path, .drip(bytesPerSecond: 2000))], options: patient) { _, client in
            var bytes: [UInt8] = []
            try await client.stream(KubeClient.Request(path: path, query: [("container", "main"), ("limitBytes", "600")])) {
                bytes.append(contentsOf: $0.readableBytesView)
            }
            #expect(bytes.count == 600)
        }
    }

    @Test func aNodeProxyThatNeverAnswersTimesOut() async throws {
        // Long enough for an answer on a machine busy with the other tests, short enough for the hang to be quick.
        let options = KubeClientOptions(requestTimeout: .seconds(3), retry: .none)
        try await withFaults([Fault("/api/v1/nodes/master-1/proxy/*", .neverAnswer)], options: options) { _, client in
            await #expect {
                try await client.get(KubeClient.Request(path: "/api/v1/nodes/master-1/proxy/logs/journal"))
            } throws: { kind($0) == .timeout }
            _ = try await client.get(KubeClient.Request(path: "/api/v1/nodes/master-0/proxy/logs/journal",
                query: [("unit", "crio")]))
        }
    }

    @Test func hostileListingsNameThingsNoKubeletWould() async throws {
        try await withFaults([Fault("*/proxy/logs/kube-apiserver/", .hostileListing)]) { _, client in
            let body = try await client.get(KubeClient.Request(path: "/api/v1/nodes/master-0/proxy/logs/kube-apiserver/"))
            let html = String(decoding: body.bytes, as: UTF8.self)
            #expect(html.contains("href=\"../../etc/passwd\""))
            #expect(html.contains("href=\"/etc/shadow\""))
            #expect(html.contains("audit.log"))
        }
    }
}
