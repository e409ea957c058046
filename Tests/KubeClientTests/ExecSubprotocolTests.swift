@testable import FakeCluster
import Foundation
@testable import KubeClient
import Testing

/// The fake cluster's exec upgrade picks a subprotocol the way the API server does: the client's first choice that it
/// speaks (v4 alone gets v4), and a client that offers none it speaks is refused before the upgrade.
@Suite(.serialized)
struct ExecSubprotocolTests {
    /// Asks for an upgrade of an exec in the router pod, offering `subprotocols`.
    func upgrade(offering subprotocols: String) async throws -> UpgradeHandshake.Answer {
        try await FakeAPIServer.withClient(data: ExecTests.data, options: KubeClientOptions(retry: .none)) { server, client in
            let target = APIPath.object(group: "", version: "v1", resource: "pods", namespace: "openshift-ingress",
                name: ExecTests.router) + "/exec?container=router&stdout=true&stderr=true&command=cat&command=/etc/hostname"
            let answer = try await ExecConnection.open(server: client.connection.server, target: target,
                headers: [("Authorization", "Bearer \(server.token)"), ("Sec-WebSocket-Protocol", subprotocols)],
                tls: client.streamTLS, connectTimeout: .seconds(30))
            if case .upgraded(let frames, _) = answer { try? await frames.channel.close() }
            return answer
        }
    }

    @Test func aClientOfferingV4AloneGetsV4() async throws {
        guard case .upgraded(_, let chosen) = try await upgrade(offering: "v4.channel.k8s.io") else {
            Issue.record("the upgrade was refused")
            return
        }
        #expect(chosen == "v4.channel.k8s.io")
    }

    /// As the API server's WebSocket handshake does, the client's order decides among what the server speaks.
    @Test(arguments: [("v4.channel.k8s.io, v5.channel.k8s.io", "v4.channel.k8s.io"),
        ("v9.channel.k8s.io, v5.channel.k8s.io, v4.channel.k8s.io", "v5.channel.k8s.io")])
    func theClientsFirstChoiceThatTheServerSpeaksWins(_ offered: String, _ expected: String) async throws {
        guard case .upgraded(_, let chosen) = try await upgrade(offering: offered) else {
            Issue.record("the upgrade was refused")
            return
        }
        #expect(chosen == expected)
    }

    @Test func aClientOfferingNoSubprotocolTheServerSpeaksIsRefused() async throws {
        let answer = try await upgrade(offering: "base64.channel.k8s.io, v9.channel.k8s.io")
        guard case .refused(let status, _) = answer else {
            Issue.record("the server upgraded a client that offers no subprotocol it speaks")
            return
        }
        #expect(status == 400)
    }
}
