import Foundation

/// What the run hears of the API server's health, from whoever talks to it: the outages met, for the summary, and a
/// line for the heartbeat to repeat while one lasts. The engine knows no client; the executable wires one in.
public struct ServerHealth: Sendable {
    /// The outages so far, the one in progress last.
    var outages: @Sendable () -> [RunSummary.Outage]
    /// Registers a call made whenever an outage begins, ends or changes.
    var observe: @Sendable (@escaping @Sendable () -> Void) -> Void
    /// What the heartbeat says while an outage lasts; nil when the server answers.
    var waitingLine: @Sendable () -> String?

    public init(outages: @escaping @Sendable () -> [RunSummary.Outage],
        observe: @escaping @Sendable (@escaping @Sendable () -> Void) -> Void,
        waitingLine: @escaping @Sendable () -> String?)
    {
        self.outages = outages
        self.observe = observe
        self.waitingLine = waitingLine
    }
}
