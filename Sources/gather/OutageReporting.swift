import Foundation
import GatherKit
import KubeClient
import Synchronization

/// Tells the user and the run's summary about the API server's outages (see ``ServerOutage``): one console line when
/// an outage begins, one when it ends or outlasts the wait, the heartbeat's reminder while it lasts, and the records
/// for `gather-summary.json`.
final class OutageReporting: Sendable {
    private let client: KubeClient
    /// The run's deadline, for the time left.
    private let deadline: ContinuousClock.Instant
    /// What has been said of each outage, by its start.
    private let said = Mutex<[Date: Said]>([:])

    private enum Said: Int, Comparable {
        case began, ended

        static func < (left: Said, right: Said) -> Bool { left.rawValue < right.rawValue }
    }

    /// Reports `client`'s outages from now on.
    init(client: KubeClient, deadline: ContinuousClock.Instant) {
        self.client = client
        self.deadline = deadline
        client.observeOutages { [self] outage in report(outage) }
    }

    /// When the client stops waiting for the server: a little before the run's deadline, so that what is lost is
    /// still recorded, target by target, before the deadline cancels the collectors.
    static func stopWaiting(deadline: ContinuousClock.Instant, runLength: Duration) -> ContinuousClock.Instant {
        deadline - min(runLength / 10, .seconds(30))
    }

    /// What the runner needs for the summary and the heartbeat.
    var serverHealth: ServerHealth {
        ServerHealth(
            outages: { [client] in client.outages.map(Self.record) },
            observe: { [client] changed in client.observeOutages { _ in changed() } },
            waitingLine: { [self] in
                guard let outage = client.outages.last, outage.ended == nil, !outage.gaveUp else { return nil }
                return waitingLine(outage)
            })
    }

    /// `API server unreachable since 12:00:03 (connection refused); waiting, 4m10s left`.
    func waitingLine(_ outage: ServerOutage) -> String {
        let left = max(.zero, ContinuousClock.now.duration(to: deadline))
        return "API server unreachable since \(ServerOutage.clockTime(outage.began)) (\(outage.cause)); waiting, "
            + "\(GoDuration.format(left)) left"
    }

    private func report(_ outage: ServerOutage) {
        let stage: Said = outage.ended != nil || outage.gaveUp ? .ended : .began
        let news = said.withLock { said -> Bool in
            if let before = said[outage.began], before >= stage { return false }
            said[outage.began] = stage
            return true
        }
        guard news else { return }
        if stage == .began {
            Console.line(waitingLine(outage))
        } else if outage.ended != nil {
            Console.line(String(format: "API server answering again after %.1f s; %d requests had waited", outage.duration(),
                outage.requestsWaited))
        } else {
            Console.line("API server unreachable since \(ServerOutage.clockTime(outage.began)) (\(outage.cause)); stopped "
                + "waiting for it at the run's deadline: what is left is lost, and named in the summary")
        }
    }

    /// The summary's record of `outage`.
    static func record(_ outage: ServerOutage) -> RunSummary.Outage {
        RunSummary.Outage(startedAt: outage.began, endedAt: outage.ended, seconds: outage.duration(),
            cause: outage.cause, requestsWaited: outage.requestsWaited, requestsLost: outage.requestsLost)
    }
}
