import Foundation

/// One spell during which the API server could not be reached, as the client saw it: for the run's summary and its
/// console lines.
public struct ServerOutage: Sendable, Equatable {
    /// When the first request found the server unreachable.
    public var began: Date
    /// When a probe found it answering again; nil while it lasts (or when it never came back).
    public var ended: Date?
    /// What the first failure was, in a few words (`connection refused`).
    public var cause: String
    /// Requests that waited for the server, or were cut by the outage and sent again.
    public var requestsWaited = 0
    /// Requests that failed because of it, having waited until the client stopped waiting.
    public var requestsLost = 0
    /// Whether the client stopped waiting (the run's deadline came) before the server answered.
    public var gaveUp = false

    /// How long it lasted, up to `now` while it lasts.
    public func duration(now: Date = Date()) -> TimeInterval { (ended ?? now).timeIntervalSince(began) }

    /// `12:00:03`: a time of day in UTC, as the rest of a gather's times.
    public static func clockTime(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) % 86_400
        return String(format: "%02d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60)
    }
}
