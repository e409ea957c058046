import JSONCoding
/// A failed request to the API server, typed by what the caller should do about it.
///
/// The description names the request path and keeps the server's `Status` message; it never contains credentials.
public struct KubeError: Error, CustomStringConvertible, Sendable {
    /// What kind of failure this is.
    public enum Kind: String, Sendable, Equatable {
        /// 401: the credentials were refused.
        case unauthorized
        /// 403: the credentials lack permission; retrying does not help.
        case forbidden
        /// 404.
        case notFound
        /// 410: a list continuation or watch expired.
        case gone
        /// 429 after every retry.
        case tooManyRequests
        /// 5xx after every retry.
        case serverError
        /// Any other HTTP status.
        case unexpectedStatus
        /// The body could not be read as what was expected (invalid JSON, not a list).
        case malformedResponse
        /// The body was larger than the caller reads.
        case bodyTooLarge
        /// The server's certificate did not verify against the configured CA.
        case tlsVerification
        /// The connection failed or broke (refused, reset, closed early).
        case transport
        /// No answer within the request's time limit, or a stream that stopped sending.
        case timeout
        /// The caller cancelled the request.
        case cancelled
    }

    /// The kind of failure.
    public let kind: Kind
    /// The request path (without the query), for example `/api/v1/namespaces/default/pods`.
    let path: String
    /// The HTTP status, when one was received.
    public let statusCode: Int?
    /// The server's `Status.message`, or a description of the transport error.
    public let message: String
    /// The server's `Status.reason` (`Forbidden`, `Expired`, ...), when given.
    let reason: String?
    /// How many attempts were made.
    let attempts: Int

    /// Creates an error.
    init(kind: Kind, path: String, statusCode: Int? = nil, message: String, reason: String? = nil, attempts: Int = 1) {
        self.kind = kind
        self.path = path
        self.statusCode = statusCode
        self.message = message
        self.reason = reason
        self.attempts = attempts
    }

    public var description: String {
        var text = "\(kind.rawValue)"
        if let statusCode { text += " (HTTP \(statusCode))" }
        text += " for \(path): \(message)"
        if attempts > 1 { text += " [after \(attempts) attempts]" }
        return text
    }

    /// The kind for an HTTP status code.
    public static func kind(forStatus status: Int) -> Kind {
        switch status {
        case 401: return .unauthorized
        case 403: return .forbidden
        case 404: return .notFound
        case 410: return .gone
        case 429: return .tooManyRequests
        case 500...599: return .serverError
        default: return .unexpectedStatus
        }
    }

    /// An error from a non-success response, with the `Status` object's message and reason when the body has one.
    static func fromResponse(status: Int, body: [UInt8], path: String, attempts: Int) -> KubeError {
        var message = "HTTP status \(status)"
        var reason: String?
        if let status = try? JSONParser.parse(body), status["kind"]?.stringValue == "Status" {
            if let text = status["message"]?.stringValue, !text.isEmpty { message = text }
            reason = status["reason"]?.stringValue
        } else if !body.isEmpty {
            let text = String(decoding: body.prefix(200), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !text.isEmpty { message = text }
        }
        return KubeError(kind: kind(forStatus: status), path: path, statusCode: status, message: message, reason: reason,
            attempts: attempts)
    }
}
