import NIOCore

/// Gathers small network chunks into batches worth one blocking write (256 KiB by default). Used by one download at
/// a time.
public final class BatchBuffer: @unchecked Sendable {
    private var bytes: [UInt8] = []
    /// The size at which a batch is handed out.
    let threshold: Int

    public init(threshold: Int = 256 * 1024) { self.threshold = threshold }

    /// Adds `chunk`; returns the batch once it holds `threshold` bytes.
    public func add(_ chunk: ByteBuffer) -> [UInt8]? {
        bytes.append(contentsOf: chunk.readableBytesView)
        guard bytes.count >= threshold else { return nil }
        return drain()
    }

    /// Whatever is gathered, emptied.
    public func drain() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }
}
