import Compression
import GatherKit
import KubeClient

/// Streams one node-proxy body to a file, in 256 KiB writes on the blocking pool: gunzipped when the body is gzip
/// (sniffed from its first bytes, as oc does for journals), or gzipped on the fly, or each line prefixed, or as it
/// comes.
public struct NodeProxyDownload: Sendable {
    /// What is done to the body's bytes on their way to the file.
    public enum Encoding: Sendable {
        /// Gunzip a gzip body, pass anything else through (journals).
        case decompressIfGzip
        /// Gzip the body while writing (audit files that are not compressed yet).
        case compress
        /// Begin every line with this text, and end a last line that has no newline with one, as
        /// `oc adm node-logs` writes a file of several nodes (`<node> ` before each line).
        case prefixingLines(String)
        /// Write the bytes as they come.
        case asIs
    }

    let client: KubeClient

    public init(client: KubeClient) { self.client = client }

    /// GETs `path` (with `query`) into `file`; returns the bytes written. The file is left to the caller to commit or
    /// abandon. A body that drips (too few bytes in a stall time-out) is cut with ``TransferTooSlow``.
    public func download(_ path: String, query: [(name: String, value: String)] = [], encoding: Encoding, into file: OutputFile)
        async throws -> Int64
    {
        try await client.slowTransfers.run { [client] progress in
            var sink = try TransformingSink(file: file, encoding: encoding)
            let batches = BatchBuffer()
            try await client.stream(KubeClient.Request(path: path, query: query, accept: "text/plain, */*",
                headers: [("Accept-Encoding", "gzip")]), head: { _ in progress.begin() },
                startOver: {
                    // Cut by an outage: fetched again whole once the server answers.
                    _ = batches.drain()
                    progress.pause()
                    try await BlockingIO.run { try file.startOver() }
                    sink = try TransformingSink(file: file, encoding: encoding)
                }) { chunk in
                progress.add(chunk.readableBytes)
                if let batch = batches.add(chunk) {
                    let current = sink
                    try await BlockingIO.run { try current.write(batch) }
                }
            }
            let rest = batches.drain()
            let current = sink
            try await BlockingIO.run { try current.finish(rest) }
            return file.bytesWritten
        }
    }
}

/// Writes batches through the chosen transformation. Used by one download at a time.
final class TransformingSink: @unchecked Sendable {
    private let file: OutputFile
    private var encoding: NodeProxyDownload.Encoding
    private var decided = false
    private var decompressor: GzipDecompressor?
    private var compressor: GzipCompressor?
    private var linePrefix: [UInt8]?
    private var atLineStart = true

    public init(file: OutputFile, encoding: NodeProxyDownload.Encoding) throws {
        self.file = file
        self.encoding = encoding
        switch encoding {
        case .compress: compressor = try GzipCompressor()
        case .prefixingLines(let prefix): linePrefix = Array(prefix.utf8)
        case .decompressIfGzip, .asIs: break
        }
    }

    /// Writes a batch (on the blocking pool).
    func write(_ batch: [UInt8]) throws {
        if !decided {
            decided = true
            if case .decompressIfGzip = encoding, GzipDecompressor.isGzip(batch.prefix(3)) {
                decompressor = try GzipDecompressor()
            }
        }
        if let decompressor {
            try decompressor.decompress(batch) { try file.write($0) }
        } else if let compressor {
            try compressor.compress(batch) { try file.write($0) }
        } else if let linePrefix {
            try file.write(prefixingLines(batch, with: linePrefix))
        } else {
            try file.write(batch)
        }
    }

    private func prefixingLines(_ batch: [UInt8], with prefix: [UInt8]) -> [UInt8] {
        var prefixed: [UInt8] = []
        prefixed.reserveCapacity(batch.count + batch.count / 32 * prefix.count)
        var start = batch.startIndex
        while start < batch.endIndex {
            if atLineStart { prefixed += prefix }
            let end = batch[start...].firstIndex(of: 0x0A).map { $0 + 1 } ?? batch.endIndex
            prefixed += batch[start..<end]
            atLineStart = batch[end - 1] == 0x0A
            start = end
        }
        return prefixed
    }

    /// Writes the last batch and ends the compression stream.
    func finish(_ rest: [UInt8]) throws {
        if !rest.isEmpty || !decided { try write(rest) }
        if let decompressor, !decompressor.isComplete {
            throw CompressionError(operation: "gunzip", code: -1, message: "the gzip body ended early")
        }
        try compressor?.finish { try file.write($0) }
        if linePrefix != nil, !atLineStart { try file.write([0x0A]) }
    }
}
