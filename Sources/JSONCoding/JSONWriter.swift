/// Writes a `JSONValue` as compact JSON, keys sorted, numbers as their literal text.
public enum JSONWriter {
    /// The compact JSON text of `value`.
    public static func bytes(of value: JSONValue) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        append(value, to: &output)
        return output
    }

    /// Appends the compact JSON text of `value` to `output` (without recursion: values may nest thousands deep).
    public static func append(_ value: JSONValue, to output: inout [UInt8]) {
        // A comma goes before a value or key that follows a complete value or member.
        var afterValue = false
        value.forEachEvent { event in
            switch event {
            case .scalar(let scalar):
                if afterValue { output.append(UInt8(ascii: ",")) }
                appendScalar(scalar, to: &output)
                afterValue = true
            case .arrayStart, .objectStart:
                if afterValue { output.append(UInt8(ascii: ",")) }
                output.append(UInt8(ascii: event.isArrayStart ? "[" : "{"))
                afterValue = false
            case .key(let key):
                if afterValue { output.append(UInt8(ascii: ",")) }
                appendString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                afterValue = false
            case .arrayEnd, .objectEnd:
                output.append(UInt8(ascii: event.isArrayEnd ? "]" : "}"))
                afterValue = true
            }
        }
    }

    private static func appendScalar(_ value: JSONValue, to output: inout [UInt8]) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text): output.append(contentsOf: text.utf8)
        case .string(let text): appendString(text, to: &output)
        case .array, .object: preconditionFailure("containers arrive as events")
        }
    }

    /// Appends `text` as a JSON string literal, escaping what RFC 8259 requires.
    public static func appendString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                output.append(contentsOf: "\\u00".utf8)
                output.append(hexDigit(byte >> 4))
                output.append(hexDigit(byte & 0x0F))
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}
