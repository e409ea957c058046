import GatherKit
import JSONCoding
import KubeClient
import YAMLCoding

/// Writes objects as YAML files into the output tree, with the encoding and the writes on the blocking pool.
struct YAMLFiles: Sendable {
    /// Where files go.
    let output: OutputTree

    init(output: OutputTree) { self.output = output }

    /// Writes `object` as the whole file `components`; returns the bytes written.
    @discardableResult
    func writeObject(_ object: JSONValue, to components: [String]) async throws -> Int64 {
        try await BlockingIO.run { [output] in
            let writer = YAMLWriter()
            try writer.writeDocument(object)
            try writer.finish()
            let bytes = writer.takeOutput()
            try output.write(bytes, to: components)
            return Int64(bytes.count)
        }
    }

    /// Writes items of a raw list page, each to its own file (`files[i]` for `page.items[i]`), transcoded from the bytes;
    /// returns the bytes written per file. A file that fails does not stop the others: its error is returned in place.
    func writeObjects(of page: KubeClient.RawListPage, to files: [(item: Int, components: [String])]) async throws
        -> [Result<Int64, any Error>]
    {
        try await BlockingIO.run { [output] in
            page.bytes.withUnsafeBufferPointer { buffer in
                files.map { file in
                    Result {
                        let writer = YAMLWriter()
                        try writer.beginDocument()
                        try writer.writeJSON(buffer, range: page.items[file.item])
                        try writer.endDocument()
                        try writer.finish()
                        let bytes = writer.takeOutput()
                        try output.write(bytes, to: file.components)
                        return Int64(bytes.count)
                    }
                }
            }
        }
    }

    /// Starts the list file `components`, written page by page as the list arrives.
    func startList(at components: [String]) -> ListYAMLFile {
        ListYAMLFile(output: output, components: components)
    }
}

/// A list file being written: `apiVersion`, then `items` one page at a time, then `kind` and `metadata`, in oc's
/// sorted key order, so a long list streams to disk and never sits in memory whole.
///
/// Hand it one page at a time, awaiting each call: it is used by one task at a time.
final class ListYAMLFile: @unchecked Sendable {
    private let output: OutputTree
    private let components: [String]
    private var file: OutputFile?
    private var writer: YAMLWriter?
    /// Items written so far.
    private(set) var items = 0

    init(output: OutputTree, components: [String]) {
        self.output = output
        self.components = components
    }

    /// How much YAML gathers before it is written: a page's YAML is never whole in memory, only up to this much and
    /// one item.
    static let flushBytes = 256 * 1024

    /// Writes the items of one page; the first page also opens the file and writes `apiVersion`.
    func append(_ page: [JSONValue], apiVersion: String) async throws {
        try await BlockingIO.run { [self] in
            let writer = try openIfNeeded(apiVersion: apiVersion)
            for item in page {
                try writer.write(item)
                try flush(writer, atLeast: Self.flushBytes)
            }
            try flush(writer)
            items += page.count
        }
    }

    /// Writes the items of a raw page straight from its bytes; the first page also opens the file.
    func append(raw page: KubeClient.RawListPage, apiVersion: String) async throws {
        try await BlockingIO.run { [self] in
            let writer = try openIfNeeded(apiVersion: apiVersion)
            try page.bytes.withUnsafeBufferPointer { buffer in
                for item in page.items {
                    try writer.writeJSON(buffer, range: item)
                    try flush(writer, atLeast: Self.flushBytes)
                }
            }
            try flush(writer)
            items += page.items.count
        }
    }

    /// Writes what `writer` holds to the file, when it holds at least `threshold` bytes.
    private func flush(_ writer: YAMLWriter, atLeast threshold: Int = 0) throws {
        guard writer.pendingByteCount >= max(threshold, 1) else { return }
        try file!.write(writer.takeOutput())
    }

    /// Ends the list with `kind` and `metadata` and gives the file its final name; returns its size.
    @discardableResult
    func finish(kind: String, apiVersion: String, metadata: JSONValue) async throws -> Int64 {
        try await BlockingIO.run { [self] in
            let writer = try openIfNeeded(apiVersion: apiVersion)
            try writer.endSequence()
            try writer.writeKey("kind")
            try writer.write(.string(kind))
            try writer.writeKey("metadata")
            try writer.write(metadata)
            try writer.endMapping()
            try writer.endDocument()
            try writer.finish()
            try file!.write(writer.takeOutput())
            let size = file!.bytesWritten
            try file!.commit()
            file = nil
            return size
        }
    }

    /// Leaves what was written under the `.partial` name (the list broke off).
    /// Returns whether a `.partial` file was left (false when nothing had been written yet).
    @discardableResult
    func abandon() async -> Bool {
        let left = file != nil
        _ = try? await BlockingIO.run { [self] in
            try file?.abandon()
            file = nil
        }
        return left
    }

    /// Drops what was written and starts again (the list restarted from its first page).
    func restart() async {
        await abandon()
        writer = nil
        items = 0
    }

    private func openIfNeeded(apiVersion: String) throws -> YAMLWriter {
        if let writer { return writer }
        file = try output.createFile(components)
        let writer = YAMLWriter()
        try writer.beginDocument()
        try writer.beginMapping()
        try writer.writeKey("apiVersion")
        try writer.write(.string(apiVersion))
        try writer.writeKey("items")
        try writer.beginSequence()
        self.writer = writer
        return writer
    }
}
