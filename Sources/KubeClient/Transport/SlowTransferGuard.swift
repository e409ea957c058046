import Synchronization

/// Fails a transfer that makes too little progress: fewer than `minimumBytes` in some `window` once its body has
/// begun. A stalled stream is caught by the read time-out already, and a late answer by the request time-out; this
/// catches the body that drips a byte at a time and would otherwise hold a download slot until the run's deadline.
///
/// One guard watches every transfer given to it with a single timer. A sleeping task per transfer stays allocated
/// until its time is up, even once cancelled: a run of many short downloads kept one for each download of the last
/// window, about 700 bytes apiece, so memory followed the number of containers.
public final class SlowTransferGuard: Sendable {
    /// How often progress is measured.
    let window: Duration
    /// The least progress per window.
    let minimumBytes: Int64
    private let watched = Mutex<Watched>(Watched())

    private struct Watched {
        var transfers: [Int: TransferWatch] = [:]
        var nextKey = 0
        var ticking = false
    }

    /// A guard measuring every `window` (the client's stall time-out suits) for at least `minimumBytes`.
    init(window: Duration, minimumBytes: Int64 = 1024) {
        self.window = window
        self.minimumBytes = minimumBytes
    }

    /// Runs `operation`, which reports bytes as they arrive on the counter it is given; throws ``TransferTooSlow``
    /// (and cancels the operation) when a window passes with too little progress.
    public func run<T: Sendable>(_ operation: @escaping @Sendable (TransferProgress) async throws -> T) async throws -> T {
        let watch = TransferWatch()
        let key = add(watch)
        defer { watched.withLock { _ = $0.transfers.removeValue(forKey: key) } }
        return try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await operation(watch.progress) }
            group.addTask {
                if let tooSlow = await watch.verdict() { throw tooSlow }
                throw CancellationError()
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    /// Whether the timer runs: from the first transfer until a measurement finds none left.
    var isTicking: Bool { watched.withLock { $0.ticking } }

    private func add(_ watch: TransferWatch) -> Int {
        let (key, startsTimer) = watched.withLock { watched in
            let key = watched.nextKey
            watched.nextKey += 1
            watched.transfers[key] = watch
            defer { watched.ticking = true }
            return (key, !watched.ticking)
        }
        if startsTimer {
            Task.detached { [self] in await tick() }
        }
        return key
    }

    /// Measures every watched transfer once a window, and stops when none is left.
    private func tick() async {
        while true {
            try? await Task.sleep(for: window)
            let transfers = watched.withLock { watched -> [TransferWatch]? in
                if watched.transfers.isEmpty {
                    watched.ticking = false
                    return nil
                }
                return Array(watched.transfers.values)
            }
            guard let transfers else { return }
            for transfer in transfers { transfer.measure(minimumBytes: minimumBytes, window: window) }
        }
    }
}

/// Bytes received so far by a guarded transfer.
public final class TransferProgress: Sendable {
    private let counter = Atomic<Int64>(0)
    private let begun = Atomic<Bool>(false)

    /// Marks the body as begun (the response head has come), from when progress is measured.
    public func begin() { begun.store(true, ordering: .relaxed) }

    /// Marks the body as not begun again: a download that waits to start over (after an outage) is not slow.
    public func pause() { begun.store(false, ordering: .relaxed) }

    /// Whether the body has begun.
    var hasBegun: Bool { begun.load(ordering: .relaxed) }

    /// Counts `count` more bytes (the body has begun, then).
    public func add(_ count: Int) {
        begun.store(true, ordering: .relaxed)
        counter.wrappingAdd(Int64(count), ordering: .relaxed)
    }

    /// The bytes counted.
    public var bytes: Int64 { counter.load(ordering: .relaxed) }
}

/// A transfer cut for making too little progress.
struct TransferTooSlow: Error, CustomStringConvertible, Sendable {
    public let bytes: Int64
    let window: Duration
    let minimumBytes: Int64

    var description: String {
        "too slow: \(bytes) bytes in \(window), under the \(minimumBytes) bytes a transfer must make in that time"
    }
}
