@testable import FakeCluster
import Foundation
import Hummingbird
import Synchronization
@testable import KubeClient
import Testing

/// Bytes counted from a stream's sink while the test waits on them.
final class ByteCount: Sendable {
    private let count = Atomic<Int>(0)

    func add(_ bytes: Int) { count.wrappingAdd(bytes, ordering: .relaxed) }

    var value: Int { count.load(ordering: .relaxed) }
}

/// The fake cluster's whole-server outage, seen by a client that does not wait for it: what a client of a restarting
/// API server meets (reference/outages.md).
@Suite(.serialized)
struct OutageTests {
    /// A log that takes seconds to come (two thousand bytes a second), so that the outage finds it half-way.
    static let slowLogs = Fault("/api/v1/namespaces/*/pods/*/log", .drip(bytesPerSecond: 2000))

    @Test func anOutageResetsOpenStreamsRefusesNewConnectionsThenServesAgainOnTheSamePort() async throws {
        try await FakeAPIServer.withClient(data: SyntheticCluster.build(.demo), faults: FaultPlan([Self.slowLogs]),
            options: KubeClientOptions(retry: .none))
        { server, client in
            let key = server.data.podLogs.keys.first { !$0.previous }!
            let path = "/api/v1/namespaces/\(key.namespace)/pods/\(key.pod)/log"
            let received = ByteCount()
            async let cut: (any Error)? = {
                do {
                    try await client.stream(KubeClient.Request(path: path, query: [("container", key.container)])) {
                        received.add($0.readableBytes)
                    }
                    return nil
                } catch {
                    return error
                }
            }()
            // The outage comes once the log has begun. The loop's bound guards against a hang only.
            for _ in 0..<1200 where received.value == 0 { try await Task.sleep(for: .milliseconds(25)) }
            #expect(received.value > 0)
            await server.beginOutage(lasting: .seconds(2))
            // The open stream is reset part-way.
            let error = await cut
            let interrupted = error as? StreamInterrupted
            #expect(interrupted?.cause.kind == .transport, "\(String(describing: error))")
            #expect(interrupted?.cause.message.contains("Connection reset by peer") == true, "\(String(describing: error))")
            // A new connection is refused.
            await #expect {
                try await client.serverVersion()
            } throws: { error in
                (error as? KubeError)?.message.contains("Connection refused") == true
            }
            // Then the server answers again, on the same port.
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

    @Test func newConnectionsAreResetInsteadOfRefusedWhenAsked() async throws {
        try await FakeAPIServer.withClient(data: SyntheticCluster.build(.demo), options: KubeClientOptions(retry: .none))
        { server, client in
            _ = try await client.serverVersion()
            await server.beginOutage(lasting: nil, refusal: .acceptAndReset)
            // The first request may meet its pooled connection closed; the next ones connect, and are reset: by the
            // time the reset lands, the client sees it as such or as TLS ending its handshake early.
            var messages: [String] = []
            for _ in 0..<3 {
                do {
                    _ = try await client.serverVersion()
                    messages.append("answered")
                } catch {
                    messages.append((error as? KubeError)?.message ?? "\(error)")
                }
            }
            #expect(!messages.contains("answered"), "\(messages)")
            #expect(messages.dropFirst().allSatisfy {
                $0.contains("Connection reset by peer") || $0.contains("EOF during handshake")
            }, "\(messages)")
        }
    }

    /// The schedule of `--outage`: from the start. The port stays the server's, so that no socket of a test running
    /// beside it takes the port and keeps the server from coming back.
    @Test func aServerThatNeverComesBackRefusesForGoodAndKeepsItsPort() async throws {
        try await FakeAPIServer.withClient(data: SyntheticCluster.build(.demo),
            outages: [Outage(after: .zero, length: nil)], options: KubeClientOptions(retry: .none))
        { server, client in
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
            #expect(await PortHold.take(address: "127.0.0.1", port: server.port, patience: .zero) == nil)
        }
    }

    /// A server that cannot bind its port says so (the way back after an outage tries again), rather than waiting
    /// for a port it will never report.
    @Test(.timeLimit(.minutes(10))) func aServerOnATakenPortFailsToStartAndSaysSo() async throws {
        try await FakeAPIServer.withClient(data: SyntheticCluster.build(.demo)) { server, _ in
            await #expect(throws: HTTPSServerError.self) {
                _ = try await HTTPSServer.start(port: server.port, tls: try server.pki.serverTLSConfiguration()) { _, _ in
                    Response(status: .ok)
                }
            }
        }
    }

    @Test func theServerAnswersReadinessProbes() async throws {
        try await FakeAPIServer.withClient(data: SyntheticCluster.build(.demo)) { _, client in
            let ready = try await client.get(KubeClient.Request(path: "/readyz", accept: "text/plain"))
            #expect(ready.bytes == Array("ok".utf8))
        }
    }
}
