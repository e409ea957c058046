import CZlib

/// Owns a heap-allocated `z_stream` (zlib needs a stable address) and ends it with the matching call.
public final class ZlibStream {
    let pointer: UnsafeMutablePointer<z_stream>
    private let end: (UnsafeMutablePointer<z_stream>) -> Int32

    /// Allocates a stream and runs `initialize` on it (`deflateInit2_` or `inflateInit2_`).
    init(
        operation: String,
        initialize: (UnsafeMutablePointer<z_stream>) -> Int32,
        end: @escaping (UnsafeMutablePointer<z_stream>) -> Int32
    ) throws(CompressionError) {
        pointer = .allocate(capacity: 1)
        pointer.initialize(to: z_stream())
        self.end = end
        let status = initialize(pointer)
        guard status == Z_OK else {
            pointer.deinitialize(count: 1)
            pointer.deallocate()
            throw CompressionError(operation: operation, code: status)
        }
    }

    deinit {
        _ = end(pointer)
        pointer.deinitialize(count: 1)
        pointer.deallocate()
    }
}
