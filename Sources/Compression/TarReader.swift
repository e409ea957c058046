import CArchive
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Reads a tar archive from a file with libarchive, one member at a time, each member's contents in pieces: memory
/// stays small whatever the archive holds.
///
/// It only reads: what to do with each member (and whether a name is safe) is the caller's decision.
public final class TarReader {
    /// One archive member's header.
    public struct Entry: Sendable, Equatable {
        /// What kind of member.
        public enum Kind: Sendable, Equatable {
            case file
            case directory
            case symbolicLink(target: String)
            case hardLink(target: String)
            /// A device, a FIFO, a socket.
            case special
        }

        /// The name as stored (it may be absolute or climb with `..`).
        public var name: String
        public var kind: Kind
        /// The size of its contents (regular files).
        var size: Int64
    }

    private var archive: OpaquePointer?
    private let path: String

    /// Opens the tar archive at `path` (uncompressed or compressed with a filter libarchive recognises).
    public init(path: String) throws(CompressionError) {
        self.path = path
        guard let handle = archive_read_new() else { throw CompressionError(operation: "archive_read_new", code: -1) }
        archive = handle
        archive_read_support_format_tar(handle)
        archive_read_support_format_gnutar(handle)
        archive_read_support_filter_all(handle)
        let status = archive_read_open_filename(handle, path, 64 * 1024)
        guard status == ARCHIVE_OK else { throw lastError("archive_read_open_filename \(path)") }
    }

    deinit {
        if let archive { archive_read_free(archive) }
    }

    /// The next member's header, or nil at the end of the archive. A damaged or cut archive throws.
    public func next() throws(CompressionError) -> Entry? {
        var header: OpaquePointer?
        let status = UTF8Locale.run { archive_read_next_header(archive, &header) }
        if status == ARCHIVE_EOF { return nil }
        guard status == ARCHIVE_OK || status == ARCHIVE_WARN, let header else { throw lastError("archive_read_next_header") }
        let name = Self.text(archive_entry_pathname_utf8(header)) ?? Self.text(archive_entry_pathname(header)) ?? ""
        let kind: Entry.Kind
        if let target = Self.text(archive_entry_hardlink_utf8(header)) ?? Self.text(archive_entry_hardlink(header)) {
            kind = .hardLink(target: target)
        } else {
            switch archive_entry_filetype(header) & CArchive_AE_IFMT {
            case CArchive_AE_IFREG: kind = .file
            case CArchive_AE_IFDIR: kind = .directory
            case CArchive_AE_IFLNK:
                kind = .symbolicLink(target: Self.text(archive_entry_symlink_utf8(header))
                    ?? Self.text(archive_entry_symlink(header)) ?? "")
            default: kind = .special
            }
        }
        return Entry(name: name, kind: kind, size: archive_entry_size(header))
    }

    /// Hands the current member's contents to `body` in pieces of up to 64 KiB.
    public func readContents(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { archive_read_data(archive, $0.baseAddress, $0.count) }
            if count == 0 { return }
            guard count > 0 else { throw lastError("archive_read_data") }
            try buffer.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
        }
    }

    private static func text(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private func lastError(_ operation: String) -> CompressionError {
        CompressionError(operation: operation, code: archive_errno(archive),
            message: archive_error_string(archive).map { String(cString: $0) })
    }
}
