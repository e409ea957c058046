import Foundation
import Testing

@testable import Compression

struct GzipTests {
    /// Deterministic, somewhat compressible bytes.
    static func sample(count: Int) -> [UInt8] {
        var state: UInt32 = 2_463_534_242
        return (0..<count).map { index in
            state ^= state << 13
            state ^= state >> 17
            state ^= state << 5
            return index % 7 == 0 ? UInt8(truncatingIfNeeded: state) : UInt8(ascii: "a") + UInt8(index % 26)
        }
    }

    @Test func roundTripsInOddChunks() throws {
        let input = Self.sample(count: 1_000_003)
        let compressor = try GzipCompressor(level: 1)
        var compressed: [UInt8] = []
        var offset = 0
        for size in [1, 7, 4096, 65_537, 300_000] {
            let end = min(offset + size, input.count)
            try compressor.compress(Array(input[offset..<end])) { compressed.append(contentsOf: $0) }
            offset = end
        }
        try compressor.compress(Array(input[offset...])) { compressed.append(contentsOf: $0) }
        try compressor.finish { compressed.append(contentsOf: $0) }
        #expect(GzipDecompressor.isGzip(compressed))
        #expect(compressed.count < input.count)

        let decompressor = try GzipDecompressor()
        var output: [UInt8] = []
        for start in stride(from: 0, to: compressed.count, by: 1000) {
            try decompressor.decompress(Array(compressed[start..<min(start + 1000, compressed.count)])) {
                output.append(contentsOf: $0)
            }
        }
        #expect(decompressor.isComplete)
        #expect(output == input)
    }

    @Test func outputIsReadByTheGzipTool() throws {
        let directory = NSTemporaryDirectory() + "gzip-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let input = Self.sample(count: 200_000)
        let compressor = try GzipCompressor()
        var compressed: [UInt8] = []
        try compressor.compress(input) { compressed.append(contentsOf: $0) }
        try compressor.finish { compressed.append(contentsOf: $0) }
        try Data(compressed).write(to: URL(fileURLWithPath: directory + "/data.gz"))
        let output = try run("/bin/sh", ["-c", "gzip -dc '\(directory)/data.gz'"])
        #expect(Array(output) == input)
    }

    @Test func aTruncatedStreamIsNotComplete() throws {
        let compressor = try GzipCompressor()
        var compressed: [UInt8] = []
        try compressor.compress(Self.sample(count: 50_000)) { compressed.append(contentsOf: $0) }
        try compressor.finish { compressed.append(contentsOf: $0) }
        let decompressor = try GzipDecompressor()
        try decompressor.decompress(Array(compressed.prefix(compressed.count / 2))) { _ in }
        #expect(!decompressor.isComplete)
    }

    @Test func garbageIsAnError() throws {
        let decompressor = try GzipDecompressor()
        #expect(throws: CompressionError.self) {
            try decompressor.decompress(Array("this is not gzip at all".utf8)) { _ in }
        }
    }
}

struct TarGzArchiveWriterTests {
    @Test func writesAnArchiveThatGNUTarLists() throws {
        let directory = NSTemporaryDirectory() + "tar-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let source = directory + "/source.log"
        let payload = GzipTests.sample(count: 700_000)
        try Data(payload).write(to: URL(fileURLWithPath: source))

        let archivePath = directory + "/out.tar.gz"
        let writer = try TarGzArchiveWriter(path: archivePath)
        try writer.addDirectory("must-gather")
        try writer.addFile(contents: Array("openshift/must-gather\n4.18.0\n".utf8), as: "must-gather/version")
        try writer.addFile(at: source, as: "must-gather/logs/source.log")
        try writer.close()

        let listing = String(decoding: try run("/bin/sh", ["-c", "tar -tzf '\(archivePath)'"]), as: UTF8.self)
        #expect(listing.split(separator: "\n") == ["must-gather/", "must-gather/version", "must-gather/logs/source.log"])
        let extracted = try run("/bin/sh", ["-c", "tar -xzOf '\(archivePath)' must-gather/logs/source.log"])
        #expect(Array(extracted) == payload)
    }

    @Test(arguments: ["/etc/passwd", "../escape", "a/../../b", "", "a/\u{0}b"])
    func refusesUnsafeEntryPaths(_ entryPath: String) throws {
        let archivePath = NSTemporaryDirectory() + "unsafe-" + UUID().uuidString + ".tar.gz"
        defer { try? FileManager.default.removeItem(atPath: archivePath) }
        let writer = try TarGzArchiveWriter(path: archivePath)
        #expect(throws: CompressionError.self) { try writer.addFile(contents: [1], as: entryPath) }
        try writer.close()
    }
}

/// Runs a program and returns its standard output; fails the test on a non-zero exit.
func run(_ executable: String, _ arguments: [String]) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(executable) \(arguments) exited \(process.terminationStatus)")
    return data
}
