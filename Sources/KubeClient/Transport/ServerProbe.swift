import AsyncHTTPClient
import NIOCore

/// Asks an API server whether it answers: `GET /readyz`, and `/version` where `/readyz` is not served or not allowed.
///
/// The probe goes straight to the pool, past the rate limiter and the in-flight bound, which hold requests the outage
/// keeps waiting; it is never retried, since the prober asks again.
struct ServerProbe: Sendable {
    let http: HTTPClient
    let connection: ClusterConnection
    let tokens: TokenSource
    let userAgent: String
    /// The longest a probe waits for an answer.
    let timeout: Duration

    /// Whether the server answers: `/readyz` says ready, or `/version` answers anything but an overloaded server's
    /// status. A server that is up but not ready (`/readyz` 500 or 503) does not answer yet.
    func answers() async -> Bool {
        guard let readiness = await status(of: "/readyz") else { return false }
        if (200..<300).contains(readiness) { return true }
        // 401, 403, 404: the server is up, but this path is not for us; ask what every client may ask.
        guard [401, 403, 404].contains(readiness), let version = await status(of: "/version") else { return false }
        return !RetryPolicy.isRetryable(status: version)
    }

    /// The status `path` answers with, or nil when no answer came.
    private func status(of path: String) async -> Int? {
        var request = HTTPClientRequest(url: connection.server.url(path: path))
        request.method = .GET
        request.headers.add(name: "User-Agent", value: userAgent)
        if let token = try? tokens.token() {
            request.headers.add(name: "Authorization", value: "Bearer \(token.text)")
        }
        do {
            let response = try await http.execute(request, timeout: .init(timeout))
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return Int(response.status.code)
        } catch {
            return nil
        }
    }
}
