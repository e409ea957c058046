import GatherKit
import JSONCoding

extension SinceWindow {
    /// The pod-log API's query item for the window: `sinceSeconds` (rounded up) or `sinceTime`; nil for everything.
    var podLogQuery: (name: String, value: String)? {
        switch self {
        case .everything: return nil
        case .duration(let duration):
            let (seconds, attoseconds) = duration.components
            return ("sinceSeconds", String(seconds + (attoseconds > 0 ? 1 : 0)))
        case .time(let date): return ("sinceTime", RFC3339.formatSeconds(date))
        }
    }
}
