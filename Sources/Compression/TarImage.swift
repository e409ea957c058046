import CArchive
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// An uncompressed tar archive built in memory with libarchive, holding each name exactly as given.
///
/// It stands for what `tar cf -` in a container sends, which is not ours to trust: absolute names, `..`, links
/// pointing anywhere and devices are all written as asked, so that the code that unpacks such streams can be tested
/// against them. To write an archive of our own output, use ``TarGzArchiveWriter``, which refuses such names.
public final class TarImage {
    /// One archive member.
    public enum Entry: Sendable {
        /// A regular file.
        case file(name: String, contents: [UInt8], permissions: mode_t = 0o644)
        /// A directory.
        case directory(name: String)
        /// A symbolic link to `target`.
        case symbolicLink(name: String, target: String)
        /// A hard link to the member `target`.
        case hardLink(name: String, target: String)
        /// A character device.
        case characterDevice(name: String)
        /// A named pipe.
        case fifo(name: String)
    }

    /// The archive's bytes.
    public private(set) var bytes: [UInt8] = []

    /// Builds the archive of `entries`, in order.
    public init(_ entries: [Entry]) throws(CompressionError) {
        guard let archive = archive_write_new() else { throw CompressionError(operation: "archive_write_new", code: -1) }
        defer { archive_write_free(archive) }
        try Self.check(archive, archive_write_set_format_gnutar(archive), "archive_write_set_format_gnutar")
        try Self.check(archive, archive_write_set_bytes_in_last_block(archive, 1), "archive_write_set_bytes_in_last_block")
        let sink = Unmanaged.passRetained(ByteSink())
        defer { sink.release() }
        let status = archive_write_open2(archive, sink.toOpaque(), nil, { _, context, buffer, length in
            guard let context, let buffer else { return -1 }
            let sink = Unmanaged<ByteSink>.fromOpaque(context).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer, count: length))
            return length
        }, nil, nil)
        try Self.check(archive, status, "archive_write_open2")
        for entry in entries {
            try Self.write(entry, to: archive)
        }
        try Self.check(archive, archive_write_close(archive), "archive_write_close")
        bytes = sink.takeUnretainedValue().bytes
    }

    private final class ByteSink {
        public var bytes: [UInt8] = []
    }

    private static func write(_ entry: Entry, to archive: OpaquePointer) throws(CompressionError) {
        guard let header = archive_entry_new() else { throw CompressionError(operation: "archive_entry_new", code: -1) }
        defer { archive_entry_free(header) }
        archive_entry_set_mtime(header, 1_767_225_600, 0)
        var contents: [UInt8] = []
        switch entry {
        case .file(let name, let bytes, let permissions):
            archive_entry_set_pathname_utf8(header, name)
            archive_entry_set_filetype(header, CArchive_AE_IFREG)
            archive_entry_set_perm(header, permissions)
            archive_entry_set_size(header, Int64(bytes.count))
            contents = bytes
        case .directory(let name):
            archive_entry_set_pathname_utf8(header, name)
            archive_entry_set_filetype(header, CArchive_AE_IFDIR)
            archive_entry_set_perm(header, 0o755)
        case .symbolicLink(let name, let target):
            archive_entry_set_pathname_utf8(header, name)
            archive_entry_set_filetype(header, CArchive_AE_IFLNK)
            archive_entry_set_perm(header, 0o777)
            archive_entry_set_symlink_utf8(header, target)
        case .hardLink(let name, let target):
            archive_entry_set_pathname_utf8(header, name)
            archive_entry_set_filetype(header, CArchive_AE_IFREG)
            archive_entry_set_perm(header, 0o644)
            archive_entry_set_hardlink_utf8(header, target)
        case .characterDevice(let name):
            archive_entry_set_pathname_utf8(header, name)
            archive_entry_set_filetype(header, CArchive_AE_IFCHR)
            archive_entry_set_perm(header, 0o666)
            archive_entry_set_rdevmajor(header, 1)
            archive_entry_set_rdevminor(header, 3)
        case .fifo(let name):
            archive_entry_set_pathname_utf8(header, name)
            archive_entry_set_filetype(header, CArchive_AE_IFIFO)
            archive_entry_set_perm(header, 0o644)
        }
        try check(archive, UTF8Locale.run { archive_write_header(archive, header) }, "archive_write_header")
        if !contents.isEmpty {
            let written = contents.withUnsafeBytes { archive_write_data(archive, $0.baseAddress, $0.count) }
            guard written >= 0 else { throw error(archive, "archive_write_data") }
        }
        try check(archive, archive_write_finish_entry(archive), "archive_write_finish_entry")
    }

    private static func check(_ archive: OpaquePointer, _ status: Int32, _ operation: String) throws(CompressionError) {
        guard status == ARCHIVE_OK || status == ARCHIVE_WARN else { throw error(archive, operation) }
    }

    private static func error(_ archive: OpaquePointer, _ operation: String) -> CompressionError {
        CompressionError(operation: operation, code: archive_errno(archive),
            message: archive_error_string(archive).map { String(cString: $0) })
    }
}
