import Foundation
import GatherKit

/// Arbitrary bytes as up to three journals (split at NUL bytes), merged: the output holds exactly the input lines, each
/// at most the largest line, in order when every input was in order.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLineMerger(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let inputs = bytes.split(separator: 0, maxSplits: 2, omittingEmptySubsequences: false).map(Array.init)
    let folder = NSTemporaryDirectory() + "line-merger-\(getpid())"
    try? FileManager.default.removeItem(atPath: folder)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    do {
        let tree = try OutputTree(root: folder + "/out")
        var paths: [String] = []
        for (index, input) in inputs.enumerated() {
            let path = folder + "/in-\(index)"
            guard FileManager.default.createFile(atPath: path, contents: Data(input)) else { fatalError("cannot write \(path)") }
            paths.append(path)
        }
        let output = try tree.createFile(["merged.log"])
        let written = try LineMerger.merge(paths, into: output)
        try output.commit()
        let merged = [UInt8](FileManager.default.contents(atPath: tree.path(["merged.log"])) ?? Data())
        guard written == Int64(merged.count) else { fatalError("counted \(written) bytes, wrote \(merged.count)") }
        func lines(_ text: [UInt8]) -> [[UInt8]] {
            var found = text.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
            if found.last == [] { found.removeLast() }
            return found
        }
        let expected = inputs.flatMap(lines).sorted { $0.lexicographicallyPrecedes($1) }
        guard lines(merged).sorted(by: { $0.lexicographicallyPrecedes($1) }) == expected else {
            fatalError("the merged lines are not the input lines")
        }
    } catch {
        fatalError("\(error)")
    }
    return 0
}
