@testable import FakeCluster
import TestSupport
import Foundation
import HTTPTypes
import Hummingbird
@testable import KubeClient
import NIOCore

/// A throwaway PKI and an HTTPS server on loopback with a test's own handler, plus connections to it.
struct TestCluster {
    static let token = "t0ken-that-must-never-be-printed"

    let pki: ClusterPKI
    let server: HTTPSServer

    static func start(
        clientCertificates: ClusterPKI.ClientCertificates = .ignored,
        handler: @escaping HTTPSServer.Handler
    ) async throws -> TestCluster {
        let pki = try ClusterPKI()
        let server = try await HTTPSServer.start(
            tls: try pki.serverTLSConfiguration(clientCertificates: clientCertificates), handler: handler)
        return TestCluster(pki: pki, server: server)
    }

    /// A connection that trusts this cluster's CA and sends `credentials` (the test token by default).
    func connection(credentials: Credentials = .bearerToken(Secret(TestCluster.token))) throws -> ClusterConnection {
        ClusterConnection(
            server: try ServerAddress(parsing: server.url),
            trust: .certificateAuthority(pem: Array(pki.caCertificatePEM.utf8)),
            credentials: credentials,
            source: "test"
        )
    }

    /// Runs `body` with a client, then shuts the client and the server down.
    func withClient<T>(
        _ options: KubeClientOptions = KubeClientOptions(retry: RetryPolicy(initialBackoff: .milliseconds(5))),
        credentials: Credentials = .bearerToken(Secret(TestCluster.token)),
        _ body: (KubeClient) async throws -> T
    ) async throws -> T {
        let client = try KubeClient(connection: connection(credentials: credentials), options: options)
        do {
            let result = try await body(client)
            try await client.shutdown()
            await server.stop()
            return result
        } catch {
            try? await client.shutdown()
            await server.stop()
            throw error
        }
    }
}

/// Small response builders for test handlers.
enum Reply {
    static func json(_ text: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func status(_ code: Int, reason: String, message: String, headers: HTTPFields = [:]) -> Response {
        json(
            #"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"\#(message)","reason":"\#(reason)","code":\#(code)}"#,
            status: .init(code: code), headers: headers)
    }

    static func isAuthorized(_ request: Request, token: String = TestCluster.token) -> Bool {
        request.headers[.authorization] == "Bearer \(token)"
    }
}

extension HTTPField.Name {
    static let retryAfter = HTTPField.Name("Retry-After")!
}

