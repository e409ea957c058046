import Foundation
import TestSupport
import Testing

@testable import NodeLogs

/// The journal merger holds one line per input: a file that never writes a newline must come in bounded pieces.
struct LineReaderTests {
    @Test func aLineWithoutNewlinesComesInPiecesOfTheLargestLine() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/journal"
        let piece = LineReader.maximumLineBytes
        let content = [UInt8](repeating: UInt8(ascii: "a"), count: piece * 2 + 10) + Array("\nshort\nlast".utf8)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(content)))
        let reader = try LineReader(path: path)
        var lengths: [Int] = []
        while let line = try reader.nextLine() { lengths.append(line.count) }
        #expect(lengths == [piece, piece, 10, 5, 4])
    }
}
