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
    /// - Parameter head: called once with the response head before the first chunk.
    @discardableResult
    public func stream(
        _ request: Request,
        head: (StreamResult) async throws -> Void = { _ in },
        to sink: (ByteBuffer) async throws -> Void
    ) async throws -> StreamResult {
        try await send(request) { response in
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
                throw HandlerError(error: StreamInterrupted(bytesDelivered: result.bytes, cause: cause))
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
