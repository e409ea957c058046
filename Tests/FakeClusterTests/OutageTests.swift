@testable import FakeCluster
import Foundation
@testable import KubeClient
import Testing

/// The fake cluster's whole-server outage, seen by a client that does not wait for it: what a client of a restarting
/// API server meets (reference/outages.md).
@Suite(.serialized)
struct OutageTests {
    /// A log that takes seconds to come (two thousand bytes a second), so that the outage finds it half-way.
    static let slowLogs = Fault("/api/v1/namespaces/*/pods/*/log", .drip(bytesPerSecond: 2000))

    @Test func anOutageResetsOpenStreamsRefusesNewConnectionsThenServesAgainOnTheSamePort() async throws {
        let outage = Outage(after: .milliseconds(700), length: .seconds(2))
        try await FakeAPIServer.withClient(data: SyntheticCluster.build(.demo), faults: FaultPlan([Self.slowLogs]),
            outages: [outage], options: KubeClientOptions(retry: .none))
        { server, client in
            let key = server.data.podLogs.keys.first { !$0.previous }!
            let path = "/api/v1/namespaces/\(key.namespace)/pods/\(key.pod)/log"
            // The open stream is reset part-way: the outage began.
            var received = 0
            await #expect {
                try await client.stream(KubeClient.Request(path: path, query: [("container", key.container)])) {
                    received += $0.readableBytes
                }
            } throws: { error in
                guard let cut = error as? StreamInterrupted else { return false }
                return cut.cause.kind == .transport && cut.cause.message.contains("Connection reset by peer")
            }
            #expect(received > 0)
            // A new connection is refused (or, in the moment before the listening socket closes, reset at once).
            await #expect {
                try await client.serverVersion()
            } throws: { error in
                let message = (error as? KubeError)?.message ?? ""
                return message.contains("Connection refused") || message.contains("Connection reset by peer")
            }
            // Then the server answers again, on the same port. The loop's bound guards against a hang only.
            var answered = false
            for _ in 0..<600 where !answered {
                answered = (try? await client.serverVersion()) != nil
                if !answered { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(answered)
            #expect(try await client.listAll("/api/v1/namespaces").count == server.data.table(group: "", name: "namespaces")?
                .objects(in: nil, matching: LabelSelector(parsing: "")!).count)
        }
    }

    @Test func aServerThatNeverComesBackRefusesForGood() async throws {
        try await FakeAPIServer.withClient(data: SyntheticCluster.build(.demo),
            outages: [Outage(after: .zero, length: nil)], options: KubeClientOptions(retry: .none))
        { _, client in
            var refused = false
            for _ in 0..<600 where !refused {
                do {
                    _ = try await client.serverVersion()
                    try await Task.sleep(for: .milliseconds(20))
                } catch {
                    refused = (error as? KubeError)?.message.contains("Connection refused") == true
                }
            }
            #expect(refused)
            try await Task.sleep(for: .milliseconds(500))
            await #expect(throws: KubeError.self) { try await client.serverVersion() }
        }
    }

    @Test func theServerAnswersReadinessProbes() async throws {
        try await FakeAPIServer.withClient(data: SyntheticCluster.build(.demo)) { _, client in
            let ready = try await client.get(KubeClient.Request(path: "/readyz", accept: "text/plain"))
            #expect(ready.bytes == Array("ok".utf8))
        }
    }
}
