import Foundation
import TestSupport
import Testing

@testable import GatherKit

struct OutputTreeTests {
    @Test(arguments: [("..", "_.."), (".", "_."), ("", "_"), ("a/b", "a_b"), ("../../etc/passwd", ".._.._etc_passwd"),
        ("/etc/shadow", "_etc_shadow"), ("odd\u{0}byte", "odd_byte"), ("new\nline", "new_line"), ("plain.log", "plain.log")])
    func sanitisesComponents(_ name: String, _ expected: String) {
        #expect(PathComponent.sanitize(name) == expected)
    }

    @Test func longNamesAreCutAndStayDistinct() {
        let first = PathComponent.sanitize(String(repeating: "x", count: 300) + "a")
        let second = PathComponent.sanitize(String(repeating: "x", count: 300) + "b")
        #expect(first.utf8.count <= PathComponent.maximumBytes)
        #expect(first != second)
    }

    @Test func hostileComponentsNeverLeaveTheRoot() throws {
        let directory = try TemporaryDirectory()
        let tree = try OutputTree(root: directory.path + "/out")
        for hostile in ["..", "../..", "/etc", "a/../../..", "\u{0}"] {
            try tree.write(Array("x".utf8), to: [hostile, hostile, "file-\(hostile.utf8.count)"])
        }
        let everything = FileManager.default.enumerator(atPath: directory.path)!.allObjects as! [String]
        #expect(everything.allSatisfy { $0 == "out" || $0.hasPrefix("out/") })
        #expect(tree.bytesWritten == 5)
    }

    @Test func refusesToFollowASymbolicLinkOut() throws {
        let directory = try TemporaryDirectory()
        let tree = try OutputTree(root: directory.path + "/out")
        try FileManager.default.createDirectory(atPath: directory.path + "/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/out/link", withDestinationPath: directory.path + "/elsewhere")
        #expect(throws: OutputError.self) { try tree.write([1], to: ["link", "file"]) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/elsewhere").isEmpty)
    }

    @Test func aFileIsPartialUntilCommitted() throws {
        let directory = try TemporaryDirectory()
        let tree = try OutputTree(root: directory.path)
        let file = try tree.createFile(["namespaces", "ns", "current.log"])
        try file.write(Array("half".utf8))
        #expect(!FileManager.default.fileExists(atPath: file.finalPath))
        try file.abandon()
        #expect(FileManager.default.fileExists(atPath: file.finalPath + ".partial"))
        let whole = try tree.createFile(["namespaces", "ns", "previous.log"])
        try whole.write(Array("whole".utf8))
        try whole.commit()
        #expect(try String(contentsOfFile: whole.finalPath, encoding: .utf8) == "whole")
        #expect(!FileManager.default.fileExists(atPath: whole.partialPath))
        let mode = try FileManager.default.attributesOfItem(atPath: whole.finalPath)[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o644)
    }
}

struct KnownFoldersTests {
    /// A folder of temporary pieces, removed once empty, is made again for the next file written there.
    @Test func aRemovedFolderIsMadeAgainForTheNextFile() throws {
        let directory = try TemporaryDirectory()
        let tree = try OutputTree(root: directory.path)
        let piece = try tree.createFile(["logs", ".merge", "first"])
        try piece.abandon()
        try piece.remove()
        try tree.removeDirectoryIfEmpty(["logs", ".merge"])
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/logs/.merge"))
        try tree.write([1], to: ["logs", ".merge", "second"])
        #expect(FileManager.default.fileExists(atPath: directory.path + "/logs/.merge/second"))
    }

    @Test func forgetsAFolderAndWhatIsBelowIt() {
        let known = KnownFolders()
        for path in ["/out/a", "/out/a/b", "/out/ab"] { known.insert(path) }
        known.forget("/out/a")
        #expect(!known.contains("/out/a") && !known.contains("/out/a/b") && known.contains("/out/ab"))
    }

    @Test func forgetsEverythingPastItsCapacity() {
        let known = KnownFolders(capacity: 3)
        for path in ["/a", "/b", "/c"] { known.insert(path) }
        #expect(known.contains("/a") && known.contains("/c"))
        known.insert("/d")
        #expect(!known.contains("/a") && !known.contains("/c") && known.contains("/d"))
    }

    /// A link put where a folder was once checked is still refused after the tree has forgotten its folders.
    @Test func aForgottenFolderIsCheckedAgain() throws {
        let directory = try TemporaryDirectory()
        let tree = try OutputTree(root: directory.path + "/out")
        try tree.write([1], to: ["x", "file"])
        for index in 0..<5000 { try tree.makeDirectories(["many", "\(index)"]) }
        try FileManager.default.removeItem(atPath: directory.path + "/out/x")
        try FileManager.default.createDirectory(atPath: directory.path + "/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: directory.path + "/out/x", withDestinationPath: directory.path + "/elsewhere")
        #expect(throws: OutputError.self) { try tree.write([2], to: ["x", "file"]) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path + "/elsewhere").isEmpty)
    }
}
