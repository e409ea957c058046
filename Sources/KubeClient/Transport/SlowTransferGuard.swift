import Synchronization

/// Fails a transfer that makes too little progress: fewer than `minimumBytes` in some `window` once its body has
/// begun. A stalled stream is caught by the read time-out already, and a late answer by the request time-out; this
/// catches the body that drips a byte at a time and would otherwise hold a download slot until the run's deadline.
public struct SlowTransferGuard: Sendable {
    /// How often progress is measured.
    public let window: Duration
    /// The least progress per window.
    public let minimumBytes: Int64

    /// A guard measuring every `window` (the client's stall time-out suits) for at least `minimumBytes`.
    public init(window: Duration, minimumBytes: Int64 = 1024) {
        self.window = window
        self.minimumBytes = minimumBytes
    }

    /// Runs `operation`, which reports bytes as they arrive on the counter it is given; throws ``TransferTooSlow``
    /// (and cancels the operation) when a window passes with too little progress.
    public func run<T: Sendable>(_ operation: @escaping @Sendable (TransferProgress) async throws -> T) async throws -> T {
        let progress = TransferProgress()
        return try await withThrowingTaskGroup(of: T.self) { group in
            group.addTask { try await operation(progress) }
            group.addTask { [window, minimumBytes] in
                var previous: Int64?
                while true {
                    try await Task.sleep(for: window)
                    // Waiting for a permit, a connection or the response head is not the body's slowness.
                    guard progress.hasBegun else { continue }
                    let current = progress.bytes
                    if let last = previous, current - last < minimumBytes {
                        throw TransferTooSlow(bytes: current - last, window: window, minimumBytes: minimumBytes)
                    }
                    previous = current
                }
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }
}

/// Bytes received so far by a guarded transfer.
public final class TransferProgress: Sendable {
    private let counter = Atomic<Int64>(0)
    private let begun = Atomic<Bool>(false)

    /// Marks the body as begun (the response head has come), from when progress is measured.
    public func begin() { begun.store(true, ordering: .relaxed) }

    /// Whether the body has begun.
    public var hasBegun: Bool { begun.load(ordering: .relaxed) }

    /// Counts `count` more bytes (the body has begun, then).
    public func add(_ count: Int) {
        begun.store(true, ordering: .relaxed)
        counter.wrappingAdd(Int64(count), ordering: .relaxed)
    }

    /// The bytes counted.
    public var bytes: Int64 { counter.load(ordering: .relaxed) }
}

/// A transfer cut for making too little progress.
public struct TransferTooSlow: Error, CustomStringConvertible, Sendable {
    public let bytes: Int64
    public let window: Duration
    public let minimumBytes: Int64

    public var description: String {
        "too slow: \(bytes) bytes in \(window), under the \(minimumBytes) bytes a transfer must make in that time"
    }
}
