import Hummingbird
import HTTPTypes
import NIOCore

extension FakeAPIHandler {
    /// Faults that answer instead of the cluster (or never answer): latency first, then the first that fires.
    func earlyFault(_ applicable: [Fault], request: Request) async -> Response? {
        for fault in applicable {
            switch fault.kind {
            case .latency(let milliseconds):
                try? await Task.sleep(for: .milliseconds(milliseconds))
            case .neverAnswer:
                while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
                return APIResponses.status(503, "cancelled")
            case .forbidden:
                return APIResponses.status(403,
                    "forbidden: User \"system:serviceaccount:openshift-must-gather:default\" cannot get path \"\(request.uri.path)\"")
            case .unauthorized:
                return APIResponses.status(401, "Unauthorized")
            case .serverError(let status, let share):
                if FaultPlan.isSelected(faults.count("share \(fault.pattern)"), share: share) {
                    return APIResponses.status(status, status == 503 ? "the server is currently unable to handle the request"
                        : "Internal error occurred: injected fault")
                }
            case .tooManyRequests(let seconds, let count):
                if faults.count("429 \(fault.pattern) \(request.uri.description)") <= count {
                    return APIResponses.status(429, "Too many requests, please try again later.",
                        headers: [HTTPField.Name("Retry-After")!: String(seconds)])
                }
            case .expiredContinue:
                if request.uri.queryParameters["continue"] != nil {
                    return APIResponses.status(410,
                        "The provided continue parameter is too old to display a consistent list result.")
                }
            default:
                continue
            }
        }
        return nil
    }

    /// Faults that spoil the body of an answer the cluster gave.
    func bodyFaults(_ applicable: [Fault], on response: Response) -> Response {
        var response = response
        for fault in applicable {
            let mode: FaultyBodyWriter.Mode
            switch fault.kind {
            case .resetAfter(let bytes): mode = .reset(after: bytes)
            case .stallAfter(let bytes): mode = .stall(after: bytes)
            case .drip(let rate): mode = .drip(bytesPerSecond: rate)
            case .truncateAfter(let bytes): mode = .truncate(after: bytes)
            case .malformedJSON:
                response.body = .init(byteBuffer: ByteBuffer(string: #"{"kind":"PodList","items":[{"metadata":"#))
                continue
            case .deeplyNestedJSON(let depth):
                response.body = HostileListBody.deeplyNested(depth: depth)
                continue
            case .invalidUTF8:
                response.body = HostileListBody.invalidUTF8()
                continue
            case .endlessString:
                response.body = HostileListBody.endlessString()
                response.headers[.contentLength] = nil
                continue
            default:
                continue
            }
            let body = response.body
            response.body = ResponseBody { writer in
                try await body.write(FaultyBodyWriter(inner: writer, mode: mode))
            }
            response.headers[.contentLength] = nil
        }
        return response
    }
}
