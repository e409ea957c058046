import AsyncHTTPClient
import JSONCoding
import NIOCore

extension KubeClient {
    /// The body of a successful GET, read whole (bounded by `maximumBytes`), with its content type.
    public struct Body: Sendable {
        /// The bytes of the body.
        public let bytes: [UInt8]
        /// The `Content-Type` header, if any.
        public let contentType: String?
    }

    /// GETs `request` and returns its whole body. A body over `maximumBytes` is a `bodyTooLarge` error.
    public func get(_ request: Request, maximumBytes: Int = 256 * 1024 * 1024) async throws -> Body {
        try await send(request) { response in
            let contentType = response.headers.first(name: "Content-Type")
            let buffer: ByteBuffer
            do {
                buffer = try await response.body.collect(upTo: maximumBytes)
            } catch is NIOTooManyBytesError {
                throw DeliveredError(
                    error: KubeError(kind: .bodyTooLarge, path: request.path,
                        message: "body larger than \(maximumBytes) bytes"))
            }
            return Body(bytes: Array(buffer.readableBytesView), contentType: contentType)
        }
    }

    /// GETs `path` and parses the body as JSON. Invalid JSON is a `malformedResponse` error.
    public func getJSON(_ path: String, query: [(name: String, value: String)] = []) async throws -> JSONValue {
        let body = try await get(Request(path: path, query: query))
        do {
            return try JSONParser.parse(body.bytes)
        } catch {
            throw KubeError(kind: .malformedResponse, path: path, message: error.description)
        }
    }

    /// The server's `/version` object (`gitVersion`, `major`, `minor`, ...).
    public func serverVersion() async throws -> JSONValue {
        try await getJSON("/version")
    }
}
