import Foundation
import GatherKit
import JSONCoding
import KubeClient
import YAMLCoding

extension Inspector {
    /// The content type of aggregated discovery, asked for and required back.
    static let aggregatedDiscoveryType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"

    /// `aggregated-discovery-apis.yaml` and `aggregated-discovery-api.yaml` (GET `/apis` and `/api` as aggregated
    /// discovery v2), once per run; a server that does not answer in v2 is noted, not an error.
    func writeAggregatedDiscovery() async {
        guard session.once("aggregated-discovery") else { return }
        for (path, file) in [("/apis", "aggregated-discovery-apis.yaml"), ("/api", "aggregated-discovery-api.yaml")] {
            do {
                let body = try await client.get(KubeClient.Request(path: path, accept: Self.aggregatedDiscoveryType))
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

    /// Rewrites `event-filter.html` with every event gathered so far in the run.
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
        context.countFile(bytes: bytes)
    }
}

/// Go's `Time.String()` of the present in UTC, with the monotonic reading: `2024-05-01 10:20:30.123456789 +0000 UTC
/// m=+0.041000000`.
enum GoTimeText {
    static func now(monotonicSince start: ContinuousClock.Instant) -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let elapsed = ContinuousClock.now - start
        let monotonic = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d.%09ld +0000 UTC m=+%.9f", parts.tm_year + 1900,
            parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec, spec.tv_nsec, monotonic)
    }
}
