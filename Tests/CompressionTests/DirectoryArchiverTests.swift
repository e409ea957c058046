@testable import Compression
import Foundation
import TestSupport
import Testing

/// Packing a folder: GNU tar and bsdtar extract the archive to the folder's tree; nothing unsafe is packed.
struct DirectoryArchiverTests {
    @Test func gnuTarAndBsdtarExtractTheSameTreeAsTheFolder() async throws {
        let directory = try TemporaryDirectory()
        let tree = directory.path + "/tree"
        _ = try directory.write("tree/version", "example\n1.0\n")
        _ = try directory.write("tree/namespaces/default/core/pods.yaml", "items: []\n")
        _ = try directory.write("tree/host_service_logs/masters/kubelet_service.log",
            String(repeating: "a line of a journal\n", count: 50_000))
        _ = try directory.write("tree/odd name with spaces & ümlauts.txt", "odd\n")
        try FileManager.default.createDirectory(atPath: tree + "/empty", withIntermediateDirectories: true)
        chmod(tree + "/version", 0o600)
        // Links inside the folder are kept as links; one pointing out (absolute or climbing) is left out.
        try FileManager.default.createSymbolicLink(atPath: tree + "/namespaces/pods-link",
            withDestinationPath: "default/core/pods.yaml")
        try FileManager.default.createSymbolicLink(atPath: tree + "/namespaces/passwd", withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: tree + "/namespaces/up", withDestinationPath: "../../outside")
        // A name that is not UTF-8 and a FIFO are left out too.
        let nonUTF8 = Array((tree + "/latin1-").utf8).map { CChar(bitPattern: $0) } + [CChar(bitPattern: 0xE9), 0]
        let descriptor = open(nonUTF8, O_CREAT | O_WRONLY, 0o644)
        #expect(descriptor >= 0)
        close(descriptor)
        #expect(mkfifo(tree + "/pipe", 0o644) == 0)

        let archive = directory.path + "/mg.tar.gz"
        let result = try DirectoryArchiver(directory: tree, archivePath: archive,
            topFolder: DirectoryArchiver.topFolder(forArchive: archive)).pack()
        #expect(result.files == 4)
        #expect(result.leftOut.count == 4, "\(result.leftOut)")
        #expect(result.leftOut.contains { $0.hasPrefix("latin1-\\xe9: the name is not UTF-8") }, "\(result.leftOut)")
        #expect(result.leftOut.contains { $0.hasPrefix("namespaces/passwd: a symbolic link") })
        #expect(result.leftOut.contains { $0.hasPrefix("namespaces/up: a symbolic link") })
        #expect(result.leftOut.contains { $0.hasPrefix("pipe: not a file") })
        #expect(!FileManager.default.fileExists(atPath: archive + ".partial"))

        // The folder as it should come back: without what was left out.
        for left in ["namespaces/passwd", "namespaces/up", "pipe"] {
            try FileManager.default.removeItem(atPath: tree + "/" + left)
        }
        #expect(unlink(nonUTF8) == 0)
        for (tool, arguments) in [("/usr/bin/tar", ["-xzf"]), ("/usr/bin/bsdtar", ["-xzf"])] {
            let target = directory.path + "/" + URL(fileURLWithPath: tool).lastPathComponent
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            // A support engineer's shell has a UTF-8 locale; in the C locale bsdtar refuses non-ASCII names.
            let extract = try await ProcessRunner.run(tool, arguments + [archive, "-C", target],
                environment: ["LC_ALL": "C.UTF-8"])
            #expect(extract.status == 0, "\(tool): \(extract.standardError)")
            #expect(TreeComparison.differences(tree, target + "/mg") == [], "\(tool)")
            let link = try FileManager.default.destinationOfSymbolicLink(atPath: target + "/mg/namespaces/pods-link")
            #expect(link == "default/core/pods.yaml", "\(tool)")
            #expect(FileManager.default.fileExists(atPath: target + "/mg/empty"), "\(tool)")
        }
    }

    @Test func aFailedPackLeavesNoArchive() throws {
        let directory = try TemporaryDirectory()
        let archive = directory.path + "/mg.tar.gz"
        #expect(throws: CompressionError.self) {
            try DirectoryArchiver(directory: directory.path + "/missing", archivePath: archive, topFolder: "mg").pack()
        }
        #expect(!FileManager.default.fileExists(atPath: archive))
        #expect(!FileManager.default.fileExists(atPath: archive + ".partial"))
    }

    @Test(arguments: [("/tmp/mg.tar.gz", "mg"), ("x.tgz", "x"), ("/tmp/.tar.gz", "must-gather"), ("a.b.tar.gz", "a.b")])
    func theTopFolderIsTheArchiveName(archive: String, folder: String) {
        #expect(DirectoryArchiver.topFolder(forArchive: archive) == folder)
    }
}
