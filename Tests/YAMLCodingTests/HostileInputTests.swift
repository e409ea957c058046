import JSONCoding
import Testing

@testable import YAMLCoding

/// What a hostile server sends must still give valid YAML, or a clean error for that one object, never a crash.
/// These run in the test's own task, on the cooperative pool.
struct HostileInputTests {
    /// Writes the JSON `bytes` through the transcoder, the path list items take to disk.
    private func transcode(_ bytes: [UInt8]) throws -> [UInt8] {
        let writer = YAMLWriter()
        try writer.beginDocument()
        try bytes.withUnsafeBufferPointer { try writer.writeJSON($0, range: 0..<$0.count) }
        try writer.endDocument()
        try writer.finish()
        return writer.takeOutput()
    }

    private func nestedArrays(_ depth: Int) -> [UInt8] {
        Array((String(repeating: "[", count: depth) + "1" + String(repeating: "]", count: depth)).utf8)
    }

    @Test func theTranscoderWritesTheDeepestAllowedNestingAndRefusesMore() throws {
        let limit = JSONParser.maximumDepth
        let yaml = try transcode(nestedArrays(limit))
        let writer = YAMLWriter()
        try writer.writeDocument(try JSONParser.parse(nestedArrays(limit)))
        #expect(yaml == writer.takeOutput())
        for depth in [limit + 1, 200_000] {
            let error = #expect(throws: JSONParseError.self) { try transcode(nestedArrays(depth)) }
            #expect(error?.isNestingTooDeep == true)
        }
    }

    @Test func theValueWriterRefusesValuesNestedPastTheLimit() throws {
        var value = JSONValue.number("1")
        for _ in 0..<JSONParser.maximumDepth { value = .array([value]) }
        let writer = YAMLWriter()
        try writer.writeDocument(value)
        #expect(throws: YAMLWriteError.self) { try YAMLWriter().writeDocument(.array([value])) }
    }

    /// libyaml refuses nesting past 1,000 levels; the reader builds what it reads without recursion.
    @Test func theReaderRefusesHostileNesting() throws {
        #expect(try YAMLReader.documents(nestedArrays(900)) == [try JSONParser.parse(nestedArrays(900))])
        let error = #expect(throws: YAMLReadError.self) { _ = try YAMLReader.documents(nestedArrays(200_000)) }
        #expect(error?.message.contains("nesting") == true, "\(String(describing: error))")
    }

    /// Bytes that are not UTF-8 in keys and values: a lone continuation byte, a truncated sequence, an overlong `/`,
    /// a surrogate, and a byte never valid in UTF-8.
    static let invalidSequences: [[UInt8]] = [[0x80], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF]]

    @Test(arguments: invalidSequences)
    func invalidUTF8BecomesReplacementCharacters(_ invalid: [UInt8]) throws {
        let name = Array("bad".utf8) + invalid + Array("name".utf8)
        let json = Array(#"{"metadata":{"name":""#.utf8) + name + Array(#"","labels":{""#.utf8) + name
            + Array(#"":"v"}}}"#.utf8)
        let yaml = try transcode(json)
        let text = try #require(String(validating: yaml, as: UTF8.self))
        #expect(text.contains("bad\u{FFFD}"))
        let repaired = String(decoding: name, as: UTF8.self)
        let document = try #require(try YAMLReader.documents(yaml).first)
        #expect(document[path: "metadata", "name"] == .string(repaired))
        #expect(document[path: "metadata", "labels", repaired] == .string("v"))
    }

    @Test(arguments: ["\u{0}", "\u{FFFE}", "\u{FFFF}", "a\u{0}b\u{FFFE}c\u{1}d"])
    func nulAndNoncharactersAreEscaped(_ text: String) throws {
        let json = JSONWriter.bytes(of: .object([text: .string(text)]))
        let yaml = try transcode(json)
        #expect(yaml.allSatisfy { $0 >= 0x20 || $0 == 0x0A })
        #expect(!String(decoding: yaml, as: UTF8.self).unicodeScalars.contains { $0.value >= 0xFFFE && $0.value <= 0xFFFF })
        #expect(try YAMLReader.documents(yaml) == [.object([text: .string(text)])])
    }

    /// Found by the `json-transcoder` fuzz target: YAML readers find the `:` of a key only within 1024 characters.
    @Test(arguments: [1_001, 5_000])
    func longKeysAreWrittenAsExplicitKeysAndReadBack(_ length: Int) throws {
        let key = String(repeating: "k", count: length)
        let quoted = String(repeating: "1", count: length)
        let value: JSONValue = [
            key: "v", "a": [[key: [quoted: ["x"]], "b": 1]], "nested": [key: [key: .object([:]), "z": []]],
        ]
        let writer = YAMLWriter()
        try writer.writeDocument(value)
        let yaml = writer.takeOutput()
        #expect(try YAMLReader.documents(yaml) == [value], "\(String(decoding: yaml, as: UTF8.self))")
        #expect(try transcode(JSONWriter.bytes(of: value)) == yaml)
    }
}
