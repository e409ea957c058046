import CArchive
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Writes a gzip-compressed tar archive with libarchive, entry by entry, streaming file contents from disk.
///
/// Entry paths must be relative and must not climb (`..`): an archive made here never extracts outside its folder.
public final class TarGzArchiveWriter {
    private var archive: OpaquePointer?
    private let path: String

    /// Opens `path` for writing (replacing it).
    init(path: String) throws(CompressionError) {
        self.path = path
        guard let handle = archive_write_new() else { throw CompressionError(operation: "archive_write_new", code: -1) }
        archive = handle
        try check(archive_write_add_filter_gzip(handle), "archive_write_add_filter_gzip")
        try check(archive_write_set_format_pax_restricted(handle), "archive_write_set_format_pax_restricted")
        try check(archive_write_open_filename(handle, path), "archive_write_open_filename")
    }

    deinit {
        if let archive {
            archive_write_free(archive)
        }
    }

    /// Adds a directory entry.
    func addDirectory(_ entryPath: String, permissions: mode_t = 0o755, modified: Date = Date())
        throws(CompressionError)
    {
        try Self.validate(entryPath)
        try writeHeader(entryPath, type: CArchive_AE_IFDIR, size: 0, permissions: permissions, modified: modified)
    }

    /// Adds the regular file at `diskPath` as `entryPath`, copying it in 256 KiB chunks.
    func addFile(at diskPath: String, as entryPath: String) throws(CompressionError) {
        try Self.validate(entryPath)
        // No symbolic link is followed: what is packed is the file that is in the folder.
        let descriptor = open(diskPath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CompressionError(operation: "open \(diskPath)", code: errno, message: String(cString: strerror(errno)))
        }
        defer { _ = Glibc.close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            throw CompressionError(operation: "stat \(diskPath)", code: errno, message: "not a regular file")
        }
        let modified = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))
        try writeHeader(entryPath, type: CArchive_AE_IFREG, size: Int64(info.st_size),
            permissions: info.st_mode & 0o777, modified: modified)
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        var remaining = Int64(info.st_size)
        while remaining > 0 {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { break }  // the file shrank; libarchive pads the entry to its declared size
            let written = buffer.withUnsafeBytes { archive_write_data(archive, $0.baseAddress, count) }
            guard written >= 0 else { throw lastError("archive_write_data") }
            remaining -= Int64(count)
        }
        try check(archive_write_finish_entry(archive), "archive_write_finish_entry")
    }

    /// Adds a symbolic link entry pointing at `target` (stored as written; the caller decides which targets are safe).
    func addSymbolicLink(_ entryPath: String, target: String, modified: Date = Date()) throws(CompressionError) {
        try Self.validate(entryPath)
        guard let entry = archive_entry_new() else { throw CompressionError(operation: "archive_entry_new", code: -1) }
        defer { archive_entry_free(entry) }
        archive_entry_set_pathname_utf8(entry, entryPath)
        archive_entry_set_filetype(entry, CArchive_AE_IFLNK)
        archive_entry_set_perm(entry, 0o777)
        archive_entry_set_symlink_utf8(entry, target)
        archive_entry_set_mtime(entry, time_t(modified.timeIntervalSince1970), 0)
        try check(UTF8Locale.run { archive_write_header(archive, entry) }, "archive_write_header")
    }

    /// Adds a file whose contents are `bytes`.
    func addFile(contents bytes: [UInt8], as entryPath: String, permissions: mode_t = 0o644, modified: Date = Date())
        throws(CompressionError)
    {
        try Self.validate(entryPath)
        try writeHeader(entryPath, type: CArchive_AE_IFREG, size: Int64(bytes.count), permissions: permissions,
            modified: modified)
        if !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { archive_write_data(archive, $0.baseAddress, $0.count) }
            guard written >= 0 else { throw lastError("archive_write_data") }
        }
        try check(archive_write_finish_entry(archive), "archive_write_finish_entry")
    }

    /// Finishes the archive (writes the tar end blocks and the gzip trailer) and closes the file.
    func close() throws(CompressionError) {
        guard let handle = archive else { return }
        let status = archive_write_close(handle)
        let failure = status == ARCHIVE_OK ? nil : lastError("archive_write_close")
        archive_write_free(handle)
        archive = nil
        if let failure { throw failure }
    }

    /// Refuses absolute paths, empty paths and any `..` component.
    static func validate(_ entryPath: String) throws(CompressionError) {
        let components = entryPath.split(separator: "/", omittingEmptySubsequences: false)
        guard !entryPath.isEmpty, !entryPath.hasPrefix("/"), !components.contains(".."), !entryPath.utf8.contains(0)
        else {
            throw CompressionError(operation: "archive entry", code: -1, message: "unsafe entry path \"\(entryPath)\"")
        }
    }

    private func writeHeader(_ entryPath: String, type: UInt32, size: Int64, permissions: mode_t, modified: Date)
        throws(CompressionError)
    {
        guard let entry = archive_entry_new() else { throw CompressionError(operation: "archive_entry_new", code: -1) }
        defer { archive_entry_free(entry) }
        archive_entry_set_pathname_utf8(entry, entryPath)
        archive_entry_set_filetype(entry, type)
        archive_entry_set_perm(entry, permissions)
        archive_entry_set_size(entry, size)
        archive_entry_set_mtime(entry, time_t(modified.timeIntervalSince1970), 0)
        try check(UTF8Locale.run { archive_write_header(archive, entry) }, "archive_write_header")
    }

    private func check(_ status: Int32, _ operation: String) throws(CompressionError) {
        guard status == ARCHIVE_OK || status == ARCHIVE_WARN else { throw lastError(operation) }
    }

    private func lastError(_ operation: String) -> CompressionError {
        let message = archive_error_string(archive).map { String(cString: $0) }
        return CompressionError(operation: operation, code: archive_errno(archive), message: message)
    }
}
