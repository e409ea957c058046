import GatherKit

#if canImport(Glibc)
import Glibc
#endif

/// A log file that keeps at most the newest `limit` bytes of what it is given: when it grows past twice the limit, the
/// newest `limit` bytes move to the front and the file is cut there. Memory stays at one copy buffer and the disk at
/// twice the limit, however long the log. Without a limit it simply appends.
///
/// Used by one task at a time, from the blocking pool.
final class TailKeepingFile: @unchecked Sendable {
    private let file: OutputFile
    private let limit: Int64?
    /// Whether older bytes were dropped.
    private(set) var droppedBytes: Int64 = 0

    init(file: OutputFile, limit: Int64?) {
        self.file = file
        self.limit = limit
    }

    /// Bytes received so far (dropped ones included).
    var received: Int64 { file.bytesWritten + droppedBytes }

    func append(_ bytes: [UInt8]) throws {
        try file.write(bytes)
        if let limit, file.bytesWritten - compactedSize > 2 * limit { try compact(keeping: limit) }
    }

    /// Ends the file: cut to the limit, the first partial line dropped if bytes were dropped, and committed.
    func commit() throws {
        if let limit, file.bytesWritten - compactedSize > limit { try compact(keeping: limit) }
        if droppedBytes > 0 { try dropFirstPartialLine() }
        try file.commit()
    }

    /// Leaves the file under its `.partial` name.
    func abandon() throws {
        try file.abandon()
    }

    // MARK: Compaction

    /// The bytes of the file that hold data (the file's own count keeps growing with every write).
    private var size: Int64 { file.bytesWritten - compactedSize }
    private var compactedSize: Int64 = 0

    private func compact(keeping limit: Int64) throws {
        let start = size - limit
        try file.moveToFront(from: start, count: limit)
        droppedBytes += start
        compactedSize += start
    }

    private func dropFirstPartialLine() throws {
        guard let newline = try file.firstOffset(of: UInt8(ascii: "\n"), within: min(size, 1 << 20)) else { return }
        let cut = newline + 1
        try file.moveToFront(from: cut, count: size - cut)
        droppedBytes += cut
        compactedSize += cut
    }
}
