import Hummingbird
import HTTPTypes
import JSONCoding
import KubeClient
import NIOCore

/// The answers the fake API server builds: JSON bodies and `Status` errors, as a real server shapes them.
enum APIResponses {
    static func json(_ bytes: [UInt8], status: HTTPResponse.Status = .ok, contentType: String = "application/json")
        -> Response
    {
        Response(status: status, headers: [.contentType: contentType],
            body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        json(JSONWriter.bytes(of: value), status: status)
    }

    /// A `Status` failure with Kubernetes' reason for `code`.
    static func status(_ code: Int, _ message: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: .init(code: code), headers: fields,
            body: .init(byteBuffer: ByteBuffer(bytes: statusBody(code, message))))
    }

    /// The JSON of a `Status` failure.
    static func statusBody(_ code: Int, _ message: String) -> [UInt8] {
        let reasons = [400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 406: "NotAcceptable",
            410: "Expired", 429: "TooManyRequests", 500: "InternalError", 503: "ServiceUnavailable"]
        let body: JSONValue = ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
            "message": .string(message), "reason": .string(reasons[code] ?? "Unknown"), "code": .integer(code)]
        return JSONWriter.bytes(of: body)
    }

    static func notFound(_ resource: String, _ name: String) -> Response {
        status(404, "\(resource) \"\(name)\" not found")
    }
}
