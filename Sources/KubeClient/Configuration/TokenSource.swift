import Foundation
import Synchronization

/// Supplies the bearer token for each request, re-reading a token file when its modification time or size changes.
///
/// Projected service-account tokens are rotated by the kubelet; a long gather must pick up the new one.
final class TokenSource: Sendable {
    private struct Cached {
        var token: Secret
        var modified: Date
        var size: Int
    }

    private let path: String?
    private let fixed: Secret?
    private let cache = Mutex<Cached?>(nil)

    init(credentials: Credentials) {
        switch credentials {
        case .bearerToken(let token):
            fixed = token
            path = nil
        case .bearerTokenFile(let tokenPath):
            fixed = nil
            path = tokenPath
        case .none, .clientCertificate, .plugin:
            fixed = nil
            path = nil
        }
    }

    /// The current token, or nil when the credentials are not a bearer token.
    func token() throws(ConfigurationError) -> Secret? {
        if let fixed { return fixed }
        guard let path else { return nil }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let modified = attributes?[.modificationDate] as? Date ?? .distantPast
        let size = (attributes?[.size] as? NSNumber)?.intValue ?? -1
        if let cached = cache.withLock({ $0 }), cached.modified == modified, cached.size == size {
            return cached.token
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError(file: path, problem: "cannot read the bearer token file")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let token = Secret(text)
        cache.withLock { $0 = Cached(token: token, modified: modified, size: size) }
        return token
    }
}
