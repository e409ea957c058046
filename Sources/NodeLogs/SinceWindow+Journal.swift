import GatherKit
import JSONCoding

extension SinceWindow {
    /// The kubelet journal endpoint's `since`: `-<seconds>s`, or `YYYY-MM-DD HH:MM:SS` in UTC for a moment; `fallback`
    /// (the openshift scripts' 7 days) for everything.
    func journalSince(default fallback: Duration = .seconds(7 * 86400)) -> String {
        switch self {
        case .everything: return "-\(fallback.components.seconds)s"
        case .duration(let duration): return "-\(max(duration.components.seconds, 1))s"
        case .time(let date):
            return RFC3339.formatSeconds(date).replacingOccurrences(of: "T", with: " ")
                .replacingOccurrences(of: "Z", with: "")
        }
    }
}
