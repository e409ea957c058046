import Compression
import Foundation
import Hummingbird
import NIOCore

/// Writes log lines to a response body in 64 KiB chunks, filtered and rendered as the kubelet would, optionally gzipped.
struct LogStreamer: Sendable {
    var lines: any LogLines
    /// Prefix each line with its RFC 3339 time.
    var timestamps = false
    /// Start at the first line at or after this time.
    var since: Date?
    /// Only the last N lines.
    var tailLines: Int?
    /// Stop after this many bytes.
    var limitBytes: Int?
    /// Gzip the body.
    var gzip = false
    /// Called with the bytes written once the body is done.
    var onFinish: @Sendable (Int) -> Void = { _ in }

    static let chunkSize = 64 * 1024

    func body() -> ResponseBody {
        let streamer = self
        return ResponseBody { writer in
            var sent = 0
            defer { streamer.onFinish(sent) }
            let compressor = streamer.gzip ? try GzipCompressor(level: 1) : nil
            func send(_ buffer: [UInt8], _ writer: inout any ResponseBodyWriter) async throws {
                guard !buffer.isEmpty else { return }
                if let compressor {
                    var compressed: [UInt8] = []
                    try compressor.compress(buffer) { compressed.append(contentsOf: $0) }
                    if !compressed.isEmpty { try await writer.write(ByteBuffer(bytes: compressed)) }
                    sent += compressed.count
                } else {
                    try await writer.write(ByteBuffer(bytes: buffer))
                    sent += buffer.count
                }
            }
            var start = streamer.since.map { streamer.lines.firstIndex(notBefore: $0) } ?? 0
            if let tail = streamer.tailLines { start = max(start, streamer.lines.count - max(tail, 0)) }
            var remaining = streamer.limitBytes ?? Int.max
            var buffer: [UInt8] = []
            buffer.reserveCapacity(Self.chunkSize + 4096)
            var timestampWriter = TimestampWriter()
            var index = start
            while index < streamer.lines.count && remaining > 0 {
                let before = buffer.count
                streamer.lines.appendLine(at: index, timestamps: streamer.timestamps, to: &buffer, using: &timestampWriter)
                let added = buffer.count - before
                if added > remaining {
                    buffer.removeLast(added - remaining)
                    remaining = 0
                } else {
                    remaining -= added
                }
                if buffer.count >= Self.chunkSize {
                    try await send(buffer, &writer)
                    buffer.removeAll(keepingCapacity: true)
                }
                index += 1
            }
            try await send(buffer, &writer)
            if let compressor {
                var tail: [UInt8] = []
                try compressor.finish { tail.append(contentsOf: $0) }
                try await writer.write(ByteBuffer(bytes: tail))
                sent += tail.count
            }
            try await writer.finish(nil)
        }
    }
}
