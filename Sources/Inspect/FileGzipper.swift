import Compression
import GatherKit

#if canImport(Glibc)
import Glibc
#endif

/// Replaces a written file by its gzip (`current.log` → `current.log.gz`), reading and compressing in 256 KiB blocks.
/// The gzip is complete before the original goes; if anything fails, the original stays.
enum FileGzipper {
    /// Compresses the file `components` into `<name>.gz` beside it and removes the original; returns the new size.
    static func replace(_ components: [String], in output: OutputTree) throws -> Int64 {
        let source = output.path(components)
        let descriptor = open(source, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard descriptor >= 0 else { throw OutputError(path: source, problem: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var target = components
        target[target.count - 1] += ".gz"
        let file = try output.createFile(target, bulky: true)
        do {
            let compressor = try GzipCompressor()
            var block = [UInt8](repeating: 0, count: 256 * 1024)
            while true {
                let count = block.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                guard count >= 0 else { throw OutputError(path: source, problem: String(cString: strerror(errno))) }
                if count == 0 { break }
                try block.withUnsafeBytes { bytes in
                    try compressor.compress(UnsafeRawBufferPointer(rebasing: bytes[0..<count])) { try file.write($0) }
                }
            }
            try compressor.finish { try file.write($0) }
            let size = file.bytesWritten
            try file.commit()
            unlink(source)
            return size
        } catch {
            try? file.remove()
            throw error
        }
    }
}
