import AsyncHTTPClient
import NIOCore

extension KubeClient {
    /// What a streamed GET delivered.
    public struct StreamResult: Sendable, Equatable {
        /// Bytes handed to the sink.
        public var bytes: Int64
        /// The `Content-Encoding` header (`gzip` when the server compressed the body).
        var contentEncoding: String?
        /// The `Content-Type` header.
        public var contentType: String?
    }

    /// GETs `request` and hands the body to `sink` chunk by chunk as it arrives, so memory does not grow with its size.
    ///
    /// Failures before the first byte are retried like any request. A failure after bytes reached the sink is not
    /// retried (the caller already has them) and comes as ``StreamInterrupted``; an error thrown by the sink itself is
    /// passed through unchanged.
    ///
    /// With `startOver`, a stream cut by an outage of the server (see ``ServerOutage``) is fetched again whole once the
    /// server answers: `startOver` is called first, for the caller to drop what it has, and `head` again with the new
    /// answer's head.
    /// - Parameters:
    ///   - head: called with the response head before the first chunk.
    ///   - startOver: drops what the sink has received; nil leaves a cut stream to fail with ``StreamInterrupted``.
    @discardableResult
    public func stream(
        _ request: Request,
        head: (StreamResult) async throws -> Void = { _ in },
        startOver: (() async throws -> Void)? = nil,
        to sink: (ByteBuffer) async throws -> Void
    ) async throws -> StreamResult {
        try await send(request, startOver: startOver) { response in
            var result = StreamResult(
                bytes: 0,
                contentEncoding: response.headers.first(name: "Content-Encoding"),
                contentType: response.headers.first(name: "Content-Type")
            )
            do {
                try await head(result)
            } catch {
                throw HandlerError(error: error)
            }
            do {
                for try await chunk in response.body {
                    do {
                        try await sink(chunk)
                    } catch {
                        throw HandlerError(error: error)
                    }
                    result.bytes += Int64(chunk.readableBytes)
                }
            } catch let handlerError as HandlerError {
                throw handlerError
            } catch {
                guard result.bytes > 0 else { throw error }
                let cause = TransportErrorClassifier.classify(error, path: request.path, server: connection.server,
                    attempts: 1)
                let interruption = StreamInterrupted(bytesDelivered: result.bytes, cause: cause)
                if startOver != nil, let unreachable = ServerReachability.unreachableCause(error) {
                    throw CutByOutage(cause: unreachable, interruption: interruption)
                }
                throw HandlerError(error: interruption)
            }
            return result
        }
    }
}

/// A stream that broke after some of its bytes were delivered: what the sink has is a truncated body.
struct StreamInterrupted: Error, CustomStringConvertible, Sendable {
    /// Bytes that reached the sink before the break.
    let bytesDelivered: Int64
    /// Why it broke.
    let cause: KubeError

    var description: String { "stream interrupted after \(bytesDelivered) bytes: \(cause)" }
}

/// A stream cut, after some of its bytes were delivered, in a way that says the server went away: fetched again whole
/// when an outage explains it, or failed as ``StreamInterrupted`` when the server still answers.
struct CutByOutage: Error {
    /// Why the server could not be reached, in a few words.
    let cause: String
    /// What the caller is told when no outage explains the cut.
    let interruption: StreamInterrupted
}
