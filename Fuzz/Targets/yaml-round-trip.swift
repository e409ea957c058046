import YAMLCoding

/// YAML bytes through the reader; each document it reads must be written by the writer as YAML that reads back as the
/// same value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAMLRoundTrip(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let documents = try? YAMLReader.documents(Array(UnsafeBufferPointer(start: data, count: size))) else { return 0 }
    for document in documents {
        let writer = YAMLWriter()
        do {
            try writer.writeDocument(document)
            try writer.finish()
        } catch {
            fatalError("the writer refused a value the reader built: \(error)")
        }
        let yaml = writer.takeOutput()
        do {
            let again = try YAMLReader.documents(yaml)
            guard again == [document] else {
                fatalError("the YAML reads back differently: \(document)\n\(String(decoding: yaml, as: UTF8.self))")
            }
        } catch {
            fatalError("the YAML written does not read back: \(error)\n\(String(decoding: yaml, as: UTF8.self))")
        }
    }
    return 0
}
