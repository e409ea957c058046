import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Packs a finished folder into a `.tar.gz`, streaming each file from disk into the archive: no tar or staging copy
/// is made. The archive is written as `FILE.partial` and renamed to `FILE` only once complete, so a `FILE` that
/// exists is whole.
///
/// Entries are `topFolder/<relative path>`, in byte order of names. Regular files, folders and symbolic links that
/// stay inside the folder are packed; anything else (a link pointing outside, a device, a socket, a name that is not
/// UTF-8, the archive itself) is left out and named in the result.
public struct DirectoryArchiver {
    /// What was packed and what was left out.
    public struct Result: Sendable, Equatable {
        /// Regular files packed.
        public var files = 0
        /// Their bytes, before compression.
        public var bytes: Int64 = 0
        /// Paths relative to the folder that were left out, each with the reason.
        public var leftOut: [String] = []
    }

    /// The folder to pack.
    public let directory: String
    /// The archive to write.
    let archivePath: String
    /// The folder name every entry sits under, so that extracting never spills into the current folder.
    public let topFolder: String

    /// Packs `directory` into `archivePath` under `topFolder` (which must be one safe path component).
    public init(directory: String, archivePath: String, topFolder: String) {
        self.directory = directory
        self.archivePath = archivePath
        self.topFolder = topFolder
    }

    /// The top folder name for an archive path: its file name without `.tar.gz` or `.tgz`.
    public static func topFolder(forArchive path: String) -> String {
        var name = URL(fileURLWithPath: path).lastPathComponent
        for suffix in [".tar.gz", ".tgz"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
            break
        }
        return name.isEmpty || name == "." || name == ".." ? "must-gather" : name
    }

    /// Writes the archive; on failure no `archivePath` is left (the partial file is removed) and the folder is
    /// untouched.
    public func pack() throws(CompressionError) -> Result {
        try TarGzArchiveWriter.validate(topFolder)
        guard !topFolder.contains("/") else {
            throw CompressionError(operation: "archive", code: -1, message: "top folder \"\(topFolder)\" is not one name")
        }
        let partialPath = archivePath + ".partial"
        var result = Result()
        do throws(CompressionError) {
            let writer = try TarGzArchiveWriter(path: partialPath)
            var partialInfo = stat()
            let partialIdentity = lstat(partialPath, &partialInfo) == 0 ? (partialInfo.st_dev, partialInfo.st_ino) : nil
            var walk = Walk(writer: writer, root: directory, skipped: partialIdentity, result: result)
            var rootInfo = stat()
            guard lstat(directory, &rootInfo) == 0, rootInfo.st_mode & S_IFMT == S_IFDIR else {
                throw CompressionError(operation: "archive", code: ENOTDIR, message: "\(directory) is not a folder")
            }
            try writer.addDirectory(topFolder, permissions: rootInfo.st_mode & 0o777,
                modified: Date(timeIntervalSince1970: TimeInterval(rootInfo.st_mtim.tv_sec)))
            try walk.add(relative: [], entryPrefix: topFolder)
            try writer.close()
            result = walk.result
            guard rename(partialPath, archivePath) == 0 else {
                throw CompressionError(operation: "rename \(partialPath)", code: errno,
                    message: String(cString: strerror(errno)))
            }
        } catch {
            unlink(partialPath)
            throw error
        }
        return result
    }
}

/// One depth-first pass over the folder, adding entries as it goes.
private struct Walk {
    let writer: TarGzArchiveWriter
    let root: String
    /// The partial archive, when it lies inside the folder being packed.
    let skipped: (dev_t, ino_t)?
    var result: DirectoryArchiver.Result

    mutating func add(relative: [String], entryPrefix: String) throws(CompressionError) {
        let folder = ([root] + relative).joined(separator: "/")
        for name in try Self.names(in: folder) {
            guard let text = String(validating: name, as: UTF8.self) else {
                let escaped = name.map { (32..<127).contains($0) ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16) }
                result.leftOut.append(((relative + [escaped.joined()]).joined(separator: "/")) + ": the name is not UTF-8")
                continue
            }
            let path = relative + [text]
            let shown = path.joined(separator: "/")
            let diskPath = folder + "/" + text
            let entryPath = entryPrefix + "/" + text
            var info = stat()
            guard lstat(diskPath, &info) == 0 else {
                result.leftOut.append("\(shown): \(String(cString: strerror(errno)))")
                continue
            }
            if let skipped, skipped == (info.st_dev, info.st_ino) { continue }
            let modified = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec))
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                try writer.addDirectory(entryPath, permissions: info.st_mode & 0o777, modified: modified)
                try add(relative: path, entryPrefix: entryPath)
            case S_IFREG:
                try writer.addFile(at: diskPath, as: entryPath)
                result.files += 1
                result.bytes += Int64(info.st_size)
            case S_IFLNK:
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: diskPath)) ?? ""
                if Self.staysInside(target: target, depth: relative.count) {
                    try writer.addSymbolicLink(entryPath, target: target, modified: modified)
                } else {
                    result.leftOut.append("\(shown): a symbolic link to \"\(target)\", outside the folder")
                }
            default:
                result.leftOut.append("\(shown): not a file, folder or link")
            }
        }
    }

    /// The folder's entry names as raw bytes, in byte order; `.` and `..` left out.
    static func names(in folder: String) throws(CompressionError) -> [[UInt8]] {
        guard let stream = opendir(folder) else {
            throw CompressionError(operation: "opendir \(folder)", code: errno, message: String(cString: strerror(errno)))
        }
        defer { closedir(stream) }
        var names: [[UInt8]] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name == Array(".".utf8) || name == Array("..".utf8) { continue }
            names.append(name)
        }
        return names.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Whether a relative link target, resolved from a folder `depth` levels below the root, stays inside it.
    static func staysInside(target: String, depth: Int) -> Bool {
        guard !target.isEmpty, !target.hasPrefix("/") else { return false }
        var level = depth
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": level -= 1
            default: level += 1
            }
            if level < 0 { return false }
        }
        return true
    }
}
