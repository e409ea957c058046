import JSONCoding
import YAMLCoding

/// JSON bytes through the parser, the scanner and the JSON-to-YAML transcoder. A document the parser accepts must
/// transcode to YAML that reads back as the same value, and write back as JSON that parses to it; anything else must
/// be a clean error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONTranscoder(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let parsed = try? JSONParser.parse(bytes)
    let scanned = try? JSONScanner(bytes).skipValue(0)
    let writer = YAMLWriter()
    var yaml: [UInt8]?
    do {
        try writer.beginDocument()
        try writer.writeJSON(bytes, range: 0..<size)
        try writer.endDocument()
        yaml = writer.takeOutput()
    } catch {}
    guard let parsed else { return 0 }
    guard scanned != nil else { fatalError("the scanner refused what the parser accepted") }
    guard let yaml else { fatalError("the transcoder refused what the parser accepted") }
    guard String(validating: yaml, as: UTF8.self) != nil else { fatalError("the YAML is not UTF-8") }
    do {
        let documents = try YAMLReader.documents(yaml)
        guard documents == [parsed] else {
            fatalError("the YAML reads back differently:\n\(String(decoding: yaml, as: UTF8.self))")
        }
    } catch where error.message.contains("Maximum nesting level") {
        // libyaml reads at most 1,000 levels; the JSON readers and writers go to 10,000.
    } catch {
        fatalError("the YAML does not read back: \(error)\n\(String(decoding: yaml, as: UTF8.self))")
    }
    guard (try? JSONParser.parse(JSONWriter.bytes(of: parsed))) == parsed else { fatalError("JSON round trip differs") }
    return 0
}
