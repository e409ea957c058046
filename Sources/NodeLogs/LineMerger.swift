import GatherKit

#if canImport(Glibc)
import Glibc
#endif

/// Merges files of lines into one, always taking the smallest next line (bytewise), as `oc adm node-logs` unifies
/// the journals of several nodes: with journalctl's `short-precise` lines the result is in time order. Each input is
/// read in 64 KiB blocks, so memory does not grow with the files. A last line without a newline gets one. A line longer
/// than ``LineReader/maximumLineBytes`` (a journal that never writes a newline) is passed on in pieces of that size.
enum LineMerger {
    /// Writes the file at `components` of `output` from `groups` of input files: each group merged, one group after
    /// the other. Commits the file, or leaves it `.partial` when a step fails. Blocking. Returns the bytes written.
    static func writeFile(_ components: [String], in output: OutputTree, mergingInTurn groups: [[String]]) throws
        -> Int64
    {
        let file = try output.createFile(components, bulky: true)
        do {
            var bytes: Int64 = 0
            for inputs in groups { bytes += try merge(inputs, into: file) }
            try file.commit()
            return bytes
        } catch {
            try? file.abandon()
            throw error
        }
    }

    /// Merges `inputs` (paths) into `output`; returns the bytes written.
    static func merge(_ inputs: [String], into output: OutputFile) throws -> Int64 {
        let readers = try inputs.map { try LineReader(path: $0) }
        var current: [[UInt8]?] = try readers.indices.map { try readers[$0].nextLine() }
        var batch: [UInt8] = []
        batch.reserveCapacity(256 * 1024)
        var written: Int64 = 0
        while true {
            var smallest: Int?
            for index in current.indices {
                guard let line = current[index] else { continue }
                if let best = smallest, !line.lexicographicallyPrecedes(current[best]!) { continue }
                smallest = index
            }
            guard let chosen = smallest else { break }
            batch.append(contentsOf: current[chosen]!)
            batch.append(0x0A)
            current[chosen] = try readers[chosen].nextLine()
            if batch.count >= 256 * 1024 {
                try output.write(batch)
                written += Int64(batch.count)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try output.write(batch)
        return written + Int64(batch.count)
    }
}

/// Reads a file line by line in blocks; the file closes at its end or when the reader goes.
final class LineReader {
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false

    init(path: String) throws {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw OutputError(path: path, problem: String(cString: strerror(errno))) }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// The longest line kept whole: the merger holds one line per input, so a file without newlines must not be read
    /// into memory whole.
    static let maximumLineBytes = 1 << 20

    /// The next line without its newline, or nil at the end (and the file is closed).
    func nextLine() throws -> [UInt8]? {
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                defer { start = newline + 1 }
                return Array(buffer[start..<newline])
            }
            if buffer.count - start >= Self.maximumLineBytes {
                defer { start += Self.maximumLineBytes }
                return Array(buffer[start..<(start + Self.maximumLineBytes)])
            }
            if atEnd {
                guard start < buffer.count else { return nil }
                defer { start = buffer.count }
                return Array(buffer[start...])
            }
            buffer.removeSubrange(0..<start)
            start = 0
            var block = [UInt8](repeating: 0, count: 64 * 1024)
            let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count >= 0 else { throw OutputError(path: "journal", problem: String(cString: strerror(errno))) }
            if count == 0 {
                atEnd = true
                close(descriptor)
                descriptor = -1
            } else {
                buffer.append(contentsOf: block[0..<count])
            }
        }
    }
}
