import Foundation
import Hummingbird
import JSONCoding
import KubeClient

extension FakeAPIHandler {
    /// `GET /api/v1/namespaces/<ns>/pods/<pod>/log` with `container`, `previous`, `timestamps`, `sinceSeconds`,
    /// `sinceTime`, `limitBytes` and `tailLines`, answered with the kubelet's errors.
    func podLog(pod: StoredObject, query: QueryParameters, streamed: @escaping @Sendable (Int, Int) -> Void) -> Response {
        let namespace = pod.namespace ?? ""
        let containers = (pod.value[path: "spec", "containers"]?.arrayValue ?? [])
            + (pod.value[path: "spec", "initContainers"]?.arrayValue ?? [])
        let names = containers.compactMap { $0["name"]?.stringValue }
        let container: String
        if let chosen = query["container"], !chosen.isEmpty {
            guard names.contains(chosen) else {
                return APIResponses.status(400, "container \(chosen) is not valid for pod \(pod.name)")
            }
            container = chosen
        } else {
            let main = pod.value[path: "spec", "containers"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            guard main.count == 1 else {
                return APIResponses.status(400,
                    "a container name must be specified for pod \(pod.name), choose one of: [\(main.joined(separator: " "))]")
            }
            container = main[0]
        }
        let previous = query.flag("previous")
        let key = ClusterData.PodLogKey(namespace: namespace, pod: pod.name, container: container, previous: previous)
        guard let lines = data.podLogs[key] else {
            if previous {
                return APIResponses.status(400,
                    "previous terminated container \"\(container)\" in pod \"\(pod.name)\" not found")
            }
            return APIResponses.json(Array<UInt8>(), contentType: "text/plain")
        }
        var since: Date?
        if let seconds = query["sinceSeconds"].flatMap(Int.init) {
            since = data.currentTime.addingTimeInterval(-Double(seconds))
        } else if let text = query["sinceTime"] {
            guard let time = RFC3339.parse(text) else {
                return APIResponses.status(400, "sinceTime: invalid RFC3339 time \"\(text)\"")
            }
            since = time
        }
        let streamer = LogStreamer(lines: lines, timestamps: query.flag("timestamps"), since: since,
            tailLines: query["tailLines"].flatMap(Int.init), limitBytes: query["limitBytes"].flatMap(Int.init),
            onFinish: { streamed($0, 200) })
        return Response(status: .ok, headers: [.contentType: "text/plain"], body: streamer.body())
    }
}
