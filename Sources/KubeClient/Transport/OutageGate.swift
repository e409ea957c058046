import Foundation
import Synchronization

/// The one gate every request of a client passes: open while the API server answers, shut while it cannot be reached.
///
/// A rollout makes the server unreachable for seconds to a minute. Left to their retry policy, the requests in flight
/// would spend all their attempts within seconds and their targets would be lost; new requests would each meet the
/// same refusals. Instead, the first request that finds the server unreachable (``ServerReachability``) asks at once
/// whether the server answers a probe: if it does, only that request failed, and it is retried as any failed request.
/// If it does not, an outage begins: no request starts, the requests it cut wait too, and a single prober asks
/// `/readyz` (then `/version`) with a growing pause. The first answer opens the gate for every waiting request at
/// once, and the requests the outage cut are sent again without counting against their retries.
///
/// The wait ends at ``waitUntil`` (the run's deadline, less the time to record what is lost): past it, waiting
/// requests fail with the outage as their reason, so each target is named as lost.
final class OutageGate: Sendable {
    /// Asks the server whether it answers again.
    typealias Probe = @Sendable () async -> Bool

    /// What one request carries through the gate, from its first attempt to its last.
    struct Passage: Sendable {
        /// The outages begun when the request last passed: a failure of the request after a later outage began is
        /// that outage's doing, whatever the gate is now.
        var epoch = 0
        /// The outage (its index) that last held the request, if any.
        var heldBy: Int?
    }

    /// The gate gave up waiting for the server: the run's deadline is near.
    struct StoppedWaiting: Error, CustomStringConvertible {
        let outage: ServerOutage

        var description: String {
            "the API server has been unreachable since \(ServerOutage.clockTime(outage.began)) (\(outage.cause)); "
                + "stopped waiting for it at the run's deadline"
        }
    }

    private enum Phase {
        case open
        /// A request found the server unreachable; a probe is deciding whether it is.
        case checking
        /// The outage at this index is in progress.
        case down(Int)
    }

    private struct Waiter<Value> {
        let id: UInt64
        let continuation: CheckedContinuation<Value, any Error>
    }

    private struct State {
        var phase = Phase.open
        var records: [ServerOutage] = []
        /// Requests waiting for the gate to open.
        var admissions: [Waiter<Void>] = []
        /// Requests waiting for the probe's verdict on their failure.
        var verdicts: [Waiter<Bool>] = []
        var nextID: UInt64 = 0
        var observers: [@Sendable (ServerOutage) -> Void] = []
        var prober: Task<Void, Never>?
        var closed = false
    }

    private let state = Mutex(State())
    private let probe: Probe
    /// When waiting for the server ends.
    let waitUntil: ContinuousClock.Instant
    /// The prober's first pause, and its longest: short, so a server that is back is found within about a second.
    let firstPause: Duration
    let longestPause: Duration

    init(waitUntil: ContinuousClock.Instant, firstPause: Duration = .milliseconds(200),
        longestPause: Duration = .seconds(1), probe: @escaping Probe)
    {
        self.waitUntil = waitUntil
        self.firstPause = firstPause
        self.longestPause = longestPause
        self.probe = probe
    }

    /// Every outage so far, the one in progress last.
    var outages: [ServerOutage] { state.withLock { $0.records } }

    /// Calls `observer` with an outage's record whenever it begins, ends or gives up waiting.
    func observe(_ observer: @escaping @Sendable (ServerOutage) -> Void) {
        state.withLock { $0.observers.append(observer) }
    }

    /// Stops the prober and lets every waiting request fail (the client shuts down).
    func close() {
        let (prober, admissions, verdicts) = state.withLock { state in
            state.closed = true
            defer {
                state.admissions = []
                state.verdicts = []
            }
            return (state.prober, state.admissions, state.verdicts)
        }
        prober?.cancel()
        for waiter in admissions { waiter.continuation.resume(throwing: CancellationError()) }
        for waiter in verdicts { waiter.continuation.resume(throwing: CancellationError()) }
    }

    // MARK: Requests

    /// Waits while the server is unreachable. Throws ``StoppedWaiting`` once the wait has run out, and
    /// `CancellationError` when cancelled while waiting.
    func admit(_ passage: inout Passage) async throws {
        while true {
            enum Decision { case pass, wait(UInt64, nextOutage: Int?), stop(ServerOutage) }
            let decision: Decision = state.withLock { state in
                switch state.phase {
                case .open:
                    passage.epoch = state.records.count
                    return .pass
                case .checking:
                    // If the check finds an outage, it is the next record, and it held this request.
                    state.nextID += 1
                    return .wait(state.nextID, nextOutage: state.records.count)
                case .down(let index):
                    Self.hold(&passage, by: index, in: &state)
                    if ContinuousClock.now >= waitUntil {
                        state.records[index].gaveUp = true
                        return .stop(state.records[index])
                    }
                    state.nextID += 1
                    return .wait(state.nextID, nextOutage: nil)
                }
            }
            switch decision {
            case .pass: return
            case .stop(let outage): throw StoppedWaiting(outage: outage)
            case .wait(let id, let nextOutage):
                try await waitForOpening(id)
                if let nextOutage {
                    state.withLock { state in
                        if state.records.count > nextOutage { Self.hold(&passage, by: nextOutage, in: &state) }
                    }
                }
            }
        }
    }

    /// The request failed because the server could not be reached (`cause`). Returns true when an outage explains it
    /// (the request is to be sent again once the gate opens, its attempt not counted), false when the server answers
    /// and only this request failed.
    func reportUnreachable(_ cause: String, _ passage: inout Passage) async throws -> Bool {
        enum Decision { case outage, check, awaitVerdict(UInt64) }
        let decision: Decision = state.withLock { state in
            switch state.phase {
            case .down(let index):
                Self.hold(&passage, by: index, in: &state)
                return .outage
            case .checking:
                state.nextID += 1
                return .awaitVerdict(state.nextID)
            case .open:
                if passage.epoch < state.records.count {
                    // Cut by an outage that has ended since: send it again at once.
                    Self.hold(&passage, by: state.records.count - 1, in: &state)
                    return .outage
                }
                state.phase = .checking
                return .check
            }
        }
        switch decision {
        case .outage:
            return true
        case .awaitVerdict(let id):
            let isOutage = try await waitForVerdict(id)
            if isOutage { state.withLock { state in Self.hold(&passage, by: state.records.count - 1, in: &state) } }
            return isOutage
        case .check:
            let answers = await probe()
            let isOutage = !answers && !Task.isCancelled
            settle(isOutage: isOutage, cause: cause, passage: &passage)
            return isOutage
        }
    }

    /// The request ended; `lost` when it failed because the server could not be reached.
    func finished(_ passage: Passage, lost: Bool) {
        guard lost, let index = passage.heldBy else { return }
        let record = state.withLock { state -> ServerOutage in
            state.records[index].requestsLost += 1
            return state.records[index]
        }
        notify(record)
    }

    // MARK: Phases

    private static func hold(_ passage: inout Passage, by index: Int, in state: inout State) {
        guard passage.heldBy != index else { return }
        passage.heldBy = index
        state.records[index].requestsWaited += 1
    }

    /// Ends a check: an outage begins (and the prober starts), or the gate opens again.
    private func settle(isOutage: Bool, cause: String, passage: inout Passage) {
        let (verdicts, admissions, began) = state.withLock { state in
            let verdicts = state.verdicts
            state.verdicts = []
            guard isOutage, !state.closed else {
                state.phase = .open
                defer { state.admissions = [] }
                return (verdicts, state.admissions, ServerOutage?.none)
            }
            let index = state.records.count
            state.records.append(ServerOutage(began: Date(), cause: cause))
            state.phase = .down(index)
            Self.hold(&passage, by: index, in: &state)
            state.prober = Task.detached { [self] in await probeUntilAnswered(index) }
            return (verdicts, [], state.records[index])
        }
        for waiter in verdicts { waiter.continuation.resume(returning: isOutage) }
        for waiter in admissions { waiter.continuation.resume() }
        if let began { notify(began) }
    }

    /// Probes with a growing pause until the server answers, then opens the gate; wakes the waiting requests at the
    /// end of the wait so that they fail.
    private func probeUntilAnswered(_ index: Int) async {
        var pause = firstPause
        var gaveUp = false
        while !Task.isCancelled {
            let now = ContinuousClock.now
            if !gaveUp && now >= waitUntil {
                gaveUp = true
                let (waiting, record) = state.withLock { state in
                    state.records[index].gaveUp = true
                    defer { state.admissions = [] }
                    return (state.admissions, state.records[index])
                }
                for waiter in waiting { waiter.continuation.resume() }
                notify(record)
            }
            let nap = gaveUp ? pause : min(pause, now.duration(to: waitUntil))
            do {
                try await Task.sleep(for: max(nap, .milliseconds(1)))
            } catch {
                return
            }
            if await probe() {
                let (waiting, record) = state.withLock { state in
                    state.records[index].ended = Date()
                    state.phase = .open
                    state.prober = nil
                    defer { state.admissions = [] }
                    return (state.admissions, state.records[index])
                }
                for waiter in waiting { waiter.continuation.resume() }
                notify(record)
                return
            }
            pause = min(pause * 3 / 2, longestPause)
        }
    }

    private func notify(_ record: ServerOutage) {
        for observer in state.withLock({ $0.observers }) { observer(record) }
    }

    // MARK: Waiting

    private func waitForOpening(_ id: UInt64) async throws {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                enum Now { case wait, go, cancel }
                let now: Now = state.withLock { state in
                    if Task.isCancelled || state.closed { return .cancel }
                    if case .open = state.phase { return .go }
                    if case .down = state.phase, ContinuousClock.now >= waitUntil { return .go }
                    state.admissions.append(Waiter(id: id, continuation: continuation))
                    return .wait
                }
                switch now {
                case .wait: break
                case .go: continuation.resume()
                case .cancel: continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            state.withLock { state in
                state.admissions.firstIndex { $0.id == id }.map { state.admissions.remove(at: $0) }
            }?.continuation.resume(throwing: CancellationError())
        }
    }

    private func waitForVerdict(_ id: UInt64) async throws -> Bool {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Bool, any Error>) in
                enum Now { case wait, verdict(Bool), cancel }
                let now: Now = state.withLock { state in
                    if Task.isCancelled || state.closed { return .cancel }
                    switch state.phase {
                    case .checking:
                        state.verdicts.append(Waiter(id: id, continuation: continuation))
                        return .wait
                    case .down: return .verdict(true)
                    case .open: return .verdict(false)
                    }
                }
                switch now {
                case .wait: break
                case .verdict(let isOutage): continuation.resume(returning: isOutage)
                case .cancel: continuation.resume(throwing: CancellationError())
                }
            }
        } onCancel: {
            state.withLock { state in
                state.verdicts.firstIndex { $0.id == id }.map { state.verdicts.remove(at: $0) }
            }?.continuation.resume(throwing: CancellationError())
        }
    }
}
