import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import NIOCore

extension FakeAPIHandler {
    /// The exec subprotocols served: v5 adds the close signal to v4; every OpenShift 4 API server speaks v4.
    static let execSubprotocols = ["v5.channel.k8s.io", "v4.channel.k8s.io"]

    /// What becomes of an exec request.
    enum ExecDecision {
        /// Refused before any upgrade, with this HTTP status and `Status` message.
        case refuse(status: Int, message: String)
        /// Upgraded with this subprotocol; the command ends as `outcome` says, bent by `faults`.
        case run(subprotocol: String, outcome: ExecOutcome, faults: [Fault])
    }

    /// Decides a request to `/api/v1/namespaces/NS/pods/POD/exec`, checking what the API server checks before it
    /// upgrades: credentials, permission (the `forbidden` fault), the pod, the container, a command, and a
    /// subprotocol both sides speak. Nil when the path is not an exec path.
    func execDecision(path: String, rawQuery: String?, headers: HTTPFields) -> ExecDecision? {
        let segments = path.split(separator: "/").map { String($0).removingPercentEncoding ?? String($0) }
        guard segments.count == 7, segments[0] == "api", segments[1] == "v1", segments[2] == "namespaces",
            segments[4] == "pods", segments[6] == "exec"
        else { return nil }
        let (namespace, podName) = (segments[3], segments[5])
        guard headers[.authorization] == "Bearer \(token)" else { return .refuse(status: 401, message: "Unauthorized") }
        if let refusal = impersonation.refusal(of: headers) { return .refuse(status: refusal.code, message: refusal.message) }
        let applicable = faults.applicable(to: path)
        if applicable.contains(where: { $0.kind == .forbidden }) {
            return .refuse(status: 403, message: "pods \"\(podName)\" is forbidden: User "
                + "\"system:serviceaccount:openshift-must-gather:default\" cannot create resource \"pods/exec\" in API "
                + "group \"\" in the namespace \"\(namespace)\"")
        }
        guard let pod = data.table(group: "", name: "pods")?.object(named: podName, in: namespace) else {
            return .refuse(status: 404, message: "pods \"\(podName)\" not found")
        }
        let query = Self.allQueryValues(rawQuery)
        let containers = (pod.value[path: "spec", "containers"]?.arrayValue ?? []).compactMap { $0[path: "name"]?.stringValue }
        let container = query["container"]?.first ?? containers.first ?? ""
        guard containers.contains(container) else {
            return .refuse(status: 400, message: "container \(container) is not valid for pod \(podName)")
        }
        guard let command = query["command"], !command.isEmpty else {
            return .refuse(status: 400, message: "you must specify at least one command for the container")
        }
        let offered = headers[values: .secWebSocketProtocol].flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard let subprotocol = offered.first(where: { Self.execSubprotocols.contains($0) }) else {
            return .refuse(status: 400, message: "unable to upgrade: none of the offered subprotocols \(offered) is "
                + "supported (\(Self.execSubprotocols.joined(separator: ", ")))")
        }
        let contents = data.podContents[.init(namespace: namespace, pod: podName)] ?? PodContents()
        return .run(subprotocol: subprotocol, outcome: ExecCommand.run(command, in: contents), faults: applicable)
    }

    /// Every value of every query parameter, in order (exec repeats `command` once per argument).
    static func allQueryValues(_ rawQuery: String?) -> [String: [String]] {
        var values: [String: [String]] = [:]
        for pair in (rawQuery ?? "").split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                .map { $0.replacingOccurrences(of: "+", with: " ") }
                .map { $0.removingPercentEncoding ?? $0 }
            values[parts[0], default: []].append(parts.count > 1 ? parts[1] : "")
        }
        return values
    }

    /// The answer to an exec request that came without a WebSocket upgrade.
    func execWithoutUpgrade(_ request: Request) -> Response {
        switch execDecision(path: request.uri.path, rawQuery: request.uri.query, headers: request.headers) {
        case .refuse(let status, let message):
            return APIResponses.status(status, message)
        case .run, nil:
            return APIResponses.status(400, "Upgrade request required")
        }
    }

    /// Decides a WebSocket upgrade: an exec session, or a refusal written on the connection before it is closed.
    func shouldUpgrade(_ head: HTTPRequest, channel: any Channel) async
        -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>>
    {
        let clock = ContinuousClock()
        let start = clock.now
        let target = head.path ?? ""
        let path = String(target.prefix { $0 != "?" })
        let rawQuery = target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) }
        let record: @Sendable (Int, Int) -> Void = { [log] status, bytes in
            log.record(.init(method: head.method.rawValue, target: target, status: status, bytes: bytes,
                duration: start.duration(to: clock.now)))
        }
        switch execDecision(path: path, rawQuery: rawQuery, headers: head.headerFields) {
        case .run(let subprotocol, let outcome, let faults):
            let session = ExecSession(outcome: outcome, faults: faults, connection: channel) { bytes in record(101, bytes) }
            return .upgrade([.secWebSocketProtocol: subprotocol]) { inbound, outbound, _ in
                try await session.run(inbound: inbound, outbound: outbound)
            }
        case .refuse(let status, let message):
            record(status, 0)
            await UpgradeRefusal.write(status: status, body: APIResponses.statusBody(status, message), on: channel)
            return .dontUpgrade
        case nil:
            record(404, 0)
            await UpgradeRefusal.write(status: 404,
                body: APIResponses.statusBody(404, "the server could not find the requested resource"), on: channel)
            return .dontUpgrade
        }
    }
}
