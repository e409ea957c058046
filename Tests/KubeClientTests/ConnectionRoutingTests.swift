@testable import FakeCluster
import Foundation
@testable import KubeClient
import TestSupport
import Testing

/// Requests and exec WebSocket connections through a proxy, under a `tls-server-name`, and impersonating.
@Suite(.serialized) struct ConnectionRoutingTests {
    /// A connection to `server` addressed by the certificate's second name, which only the proxy can resolve.
    static func proxied(_ server: FakeAPIServer, through proxy: ConnectProxy) throws -> ClusterConnection {
        var connection = try server.connection()
        connection.server = try ServerAddress(parsing: "https://\(ClusterPKI.alternateServerName):\(server.port)")
        connection.proxy = try ProxySetting.parse(proxy.url, field: "proxy-url")
        return connection
    }

    func echo(_ client: KubeClient) async throws -> String {
        let collected = ExecTests.Collected()
        let result = try await client.exec(namespace: "openshift-ingress", pod: ExecTests.router, container: "router",
            command: ["echo", "through"], stdout: { collected.addStdout($0) }, stderr: { collected.addStderr($0) })
        #expect(result.exitCode == 0, "\(result)")
        return String(decoding: collected.stdout, as: UTF8.self)
    }

    @Test func requestsAndExecGoThroughTheProxysTunnels() async throws {
        let server = try await FakeAPIServer.start(data: ExecTests.data)
        let proxy = try await ConnectProxy.start(hosts: [ClusterPKI.alternateServerName: "127.0.0.1"])
        let client = try KubeClient(connection: try Self.proxied(server, through: proxy))
        _ = try await client.serverVersion()
        let afterRequest = proxy.connectCount
        #expect(afterRequest >= 1)
        #expect(try await echo(client) == "through\n")
        #expect(proxy.connectCount == afterRequest + 1)
        try await client.shutdown()
        await proxy.stop()
        await server.stop()
    }

    @Test func aProxyThatRefusesTheTunnelFailsExecWithItsAnswer() async throws {
        let server = try await FakeAPIServer.start(data: ExecTests.data)
        let proxy = try await ConnectProxy.start(refusing: true)
        let client = try KubeClient(connection: try Self.proxied(server, through: proxy),
            options: KubeClientOptions(retry: .none))
        await #expect { _ = try await echo(client) } throws: { "\($0)".contains("403 Forbidden") }
        try await client.shutdown()
        await proxy.stop()
        await server.stop()
    }

    @Test func requestsGoThroughASOCKSProxyAndExecSaysItCannot() async throws {
        let server = try await FakeAPIServer.start(data: ExecTests.data)
        let proxy = try await ConnectProxy.start(dialect: .socks5)
        var connection = try server.connection()
        connection.proxy = try ProxySetting.parse(proxy.url, field: "proxy-url")
        let client = try KubeClient(connection: connection)
        _ = try await client.serverVersion()
        #expect(proxy.connectCount >= 1)
        await #expect { _ = try await echo(client) } throws: { "\($0)".contains("exec through a socks5 proxy is not supported") }
        try await client.shutdown()
        await proxy.stop()
        await server.stop()
    }

    @Test func tlsServerNameIsUsedByRequestsAndExec() async throws {
        // The certificate names api.fake-cluster.test only: without the name, 127.0.0.1 would not verify.
        let server = try await FakeAPIServer.start(data: ExecTests.data, serverNames: .alternateOnly)
        var connection = try server.connection()
        // Connected to 127.0.0.1 but named by a name only the certificate knows: the request's host is the name.
        connection.server = try ServerAddress(parsing: "https://127.0.0.1:\(server.port)")
        connection.tlsServerName = ClusterPKI.alternateServerName
        let client = try KubeClient(connection: connection)
        _ = try await client.serverVersion()
        #expect(try await echo(client) == "through\n")
        try await client.shutdown()
        for name in [nil, "wrong.fake-cluster.test"] {
            connection.tlsServerName = name
            let wrong = try KubeClient(connection: connection, options: KubeClientOptions(retry: .none))
            await #expect { _ = try await wrong.serverVersion() } throws: {
                ($0 as? KubeError)?.kind == .tlsVerification
            }
            await #expect(throws: (any Error).self) { _ = try await echo(wrong) }
            try await wrong.shutdown()
        }
        await server.stop()
    }

    @Test func execImpersonatesAsRequestsDo() async throws {
        let server = try await FakeAPIServer.start(data: ExecTests.data,
            impersonation: try ImpersonationPolicy(allowing: ["user:alice"]))
        var connection = try server.connection()
        connection.impersonation = Impersonation(user: "alice")
        let allowed = try KubeClient(connection: connection)
        #expect(try await echo(allowed) == "through\n")
        try await allowed.shutdown()
        connection.impersonation = Impersonation(user: "mallory")
        let refused = try KubeClient(connection: connection, options: KubeClientOptions(retry: .none))
        await #expect { _ = try await echo(refused) } throws: {
            ($0 as? KubeError)?.kind == .forbidden && "\($0)".contains("users \"mallory\" is forbidden")
        }
        await #expect { _ = try await refused.serverVersion() } throws: { ($0 as? KubeError)?.kind == .forbidden }
        try await refused.shutdown()
        await server.stop()
    }
}
