import JSONCoding
import Testing

@testable import KubeClient

/// A hostile server may nest JSON as deep as it likes. These run in the test's own task, on the cooperative pool, where
/// gather parses list pages: the readers must refuse the document with a typed error, not overflow the stack.
struct JSONNestingTests {
    /// `depth` arrays around `1`.
    static func nestedArrays(_ depth: Int) -> [UInt8] {
        Array(String(repeating: "[", count: depth).utf8) + [UInt8(ascii: "1")] + Array(String(repeating: "]", count: depth).utf8)
    }

    /// `depth` objects, each the member `"a"` of the one outside it, around `1`.
    static func nestedObjects(_ depth: Int) -> [UInt8] {
        Array(String(repeating: #"{"a":"#, count: depth).utf8) + [UInt8(ascii: "1")] + Array(String(repeating: "}", count: depth).utf8)
    }

    @Test func theParserTakesTheAPIServersDepthAndRefusesOneMore() throws {
        let limit = JSONParser.maximumDepth
        #expect(limit >= 10_000)
        for document in [Self.nestedArrays, Self.nestedObjects] {
            let deepest = try JSONParser.parse(document(limit))
            #expect(JSONWriter.bytes(of: deepest) == document(limit))
            let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(document(limit + 1)) }
            #expect(error?.isNestingTooDeep == true)
        }
    }

    @Test(arguments: [200_000])
    func theParserRefusesHostileDepthsWithoutRecursing(_ depth: Int) {
        for document in [Self.nestedArrays(depth), Self.nestedObjects(depth)] {
            let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(document) }
            #expect(error?.isNestingTooDeep == true)
        }
    }

    @Test func theScannerRefusesTheSameDepths() throws {
        for document in [Self.nestedArrays, Self.nestedObjects] {
            let deepest = document(JSONParser.maximumDepth)
            let end = try deepest.withUnsafeBufferPointer { buffer throws(JSONParseError) in try JSONScanner(buffer).skipValue(0) }
            #expect(end == deepest.count)
            for depth in [JSONParser.maximumDepth + 1, 200_000] {
                document(depth).withUnsafeBufferPointer { buffer in
                    let error = #expect(throws: JSONParseError.self) { try JSONScanner(buffer).skipValue(0) }
                    #expect(error?.isNestingTooDeep == true)
                }
            }
        }
    }

    @Test func aListWithAHostileItemFailsAsAWholeWithATypedError() {
        let body = Array(#"{"kind":"ConfigMapList","apiVersion":"v1","metadata":{},"items":[{"kind":"ConfigMap","data":"#.utf8)
            + Self.nestedArrays(200_000) + Array("}]}".utf8)
        let error = #expect(throws: JSONParseError.self) { try KubeClient.RawListPage(body: body) }
        #expect(error?.isNestingTooDeep == true)
    }
}
