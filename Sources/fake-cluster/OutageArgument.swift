import ArgumentParser
import FakeCluster
import GatherKit

/// `--outage AFTER:FOR[:reset]`: each a Go duration (`3s`, `1m30s`, `500ms`) or a number of seconds (`8`, `2.5`); FOR
/// may be `never`, for a server that does not come back. With `:reset`, new connections are accepted and reset at once
/// instead of refused.
struct OutageArgument: ExpressibleByArgument {
    let outage: Outage

    init?(argument: String) {
        let parts = argument.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || (parts.count == 3 && parts[2] == "reset"), let after = Self.duration(parts[0]) else {
            return nil
        }
        let refusal: Outage.Refusal = parts.count == 3 ? .acceptAndReset : .closedSocket
        if parts[1] == "never" {
            outage = Outage(after: after, length: nil, refusal: refusal)
        } else {
            guard let length = Self.duration(parts[1]), length > .zero else { return nil }
            outage = Outage(after: after, length: length, refusal: refusal)
        }
    }

    private static func duration(_ text: String) -> Duration? {
        if let seconds = Double(text), seconds >= 0, seconds.isFinite { return .milliseconds(Int64(seconds * 1000)) }
        guard let duration = GoDuration.parse(text), duration >= .zero else { return nil }
        return duration
    }
}
