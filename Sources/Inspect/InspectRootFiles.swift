import Foundation
import GatherKit
import JSONCoding
import KubeClient
import YAMLCoding

/// The files at the root of an inspect's output that every inspect of the run shares: the aggregated discovery
/// documents, `timestamp`, and `event-filter.html`.
struct InspectRootFiles: Sendable {
    let session: InspectSession
    let context: CollectorContext
    let files: YAMLFiles

    /// The content type of aggregated discovery, asked for and required back.
    static let aggregatedDiscoveryType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"

    /// `aggregated-discovery-apis.yaml` and `aggregated-discovery-api.yaml` (GET `/apis` and `/api` as aggregated
    /// discovery v2), once per run; a server that does not answer in v2 is noted, not an error.
    func writeAggregatedDiscovery() async {
        guard session.once("aggregated-discovery") else { return }
        for (path, file) in [("/apis", "aggregated-discovery-apis.yaml"), ("/api", "aggregated-discovery-api.yaml")] {
            do {
                let body = try await session.client.get(KubeClient.Request(path: path, accept: Self.aggregatedDiscoveryType))
                guard let type = body.contentType, type.contains("as=APIGroupDiscoveryList") else {
                    context.note("\(path) did not answer as aggregated discovery v2 (\(body.contentType ?? "no type"))")
                    continue
                }
                let document = try JSONParser.parse(body.bytes)
                context.countFile(bytes: try await files.writeObject(document, to: [file]))
            } catch {
                context.report(path, "failed inspecting discovery: \(error)")
            }
        }
    }

    /// Appends a line to `timestamp` as oc does at the start and end of each inspect: Go's `time.Now().String()`.
    func appendTimestamp() async throws {
        let line = GoTimeText.now(monotonicSince: session.began) + "\n"
        try await BlockingIO.run { [output = context.output] in try output.append(Array(line.utf8), to: ["timestamp"]) }
    }

    /// Rewrites `event-filter.html` with every event gathered so far in the run; counted once for the run, since every
    /// inspect rewrites the same file.
    func writeEventFilterPage() async throws {
        let bytes = try await BlockingIO.run { [output = context.output, session] in
            try session.eventPageWrite.withLock { _ in
                let (events, dropped) = session.events.snapshot()
                let file = try output.createFile(["event-filter.html"])
                do {
                    try EventFilterPage.write(events, dropped: dropped) { try file.write($0) }
                    try file.commit()
                } catch {
                    // What was written stays, under its `.partial` name.
                    try? file.abandon()
                    throw error
                }
                return file.bytesWritten
            }
        }
        if session.once("event-filter-counted") { context.countFile(bytes: bytes) }
    }
}
