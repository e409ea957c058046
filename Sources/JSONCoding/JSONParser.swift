/// A strict, fast JSON parser over bytes (RFC 8259).
///
/// Foundation's `JSONSerialization` on Linux turns booleans and integers into `NSNumber`s that cannot be told apart and is
/// several times slower on large lists; this parser reads the bytes once and keeps numbers as their literal text.
public struct JSONParser {
    /// Parses one JSON document; trailing white space is allowed, anything else after the value is an error.
    public static func parse(_ bytes: some Collection<UInt8>) throws(JSONParseError) -> JSONValue {
        let array = bytes as? [UInt8] ?? Array(bytes)
        return try array.withUnsafeBufferPointer { buffer throws(JSONParseError) in
            var parser = Cursor(buffer)
            let value = try parser.parseDocumentValue()
            parser.skipWhitespace()
            guard parser.index == buffer.count else { throw parser.error("unexpected data after the JSON value") }
            return value
        }
    }

    /// Parses a JSON document given as text.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8))
    }

    /// How deeply arrays and objects may nest before a document is refused: the Kubernetes API server's own limit, so
    /// nothing the server could have stored is refused, while a hostile server cannot make a reader (or the recursive
    /// writers and the deallocation of a value) go deep enough to exhaust a thread's stack.
    public static let maximumDepth = 10_000
}

/// Why a document is not valid JSON, and at which byte offset.
public struct JSONParseError: Error, CustomStringConvertible, Equatable {
    /// What is wrong.
    public let reason: String
    /// The byte offset where the parser stopped.
    public let offset: Int

    public var description: String { "invalid JSON at byte \(offset): \(reason)" }

    public init(reason: String, offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    /// Arrays and objects nest deeper than ``JSONParser/maximumDepth`` at `offset`.
    public static func nestingTooDeep(at offset: Int) -> JSONParseError {
        JSONParseError(reason: nestingTooDeepReason, offset: offset)
    }

    /// The reason of ``nestingTooDeep(at:)``.
    static let nestingTooDeepReason = "arrays and objects nest deeper than \(JSONParser.maximumDepth) levels"

    /// Whether the document was refused for its nesting.
    public var isNestingTooDeep: Bool { reason == Self.nestingTooDeepReason }
}

struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    func error(_ reason: String) -> JSONParseError { JSONParseError(reason: reason, offset: index) }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// An array or object whose members are still being read.
    private enum OpenContainer {
        case array([JSONValue])
        /// The members so far and the key whose value is being read.
        case object([(String, JSONValue)], key: String)
    }

    /// Reads one value. Containers are kept on an explicit stack rather than by recursion, so a hostile document
    /// nested far deeper than ``JSONParser/maximumDepth`` is refused with an error instead of overflowing the stack.
    mutating func parseDocumentValue() throws(JSONParseError) -> JSONValue {
        var open: [OpenContainer] = []
        while true {
            var value: JSONValue
            skipWhitespace()
            guard index < bytes.count else { throw error("unexpected end of data") }
            switch bytes[index] {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard open.count < JSONParser.maximumDepth else { throw .nestingTooDeep(at: index) }
                let isObject = bytes[index] == UInt8(ascii: "{")
                index += 1
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: isObject ? "}" : "]") {
                    index += 1
                    value = isObject ? .object([:]) : .array([])
                } else {
                    open.append(isObject ? .object([], key: try parseMemberName()) : .array([]))
                    continue
                }
            case UInt8(ascii: "\""): value = .string(try parseString())
            case UInt8(ascii: "t"): try expectLiteral("true"); value = .bool(true)
            case UInt8(ascii: "f"): try expectLiteral("false"); value = .bool(false)
            case UInt8(ascii: "n"): try expectLiteral("null"); value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): value = .number(try parseNumber())
            default: throw error("unexpected character")
            }
            // The value is complete: add it to its container, closing every container that ends here.
            closing: while let container = open.popLast() {
                skipWhitespace()
                guard index < bytes.count else { throw error("unexpected end of data in a container") }
                let separator = bytes[index]
                index += 1
                switch container {
                case .array(var elements):
                    elements.append(value)
                    if separator == UInt8(ascii: ",") {
                        open.append(.array(elements))
                        break closing
                    }
                    guard separator == UInt8(ascii: "]") else { index -= 1; throw error("expected ',' or ']'") }
                    value = .array(elements)
                case .object(var members, let key):
                    members.append((key, value))
                    if separator == UInt8(ascii: ",") {
                        open.append(.object(members, key: try parseMemberName()))
                        break closing
                    }
                    guard separator == UInt8(ascii: "}") else { index -= 1; throw error("expected ',' or '}'") }
                    // Members are gathered first so the dictionary is built once at its final size.
                    value = .object(Dictionary(members, uniquingKeysWith: { _, last in last }))
                }
            }
            if open.isEmpty { return value }
        }
    }

    /// Reads `"name":` before a member's value.
    private mutating func parseMemberName() throws(JSONParseError) -> String {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a member name") }
        let key = try parseString()
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
        index += 1
        return key
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("unexpected end of data") }
        let start = literal.utf8Start
        for offset in 0..<count where bytes[index + offset] != start[offset] {
            throw error("invalid literal")
        }
        index += count
    }

    mutating func parseNumber() throws(JSONParseError) -> String {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid fraction") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("invalid exponent") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
    }

    func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    mutating func parseString() throws(JSONParseError) -> String {
        index += 1  // opening quote
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw error("control character in a string") }
            index += 1
        }
        var scalars = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw error("unexpected end of data in an escape") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append(0x22)
                case UInt8(ascii: "\\"): scalars.append(0x5C)
                case UInt8(ascii: "/"): scalars.append(0x2F)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"): appendUTF8(of: try parseUnicodeEscape(), to: &scalars)
                default: throw error("invalid escape")
                }
            default:
                if byte < 0x20 { throw error("control character in a string") }
                scalars.append(byte)
                index += 1
            }
        }
        throw error("unterminated string")
    }

    mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("short unicode escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid unicode escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    /// Reads the four hex digits after `\u`, and a low surrogate escape after a high one.
    mutating func parseUnicodeEscape() throws(JSONParseError) -> Unicode.Scalar {
        let first = try parseHex4()
        if (0xD800...0xDBFF).contains(first) {
            if index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                let saved = index
                index += 2
                let second = try parseHex4()
                if (0xDC00...0xDFFF).contains(second) {
                    let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    return Unicode.Scalar(combined) ?? "\u{FFFD}"
                }
                index = saved
            }
            return "\u{FFFD}"
        }
        return Unicode.Scalar(first) ?? "\u{FFFD}"
    }

    func appendUTF8(of scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: UTF8.encode(scalar)!)
    }
}
