import Foundation

/// Runs collectors concurrently, each inside its own time limit, all inside the run's deadline, and records every
/// outcome in the summary as it happens.
public struct Runner: Sendable {
    /// How long the whole run may take; at the deadline, what runs is cancelled and what has not started is skipped.
    var deadline: Duration
    /// How many collectors run at once.
    var concurrency: Int
    /// Where progress lines go (`oc adm must-gather` streams stdout to the user).
    var progress: @Sendable (String) -> Void
    /// How often a line says what is still running, so the user never watches silence for long.
    var heartbeat: Duration
    /// The API server's outages, for the summary and the heartbeat; nil when no collector talks to a server.
    public var serverHealth: ServerHealth?

    public init(deadline: Duration, concurrency: Int = 4, heartbeat: Duration = .seconds(20),
        progress: @escaping @Sendable (String) -> Void = { print($0) })
    {
        self.deadline = deadline
        self.concurrency = max(1, concurrency)
        self.heartbeat = heartbeat
        self.progress = progress
    }

    private enum Outcome: Sendable {
        case finished(name: String, status: RunSummary.Status, reason: String?)
    }

    /// Runs `collectors` in order of the list (cheap first, bulky last, as the list puts them) and returns the summary,
    /// which it keeps in `gather-summary.json` at the root of `output` from start to end. Cancelling the calling task
    /// (SIGTERM) ends the run the way the deadline does.
    public func run(_ collectors: [any Collector], output: OutputTree, since: SinceWindow,
        heading: RunSummary.Heading = .init()) async -> RunSummary
    {
        let startedAt = Date()
        let recorder = SummaryRecorder(summary: RunSummary(toolVersion: heading.toolVersion, startedAt: startedAt,
            options: heading.options, clusterVersion: heading.clusterVersion,
            collectors: collectors.map { .init(name: $0.entry.name, kind: $0.entry.kindName, status: .pending) }),
            directory: output.root)
        for case let unavailable as UnavailableCollector in collectors {
            recorder.updateCollector(unavailable.entry.name) {
                $0.status = .skipped
                $0.reason = unavailable.reason
            }
            progress("[\(unavailable.entry.name)] skipped: \(unavailable.reason)")
        }
        if let serverHealth {
            serverHealth.observe {
                let outages = serverHealth.outages()
                recorder.update { $0.outages = outages.isEmpty ? nil : outages }
            }
        }
        let runnable = collectors.filter { !($0 is UnavailableCollector) }
        let runDeadline = ContinuousClock.now + deadline
        let pulse = Task { [heartbeat, progress, serverHealth] in
            while true {
                try await Task.sleep(for: heartbeat)
                let running = recorder.current.collectors.filter { $0.status == .running }
                guard !running.isEmpty else { continue }
                let bytes = running.reduce(Int64(0)) { $0 + $1.bytes }
                progress("[heartbeat] \(Int(Date().timeIntervalSince(startedAt))) s: still running "
                    + running.map(\.name).joined(separator: ", ") + ", \(bytes) bytes so far")
                if let waiting = serverHealth?.waitingLine() { progress("[heartbeat] " + waiting) }
            }
        }
        defer { pulse.cancel() }
        await withTaskGroup(of: Outcome.self) { group in
            var next = 0
            /// Starts the next collector; false when it was skipped instead (deadline passed, run interrupted).
            func startNext() -> Bool {
                let collector = runnable[next]
                next += 1
                let entry = collector.entry
                let limit = min(entry.timeout ?? deadline, ContinuousClock.now.duration(to: runDeadline))
                let diskRefusal = entry.isBulky
                    ? output.diskGuardRefusal
                        ?? output.diskGuard.refusal(root: output.root, written: output.bytesWritten, adding: 0)
                    : nil
                guard limit > .zero, !Task.isCancelled, diskRefusal == nil else {
                    let reason = Task.isCancelled ? "the run was interrupted before it started"
                        : diskRefusal.map { "disk guard: \($0)" } ?? "the run's deadline passed before it started"
                    recorder.updateCollector(entry.name) {
                        $0.status = .skipped
                        $0.reason = reason
                    }
                    progress("[\(entry.name)] skipped: \(reason)")
                    return false
                }
                let context = CollectorContext(output: output, since: since, startedAt: startedAt, name: entry.name,
                    progress: progress,
                    recorder: recorder)
                recorder.updateCollector(entry.name) {
                    $0.status = .running
                    $0.startedAt = Date()
                }
                progress("[\(entry.name)] started")
                group.addTask { await Self.runOne(collector, context: context, limit: limit) }
                return true
            }
            var running = 0
            func fill() {
                while running < concurrency && next < runnable.count {
                    if startNext() { running += 1 }
                }
            }
            fill()
            for await outcome in group {
                running -= 1
                guard case .finished(let name, let status, let reason) = outcome else { continue }
                recorder.updateCollector(name) { record in
                    record.status = status
                    record.reason = reason
                    record.endedAt = Date()
                    record.seconds = record.startedAt.map { Date().timeIntervalSince($0) }
                }
                let record = recorder.current.collectors.first { $0.name == name }
                progress("[\(name)] \(status.rawValue) in \(String(format: "%.1f", record?.seconds ?? 0)) s, "
                    + "\(record?.files ?? 0) files, \(record?.bytes ?? 0) bytes" + (reason.map { ": \($0)" } ?? ""))
                fill()
            }
        }
        let outages = serverHealth?.outages() ?? []
        recorder.update { summary in
            if !outages.isEmpty { summary.outages = outages }
            summary.endedAt = Date()
            summary.peakResidentBytes = ProcessMemory.peakResidentBytes()
            if Task.isCancelled { summary.interrupted = "interrupted by a signal" }
        }
        recorder.finish()
        return recorder.current
    }

    /// Runs one collector inside `limit`; whatever it throws becomes its outcome.
    private static func runOne(_ collector: any Collector, context: CollectorContext, limit: Duration) async -> Outcome {
        let name = collector.entry.name
        let result = await withTaskGroup(of: Outcome?.self) { group -> Outcome in
            group.addTask {
                do {
                    try await collector.run(context)
                    let record = context.recorder.current.collectors.first { $0.name == name }
                    let problems = (record?.problems.count ?? 0) + (record?.problemsNotListed ?? 0)
                    return .finished(name: name, status: problems == 0 ? .succeeded : .partial,
                        reason: problems == 0 ? nil : "\(problems) problems, see problems")
                } catch is CancellationError {
                    return .finished(name: name, status: .cancelled, reason: "cancelled")
                } catch let skipped as CollectorSkipped {
                    return .finished(name: name, status: .skipped, reason: skipped.reason)
                } catch let notApplicable as CollectorNotApplicable {
                    return .finished(name: name, status: .notApplicable, reason: notApplicable.reason)
                } catch {
                    return .finished(name: name, status: .failed, reason: "\(error)")
                }
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return Task.isCancelled ? nil : .finished(name: name, status: .timedOut,
                    reason: "did not finish within \(GoDuration.format(limit))")
            }
            var outcome: Outcome?
            while outcome == nil, let next = await group.next() {
                outcome = next
            }
            group.cancelAll()
            if Task.isCancelled, case .finished(_, .cancelled, _)? = outcome {
                return .finished(name: name, status: .cancelled, reason: "the run was interrupted")
            }
            return outcome ?? .finished(name: name, status: .cancelled, reason: "the run was interrupted")
        }
        return result
    }
}
