#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the extent of JSON values in bytes without building them: the fast path for lists that go straight to disk.
///
/// Ranges are byte offsets into the scanned buffer. The scanner checks structure (brackets, strings, separators) as it
/// goes and throws on malformed input; scalars are checked by whoever reads them.
public struct JSONScanner {
    /// The bytes being scanned.
    public let bytes: UnsafeBufferPointer<UInt8>

    public init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// One member of an object: the key's bytes inside its quotes, whether they hold escapes, and the value's range.
    public struct Member {
        public var key: Range<Int>
        public var keyHasEscapes: Bool
        public var value: Range<Int>
    }

    /// The index of the first byte at or after `index` that is not JSON whitespace.
    @inline(__always)
    public func skipWhitespace(_ index: Int) -> Int {
        var index = index
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return index
            }
        }
        return index
    }

    /// The index just past the value that starts at `index` (after whitespace). Containers nested deeper than
    /// ``JSONParser/maximumDepth`` are refused, so a value this accepts can be walked by recursion safely.
    public func skipValue(_ index: Int) throws(JSONParseError) -> Int {
        var index = skipWhitespace(index)
        guard index < bytes.count else { throw JSONParseError(reason: "expected a value", offset: index) }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return try skipString(index).end
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\""):
                    index = try skipString(index).end
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    depth += 1
                    guard depth <= JSONParser.maximumDepth else { throw .nestingTooDeep(at: index) }
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return index + 1 }
                default:
                    break
                }
                index += 1
            }
            throw JSONParseError(reason: "unexpected end of data in a container", offset: index)
        default:
            let start = index
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09:
                    guard index > start else { throw JSONParseError(reason: "expected a value", offset: index) }
                    return index
                default:
                    index += 1
                }
            }
            return index
        }
    }

    /// The string starting at the quote at `index`: the range inside the quotes, the index after the closing quote,
    /// and whether it holds escapes.
    @inline(__always)
    public func skipString(_ index: Int) throws(JSONParseError) -> (content: Range<Int>, end: Int, hasEscapes: Bool) {
        guard let base = bytes.baseAddress else { throw JSONParseError(reason: "empty data", offset: index) }
        var position = index + 1
        var hasEscapes = false
        // Jump from quote to quote with memchr; a quote after an odd run of backslashes is escaped.
        while position < bytes.count {
            guard let found = memchr(base + position, Int32(UInt8(ascii: "\"")), bytes.count - position) else { break }
            let quote = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            var backslashes = 0
            while quote - backslashes - 1 > index, bytes[quote - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
            if !hasEscapes, memchr(base + index + 1, Int32(UInt8(ascii: "\\")), quote - index - 1) != nil {
                hasEscapes = true
            }
            if backslashes % 2 == 0 { return (index + 1..<quote, quote + 1, hasEscapes) }
            position = quote + 1
        }
        throw JSONParseError(reason: "unexpected end of data in a string", offset: index)
    }

    /// The members of the object in `range`, in document order, appended to `members`.
    public func members(of range: Range<Int>, into members: inout [Member]) throws(JSONParseError) {
        var index = skipWhitespace(range.lowerBound)
        guard index < range.upperBound, bytes[index] == UInt8(ascii: "{") else {
            throw JSONParseError(reason: "expected an object", offset: index)
        }
        index = skipWhitespace(index + 1)
        if index < range.upperBound, bytes[index] == UInt8(ascii: "}") { return }
        while true {
            guard index < range.upperBound, bytes[index] == UInt8(ascii: "\"") else {
                throw JSONParseError(reason: "expected a member name", offset: index)
            }
            let key = try skipString(index)
            index = skipWhitespace(key.end)
            guard index < range.upperBound, bytes[index] == UInt8(ascii: ":") else {
                throw JSONParseError(reason: "expected ':'", offset: index)
            }
            let valueStart = skipWhitespace(index + 1)
            let valueEnd = try skipValue(valueStart)
            members.append(Member(key: key.content, keyHasEscapes: key.hasEscapes, value: valueStart..<valueEnd))
            index = skipWhitespace(valueEnd)
            guard index < range.upperBound else { throw JSONParseError(reason: "unexpected end of an object", offset: index) }
            if bytes[index] == UInt8(ascii: "}") { return }
            guard bytes[index] == UInt8(ascii: ",") else { throw JSONParseError(reason: "expected ',' or '}'", offset: index) }
            index = skipWhitespace(index + 1)
        }
    }

    /// The elements of the array in `range`, appended to `elements`.
    public func elements(of range: Range<Int>, into elements: inout [Range<Int>]) throws(JSONParseError) {
        var index = skipWhitespace(range.lowerBound)
        guard index < range.upperBound, bytes[index] == UInt8(ascii: "[") else {
            throw JSONParseError(reason: "expected an array", offset: index)
        }
        index = skipWhitespace(index + 1)
        if index < range.upperBound, bytes[index] == UInt8(ascii: "]") { return }
        while true {
            let end = try skipValue(index)
            elements.append(index..<end)
            index = skipWhitespace(end)
            guard index < range.upperBound else { throw JSONParseError(reason: "unexpected end of an array", offset: index) }
            if bytes[index] == UInt8(ascii: "]") { return }
            guard bytes[index] == UInt8(ascii: ",") else { throw JSONParseError(reason: "expected ',' or ']'", offset: index) }
            index = skipWhitespace(index + 1)
        }
    }

    /// The value of member `key` of the object in `range`, if present (keys with escapes are not matched).
    public func member(_ key: String, of range: Range<Int>) throws(JSONParseError) -> Range<Int>? {
        var found: [Member] = []
        try members(of: range, into: &found)
        let wanted = Array(key.utf8)
        return found.first { !$0.keyHasEscapes && bytes[$0.key].elementsEqual(wanted) }?.value
    }

    /// Follows object keys from `range`: `value(at: ["metadata", "name"], in: item)`.
    public func value(at path: [String], in range: Range<Int>) throws(JSONParseError) -> Range<Int>? {
        var current = range
        for key in path {
            guard bytes[skipWhitespace(current.lowerBound)] == UInt8(ascii: "{"),
                let next = try member(key, of: current)
            else { return nil }
            current = next
        }
        return current
    }

    /// The string whose content (inside its quotes) is `content`, escapes decoded, as UTF-8.
    public func unescapedString(_ content: Range<Int>) throws(JSONParseError) -> [UInt8] {
        var cursor = Cursor(bytes)
        cursor.index = content.lowerBound - 1
        return Array(try cursor.parseString().utf8)
    }

    /// The value in `range`, built as a ``JSONValue`` (for the few values that need one).
    public func parse(_ range: Range<Int>) throws(JSONParseError) -> JSONValue {
        try JSONParser.parse(UnsafeBufferPointer(rebasing: bytes[range]))
    }
}
