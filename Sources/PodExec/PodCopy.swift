import Compression
import GatherKit
import Foundation
import KubeClient
import NIOCore

/// Copies a file or folder out of a container into the output tree, as `oc cp` does: `tar cf - -C DIR NAME` runs
/// over exec and its stream is unpacked with libarchive, defensively (see ``ArchiveMemberPlacement``). When the
/// container has no `tar` (exit 127), a single file is read with `cat` instead.
///
/// The stream is first spooled to a hidden `.partial` file beside the destination (libarchive reads by pulling, exec
/// delivers by pushing), then unpacked and removed; every file it holds is written `.partial` until whole, and the
/// disk guard watches both. A failed copy names the pod and the path.
public struct PodCopy: Sendable {
    /// What a copy brought.
    public struct Result: Sendable, Equatable {
        /// Regular files written.
        public var files = 0
        /// Their bytes.
        public var bytes: Int64 = 0
        /// Members left out of the stream, each with the reason.
        public var leftOut: [String] = []
        /// Whether the container had no tar and the file was read with `cat`.
        public var readWithCat = false
    }

    public let client: KubeClient
    public let tree: OutputTree
    /// The longest one copy's exec may run.
    public var timeout: Duration

    public init(client: KubeClient, tree: OutputTree, timeout: Duration = .seconds(180)) {
        self.client = client
        self.tree = tree
        self.timeout = timeout
    }

    /// Copies `path` (absolute, in `container` of the pod) to `destination` (components below the output root: the
    /// file itself, or the folder that gets the folder's contents).
    public func copy(namespace: String, pod: String, container: String, path: String, to destination: [String])
        async throws(PodCopyError) -> Result
    {
        let fail = { (reason: String) in PodCopyError(namespace: namespace, pod: pod, path: path, reason: reason) }
        let parts = path.split(separator: "/").map(String.init)
        guard path.hasPrefix("/"), let name = parts.last, !parts.contains(".."), !destination.isEmpty else {
            throw fail("not an absolute path of a file or folder, or no destination")
        }
        let directory = "/" + parts.dropLast().joined(separator: "/")
        let spool: OutputFile
        do {
            spool = try tree.createFile(Array(destination.dropLast()) + [".\(destination.last!).tar"], bulky: true)
        } catch {
            throw fail("\(error)")
        }
        do {
            let run = try await exec(namespace, pod, container, ["tar", "cf", "-", "-C", directory, name], into: spool)
            if run.result.exitCode == 127 {
                try spool.remove()
                return try await copyWithCat(namespace, pod, container, path, to: destination)
            }
            guard run.result.exitCode == 0 else {
                try spool.remove()
                throw fail("tar exited with status \(run.result.exitCode): \(run.stderr)")
            }
            try spool.abandon()
            defer { try? FileManager.default.removeItem(atPath: spool.partialPath) }
            let tree = self.tree
            let archivePath = spool.partialPath
            return try await BlockingIO.run {
                try Self.unpack(archivePath, top: name, into: destination, tree: tree)
            }
        } catch let error as PodCopyError {
            throw error
        } catch {
            try? spool.remove()
            throw fail("\(error)")
        }
    }

    /// Reads a single file with `cat`, for containers without tar.
    private func copyWithCat(_ namespace: String, _ pod: String, _ container: String, _ path: String,
        to destination: [String]) async throws -> Result
    {
        let file = try tree.createFile(destination, bulky: true)
        let run: (result: ExecResult, stderr: String)
        do {
            run = try await exec(namespace, pod, container, ["cat", path], into: file)
        } catch {
            try? file.abandon()
            throw error
        }
        guard run.result.exitCode == 0 else {
            try file.remove()
            throw PodCopyError(namespace: namespace, pod: pod, path: path,
                reason: "no tar in the container, and cat exited with status \(run.result.exitCode): \(run.stderr)")
        }
        try file.commit()
        return Result(files: 1, bytes: run.result.stdoutBytes, readWithCat: true)
    }

    /// Runs `command`, writing stdout to `file` and keeping the start of stderr for messages.
    private func exec(_ namespace: String, _ pod: String, _ container: String, _ command: [String],
        into file: OutputFile) async throws -> (result: ExecResult, stderr: String)
    {
        var stderr: [UInt8] = []
        let result = try await client.exec(namespace: namespace, pod: pod, container: container, command: command,
            timeout: timeout,
            startOver: {
                // Cut by an outage of the API server: the command runs once more, its output written afresh.
                try file.startOver()
                stderr = []
            },
            stdout: { chunk in try chunk.withUnsafeReadableBytes { try file.write($0) } },
            stderr: { chunk in stderr += chunk.readableBytesView.prefix(max(0, 4096 - stderr.count)) })
        let text = String(decoding: stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return (result, text)
    }

    /// Unpacks the spooled archive below `destination`.
    static func unpack(_ archivePath: String, top: String, into destination: [String], tree: OutputTree) throws -> Result {
        let reader = try TarReader(path: archivePath)
        var result = Result()
        while let entry = try reader.next() {
            switch ArchiveMemberPlacement.place(entry, top: top, destination: destination) {
            case .folder(let components):
                try tree.makeDirectories(components)
            case .file(let components):
                let file = try tree.createFile(components, bulky: true)
                do {
                    try reader.readContents { bytes in try file.write(bytes) }
                } catch {
                    try? file.abandon()
                    throw error
                }
                try file.commit()
                result.files += 1
                result.bytes += file.bytesWritten
            case .leftOut(let reason):
                result.leftOut.append("\(entry.name): \(reason)")
            }
        }
        return result
    }
}

/// A copy out of a pod that failed: which pod, which path, and why.
public struct PodCopyError: Error, CustomStringConvertible, Sendable {
    public let namespace: String
    public let pod: String
    public let path: String
    public let reason: String

    public var description: String { "cannot copy \(path) out of pod \(namespace)/\(pod): \(reason)" }

    /// Whether the path is not in the container (tar's `Cannot stat: No such file or directory`).
    var pathIsMissing: Bool { reason.contains("No such file or directory") }
}
