import CZlib

/// Streaming gzip decompression with zlib, for bodies that arrive compressed (the node proxy's journal answers).
///
/// Accepts concatenated gzip members, as `gzip -d` does. Memory is fixed whatever the input size.
public final class GzipDecompressor {
    private let zlib: ZlibStream
    private var stream: UnsafeMutablePointer<z_stream> { zlib.pointer }
    private var output: [UInt8]
    private var atMemberEnd = false
    /// Whether the last byte fed ended a complete gzip member (a truncated body leaves this false).
    public private(set) var isComplete = false

    /// Creates a decompressor.
    public init(outputBufferSize: Int = 64 * 1024) throws(CompressionError) {
        output = [UInt8](repeating: 0, count: outputBufferSize)
        zlib = try ZlibStream(
            operation: "inflateInit2",
            initialize: { inflateInit2_($0, 15 + 16, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) },
            end: { inflateEnd($0) })
    }

    /// Decompresses `input`, handing the output to `emit`. Invalid data throws.
    public func decompress(_ input: UnsafeRawBufferPointer, emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        guard input.count > 0 else { return }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(input.count)
        let capacity = output.count
        try output.withUnsafeMutableBufferPointer { buffer in
            while stream.pointee.avail_in > 0 || stream.pointee.avail_out == 0 {
                if atMemberEnd {
                    // Another gzip member follows.
                    inflateReset(stream)
                    atMemberEnd = false
                    isComplete = false
                }
                stream.pointee.next_out = buffer.baseAddress
                stream.pointee.avail_out = uInt(capacity)
                let status = inflate(stream, Z_NO_FLUSH)
                let produced = capacity - Int(stream.pointee.avail_out)
                if produced > 0 { try emit(UnsafeRawBufferPointer(start: buffer.baseAddress, count: produced)) }
                switch status {
                case Z_STREAM_END:
                    atMemberEnd = true
                    isComplete = true
                case Z_OK:
                    break
                case Z_BUF_ERROR:
                    if stream.pointee.avail_in == 0 { return }
                    throw CompressionError(operation: "inflate", code: status)
                default:
                    let message = stream.pointee.msg.map { String(cString: $0) }
                    throw CompressionError(operation: "inflate", code: status, message: message)
                }
                if stream.pointee.avail_in == 0 && stream.pointee.avail_out > 0 { break }
            }
        }
        stream.pointee.next_in = nil
    }

    /// Decompresses the bytes of `input`.
    public func decompress(_ input: [UInt8], emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        try input.withUnsafeBytes { try decompress($0, emit: emit) }
    }

    /// Whether `prefix` starts with the gzip magic bytes `1f 8b`.
    public static func isGzip(_ prefix: some Collection<UInt8>) -> Bool {
        var iterator = prefix.makeIterator()
        return iterator.next() == 0x1F && iterator.next() == 0x8B
    }
}
