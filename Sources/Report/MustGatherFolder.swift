import Foundation
import JSONCoding
import YAMLCoding

/// A gathered folder as the report reads it: ours (data at the root), or the stock image's (`oc adm must-gather`
/// puts the data in a folder named after the image, `quay-io-...-sha256-.../`).
///
/// Every read is bounded: list files are read one object at a time, single files only below ``maximumFileBytes``.
/// What cannot be read is noted in ``unreadable`` and the report goes on without it.
final class MustGatherFolder {
    /// The folder the report was asked about; links on the page are relative to it.
    let folder: String
    /// Where the gathered data is, relative to ``folder`` ("" for our layout, the image folder's name for the stock one).
    let dataPrefix: String
    /// Other image folders, beside the one read (several `--image` options make several).
    let otherImageFolders: [String]
    /// What could not be read, in sentences.
    private(set) var unreadable: [String] = []

    /// The largest single file read whole (an object file, a JSON file of `etcd_info/`). Lists are streamed instead.
    static let maximumFileBytes = 32 << 20
    /// The entries that mark a folder as gathered data.
    static let markers = ["cluster-scoped-resources", "namespaces", "gather-summary.json", "etcd_info"]

    /// Opens `folder`; throws when it is not a folder or holds no gathered data at its root or one level down.
    init(_ folder: String) throws(ReportError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ReportError.notAFolder(folder)
        }
        self.folder = folder
        if Self.holdsData(folder) {
            dataPrefix = ""
            otherImageFolders = []
            return
        }
        let candidates = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            .filter { Self.holdsData(folder + "/" + $0) }
        guard let first = candidates.first else { throw ReportError.noGatheredData(folder) }
        dataPrefix = first + "/"
        otherImageFolders = Array(candidates.dropFirst())
    }

    private static func holdsData(_ path: String) -> Bool {
        markers.contains { FileManager.default.fileExists(atPath: path + "/" + $0) }
    }

    /// The absolute path of `relative`, a path inside the gathered data.
    func path(_ relative: String) -> String { folder + "/" + dataPrefix + relative }

    /// Whether `relative` exists inside the gathered data.
    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    /// The names in a folder of the gathered data, sorted; none when it is missing.
    func names(in relative: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path(relative))) ?? []).sorted()
    }

    /// Calls `body` with each object of a cluster-scoped resource: the list file `GROUP/RESOURCE.yaml` when there is
    /// one, else the object files in `GROUP/RESOURCE/` (oc writes one or the other, or both).
    func forEachClusterObject(group: String, resource: String, _ body: (JSONValue) -> Void) {
        let base = "cluster-scoped-resources/\(group)/\(resource)"
        if exists(base + ".yaml") {
            forEachListItem(base + ".yaml", body)
            return
        }
        for name in names(in: base) where name.hasSuffix(".yaml") {
            if let object = readYAMLObject(base + "/" + name) { body(object) }
        }
    }

    /// Calls `body` with the namespace and each object of a namespaced list file, `namespaces/NS/GROUP/RESOURCE.yaml`,
    /// for every gathered namespace.
    func forEachNamespacedObject(group: String, resource: String, _ body: (String, JSONValue) -> Void) {
        for namespace in names(in: "namespaces") {
            let file = "namespaces/\(namespace)/\(group)/\(resource).yaml"
            guard exists(file) else { continue }
            forEachListItem(file) { body(namespace, $0) }
        }
    }

    /// Streams the items of a list file; a fault is noted and ends that file only.
    func forEachListItem(_ relative: String, _ body: (JSONValue) -> Void) {
        do {
            try YAMLListItems.forEach(inFile: path(relative), body)
        } catch {
            note("\(dataPrefix)\(relative): \(error)")
        }
    }

    /// One YAML object file, or nil: missing, or (noted) too large or not YAML.
    func readYAMLObject(_ relative: String) -> JSONValue? {
        guard let bytes = readBounded(relative) else { return nil }
        do {
            return try YAMLReader.documents(bytes).first
        } catch {
            note("\(dataPrefix)\(relative): \(error)")
            return nil
        }
    }

    /// One JSON file, or nil: missing, or (noted) too large or not JSON.
    func readJSON(_ relative: String) -> JSONValue? {
        guard let bytes = readBounded(relative) else { return nil }
        do {
            return try JSONParser.parse(bytes)
        } catch {
            note("\(dataPrefix)\(relative): \(error)")
            return nil
        }
    }

    /// The first line of a small text file (`timestamp`), or nil.
    func firstLine(_ relative: String) -> String? {
        guard let bytes = readBounded(relative) else { return nil }
        let line = bytes.prefix { $0 != UInt8(ascii: "\n") }
        return line.isEmpty ? nil : String(decoding: line, as: UTF8.self)
    }

    /// Notes something the report could not read.
    func note(_ sentence: String) {
        if unreadable.count < Self.maximumNotes { unreadable.append(sentence) }
    }

    /// The most faults noted; a tree of broken files cannot grow the page without bound.
    static let maximumNotes = 100

    /// The bytes of a file; nil for a missing file (not gathered: nothing to note), and nil, noted, for one that is
    /// too large or cannot be read.
    private func readBounded(_ relative: String) -> [UInt8]? {
        let full = path(relative)
        guard FileManager.default.fileExists(atPath: full) else { return nil }
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: full),
            let size = attributes[.size] as? NSNumber
        else {
            note("\(dataPrefix)\(relative): cannot be read")
            return nil
        }
        guard size.intValue <= Self.maximumFileBytes else {
            note("\(dataPrefix)\(relative): \(size.intValue) bytes, larger than the \(Self.maximumFileBytes) read")
            return nil
        }
        guard let data = FileManager.default.contents(atPath: full) else {
            note("\(dataPrefix)\(relative): cannot be read")
            return nil
        }
        return [UInt8](data)
    }
}
