import Compression
import Foundation

/// Packs a gathered folder into one `.tar.gz` (`gather --archive`, `gather pack`): one file is easier to copy out of
/// a debug pod than a tree.
struct ArchivePacking {
    /// The folder to pack.
    let tree: String
    /// The archive to write.
    let archive: String

    /// Checks the paths before anything is gathered: the archive must end in `.tar.gz` or `.tgz`, its folder must
    /// exist, and it must not lie inside the tree it packs.
    func validate() throws {
        guard archive.hasSuffix(".tar.gz") || archive.hasSuffix(".tgz") else {
            throw ArchivePathError("--archive \(archive): the name must end in .tar.gz or .tgz")
        }
        let archiveURL = URL(fileURLWithPath: archive).standardizedFileURL
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: archiveURL.deletingLastPathComponent().path, isDirectory: &isFolder),
            isFolder.boolValue
        else {
            throw ArchivePathError("--archive \(archive): the folder \(archiveURL.deletingLastPathComponent().path) does not exist")
        }
        let treePath = URL(fileURLWithPath: tree).standardizedFileURL.resolvingSymlinksInPath().path
        let archiveFolder = archiveURL.deletingLastPathComponent().resolvingSymlinksInPath().path
        if archiveFolder == treePath || archiveFolder.hasPrefix(treePath + "/") {
            throw ArchivePathError("--archive \(archive): the archive may not be written inside the folder it packs (\(tree))")
        }
    }

    /// Packs the tree, printing what was packed or why not. Returns whether the archive is complete.
    func pack() -> Bool {
        let archiver = DirectoryArchiver(directory: tree, archivePath: archive,
            topFolder: DirectoryArchiver.topFolder(forArchive: archive))
        do {
            let result = try archiver.pack()
            Console.line("packed \(result.files) files (\(result.bytes) bytes) from \(tree) into \(archive), "
                + "under \(archiver.topFolder)/")
            for reason in result.leftOut {
                Console.line("not packed: \(reason)")
            }
            return true
        } catch {
            printError("gather: packing \(tree) into \(archive) failed: \(error); the folder is kept")
            return false
        }
    }
}

/// An archive path that cannot be used.
struct ArchivePathError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
