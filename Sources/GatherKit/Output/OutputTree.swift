import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The output folder of a run. Every path in it is built from sanitised components (``PathComponent``), no symbolic
/// link is followed on the way down, and files are written under a `.partial` name until they are complete, so a file
/// with its final name is always whole.
///
/// Folders are created `0755` and files `0644`: readable by the support engineer, writable by no one else.
public final class OutputTree: Sendable {
    /// The absolute path of the output folder.
    public let root: String
    /// Stops writes before the volume or the run's budget is too full.
    let diskGuard: DiskGuard
    private let written = Atomic<Int64>(0)
    private let firstRefusal = Mutex<String?>(nil)
    private let knownFolders = KnownFolders()

    /// Why the disk guard first refused a write, if it has: bulky collectors are not started after that.
    public var diskGuardRefusal: String? { firstRefusal.withLock { $0 } }

    func recordRefusal(_ reason: String) {
        firstRefusal.withLock { if $0 == nil { $0 = reason } }
    }

    /// Opens (creating if needed) the output folder at `root`, guarded by `diskGuard`.
    public init(root: String, diskGuard: DiskGuard = DiskGuard(maximumUsedPercent: 100)) throws(OutputError) {
        self.diskGuard = diskGuard
        let absolute = root.hasPrefix("/") ? root : FileManager.default.currentDirectoryPath + "/" + root
        self.root = (absolute as NSString).standardizingPath
        try Self.makeDirectory(self.root, createParents: true)
    }

    /// Bytes written through this tree so far.
    public var bytesWritten: Int64 { written.load(ordering: .relaxed) }

    /// The path of `components` below the root, each sanitised.
    public func path(_ components: [String]) -> String {
        ([root] + components.map(PathComponent.sanitize)).joined(separator: "/")
    }

    /// Creates the folders `components` (sanitised), refusing to pass through a symbolic link; returns the path.
    @discardableResult
    public func makeDirectories(_ components: [String]) throws(OutputError) -> String {
        var current = root
        for component in components.map(PathComponent.sanitize) {
            current += "/" + component
            if knownFolders.contains(current) { continue }
            try Self.makeDirectory(current, createParents: false)
            knownFolders.insert(current)
        }
        return current
    }

    /// Writes `bytes` to the file `components` (the last is the file name) as one complete file.
    public func write(_ bytes: [UInt8], to components: [String]) throws(OutputError) {
        let file = try createFile(components)
        try file.write(bytes)
        try file.commit()
    }

    /// Appends `bytes` to the file `components`, creating it if missing (a file of lines, such as `timestamp`).
    public func append(_ bytes: [UInt8], to components: [String]) throws(OutputError) {
        guard let name = components.last else { throw OutputError(path: root, problem: "no file name") }
        let path = try makeDirectories(Array(components.dropLast())) + "/" + PathComponent.sanitize(name)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError(path: path, problem: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw OutputError(path: path, problem: String(cString: strerror(errno))) }
        count(bytes.count)
    }

    /// Starts the file `components`: it is written as `<name>.partial` until ``OutputFile/commit()``.
    /// - Parameter bulky: whether the disk guard watches its writes (logs); small files (`version`, object YAML) are
    ///   only ever stopped by a truly full device.
    public func createFile(_ components: [String], bulky: Bool = false) throws(OutputError) -> OutputFile {
        guard let name = components.last else { throw OutputError(path: root, problem: "no file name") }
        let directory = try makeDirectories(Array(components.dropLast()))
        return try OutputFile(finalPath: directory + "/" + PathComponent.sanitize(name), tree: self, guarded: bulky)
    }

    /// Removes the folder `components` if it is empty (a folder of temporary pieces). A file created there afterwards
    /// makes the folder again. The caller makes sure that nothing is being created in it at the same time.
    public func removeDirectoryIfEmpty(_ components: [String]) throws(OutputError) {
        let path = self.path(components)
        if rmdir(path) == 0 {
            knownFolders.forget(path)
        } else if errno != ENOENT && errno != ENOTEMPTY {
            throw OutputError(path: path, problem: String(cString: strerror(errno)))
        }
    }

    public func count(_ bytes: Int) { written.wrappingAdd(Int64(bytes), ordering: .relaxed) }

    /// Makes the folder `path`, or checks that what is there is a real folder and not a link. A new folder costs one
    /// `mkdir`; the `lstat` is paid only when something is already there.
    private static func makeDirectory(_ path: String, createParents: Bool) throws(OutputError) {
        if createParents {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                    attributes: [.posixPermissions: 0o755])
            } catch {
                throw OutputError(path: path, problem: "cannot create the folder: \(error.localizedDescription)")
            }
        } else if mkdir(path, 0o755) == 0 {
            return
        } else if errno != EEXIST {
            throw OutputError(path: path, problem: String(cString: strerror(errno)))
        }
        var info = stat()
        guard lstat(path, &info) == 0 else { throw OutputError(path: path, problem: String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw OutputError(path: path, problem: (info.st_mode & S_IFMT) == S_IFLNK
                ? "is a symbolic link; refusing to follow it out of the output folder" : "exists and is not a folder")
        }
    }
}

/// A file being written into an ``OutputTree``: `<name>.partial` until committed.
///
/// Use it from one task at a time (it may move between tasks and the blocking pool, hence `@unchecked Sendable`).
public final class OutputFile: @unchecked Sendable {
    /// The name the file gets once complete.
    let finalPath: String
    /// The name it has while being written, and keeps if abandoned.
    public var partialPath: String { finalPath + ".partial" }
    private var descriptor: Int32
    private let tree: OutputTree
    private let guarded: Bool
    /// Bytes written so far.
    public private(set) var bytesWritten: Int64 = 0

    public init(finalPath: String, tree: OutputTree, guarded: Bool) throws(OutputError) {
        self.finalPath = finalPath
        self.tree = tree
        self.guarded = guarded
        descriptor = open(finalPath + ".partial", O_RDWR | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw OutputError(path: finalPath, problem: String(cString: strerror(errno)))
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Appends `bytes` (a blocking write: call it off the cooperative pool when bodies are large). For a bulky file,
    /// refused with ``OutputError/isDiskFull`` set when the disk guard says the volume or the budget is too full.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(OutputError) {
        if guarded, let refusal = tree.diskGuard.refusal(root: tree.root, written: tree.bytesWritten, adding: bytes.count) {
            tree.recordRefusal(refusal)
            throw OutputError(path: partialPath, problem: "disk guard: \(refusal)", isDiskFull: true)
        }
        var offset = 0
        while offset < bytes.count {
            let result = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if result < 0 {
                if errno == EINTR { continue }
                let full = errno == ENOSPC || errno == EDQUOT
                let problem = full ? "no space left on the device" : String(cString: strerror(errno))
                // A full volume stops the bulky collectors not yet started, as the disk guard does.
                if full { tree.recordRefusal("the output volume is full (\(problem))") }
                throw OutputError(path: partialPath, problem: problem, isDiskFull: full)
            }
            offset += result
        }
        bytesWritten += Int64(bytes.count)
        tree.count(bytes.count)
    }

    /// Appends `bytes`.
    public func write(_ bytes: [UInt8]) throws(OutputError) {
        let outcome: Result<Void, OutputError> = bytes.withUnsafeBytes { buffer in
            Result { () throws(OutputError) in try write(buffer) }
        }
        try outcome.get()
    }

    /// Moves the `count` bytes at `offset` to the start of the file, cuts the file after them, and goes on writing
    /// there (a log that keeps only its newest end). The bytes counted as written do not shrink.
    public func moveToFront(from offset: Int64, count: Int64) throws(OutputError) {
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var moved: Int64 = 0
        while moved < count {
            let length = Int(min(Int64(buffer.count), count - moved))
            let read = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, length, off_t(offset + moved)) }
            guard read > 0 else { throw OutputError(path: partialPath, problem: "cannot read back: \(String(cString: strerror(errno)))") }
            let written = buffer.withUnsafeBytes { pwrite(descriptor, $0.baseAddress, read, off_t(moved)) }
            guard written == read else { throw OutputError(path: partialPath, problem: String(cString: strerror(errno))) }
            moved += Int64(read)
        }
        guard ftruncate(descriptor, off_t(count)) == 0, lseek(descriptor, off_t(count), SEEK_SET) >= 0 else {
            throw OutputError(path: partialPath, problem: String(cString: strerror(errno)))
        }
    }

    /// Empties the file, to be written again from its start (a download fetched again whole).
    public func startOver() throws(OutputError) {
        guard ftruncate(descriptor, 0) == 0, lseek(descriptor, 0, SEEK_SET) >= 0 else {
            throw OutputError(path: partialPath, problem: String(cString: strerror(errno)))
        }
        bytesWritten = 0
    }

    /// The offset of the first `byte` among the first `limit` bytes of the file, if any.
    public func firstOffset(of byte: UInt8, within limit: Int64) throws(OutputError) -> Int64? {
        var buffer = [UInt8](repeating: 0, count: Int(limit))
        let read = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, Int(limit), 0) }
        guard read >= 0 else { throw OutputError(path: partialPath, problem: String(cString: strerror(errno))) }
        return buffer[..<read].firstIndex(of: byte).map(Int64.init)
    }

    /// Closes the file and gives it its final name: it is complete.
    public func commit() throws(OutputError) {
        try closeDescriptor()
        guard rename(partialPath, finalPath) == 0 else {
            throw OutputError(path: finalPath, problem: String(cString: strerror(errno)))
        }
    }

    /// Closes the file and deletes it (a temporary piece, or a download that is not worth keeping).
    public func remove() throws(OutputError) {
        try closeDescriptor()
        guard unlink(partialPath) == 0 || errno == ENOENT else {
            throw OutputError(path: partialPath, problem: String(cString: strerror(errno)))
        }
    }

    /// Closes the file and leaves it under its `.partial` name: what was received, marked as incomplete.
    public func abandon() throws(OutputError) {
        try closeDescriptor()
    }

    private func closeDescriptor() throws(OutputError) {
        guard descriptor >= 0 else { return }
        let result = close(descriptor)
        descriptor = -1
        guard result == 0 else { throw OutputError(path: partialPath, problem: String(cString: strerror(errno))) }
    }
}

/// Something in the output folder could not be written.
public struct OutputError: Error, CustomStringConvertible, Equatable {
    /// The path at fault.
    public let path: String
    /// What went wrong.
    public let problem: String
    /// Whether the device is full (the disk guard stops bulky work on this).
    let isDiskFull: Bool

    public init(path: String, problem: String, isDiskFull: Bool = false) {
        self.path = path
        self.problem = problem
        self.isDiskFull = isDiskFull
    }

    public var description: String { "\(path): \(problem)" }
}
