import Foundation
import JSONCoding

/// How far back log collectors reach: everything, a duration before the start of the run, or a moment.
///
/// Set by `--since`/`--since-time` or the `MUST_GATHER_SINCE`/`MUST_GATHER_SINCE_TIME` variables that
/// `oc adm must-gather` passes; the time wins when both are given, as the openshift scripts do.
public enum SinceWindow: Sendable, Equatable, CustomStringConvertible {
    case everything
    case duration(Duration)
    case time(Date)

    /// The window from command-line values (already read) or, when those are nil, the environment. A variable with
    /// bad syntax is an error naming it.
    public static func resolve(since: Duration?, sinceTime: Date?, environment: [String: String])
        throws(SinceWindowError) -> SinceWindow
    {
        if let sinceTime { return .time(sinceTime) }
        if let timeText = nonEmpty(environment["MUST_GATHER_SINCE_TIME"]) {
            guard let date = RFC3339.parse(timeText) else {
                throw SinceWindowError(source: "MUST_GATHER_SINCE_TIME", value: timeText,
                    problem: "only accepts times matching RFC3339, eg '2006-01-02T15:04:05Z'")
            }
            return .time(date)
        }
        if let since { return .duration(since) }
        if let durationText = nonEmpty(environment["MUST_GATHER_SINCE"]) {
            guard let duration = GoDuration.parse(durationText), duration > .zero else {
                throw SinceWindowError(source: "MUST_GATHER_SINCE", value: durationText,
                    problem: "expected a positive Go duration such as 2h0m0s, 30m or 90s")
            }
            return .duration(duration)
        }
        return .everything
    }

    private static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text
    }

    /// The earliest moment inside the window, counted back from `start`; nil for everything.
    public func cutoff(from start: Date) -> Date? {
        switch self {
        case .everything: return nil
        case .duration(let duration):
            let (seconds, attoseconds) = duration.components
            return start.addingTimeInterval(-(Double(seconds) + Double(attoseconds) / 1e18))
        case .time(let date): return date
        }
    }

    public var description: String {
        switch self {
        case .everything: return "everything"
        case .duration(let duration): return "the last \(GoDuration.format(duration))"
        case .time(let date): return "since \(RFC3339.formatSeconds(date))"
        }
    }
}

/// A since value that cannot be used, naming where it came from.
public struct SinceWindowError: Error, CustomStringConvertible, Equatable {
    let source: String
    let value: String
    public let problem: String
    public var description: String { "\(source)=\(value): \(problem)" }
}
