import JSONCoding
import Testing

@testable import KubeClient

struct JSONParserTests {
    @Test func keepsNumbersAsTheirLiteralText() throws {
        let value = try JSONParser.parse(#"{"big": 9007199254740993, "f": 1.50, "e": -2E+3, "z": 0}"#)
        #expect(value["big"] == .number("9007199254740993"))
        #expect(value["f"] == .number("1.50"))
        #expect(value["e"] == .number("-2E+3"))
        #expect(value["z"]?.intValue == 0)
    }

    @Test func tellsBooleansNullsAndStringsApart() throws {
        let value = try JSONParser.parse(#"[true, false, null, "true", "1"]"#)
        #expect(value == .array([.bool(true), .bool(false), .null, .string("true"), .string("1")]))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONParser.parse(#"["a\nb\t\"q\"\\/", "\u00fc\ud83d\ude00", "plain ü"]"#)
        #expect(value == .array([.string("a\nb\t\"q\"\\/"), .string("ü😀"), .string("plain ü")]))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "\"unterminated", "[1] x", "tru", "\"\u{01}\""])
    func rejectsInvalidDocuments(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }


    @Test func writerRoundTripsThroughTheParser() throws {
        let original: JSONValue = .object([
            "s": .string("line\nbreak \u{01} \"quoted\" ü"), "n": .number("-0.5e10"), "a": .array([.null, .bool(true)]),
            "o": .object([:]),
        ])
        let bytes = JSONWriter.bytes(of: original)
        #expect(try JSONParser.parse(bytes) == original)
    }
}
