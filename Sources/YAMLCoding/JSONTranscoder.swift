
import JSONCoding

extension YAMLWriter {
    /// Writes the JSON value in `range` of `bytes` as YAML, straight from the bytes: keys sorted, strings unescaped,
    /// numbers with their literal text, and no `JSONValue` built. This is the path for lists going to disk, several
    /// times faster than parsing into values and writing those.
    public func writeJSON(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>) throws {
        // The emitter moves into the transcoder for the duration (a swap, not a copy of its buffer), so the hot path
        // works on a local value.
        var transcoder = JSONTranscoder(scanner: JSONScanner(bytes))
        swap(&emitter, &transcoder.emitter)
        defer { swap(&emitter, &transcoder.emitter) }
        try transcoder.write(range)
    }
}

/// Turns JSON bytes into YAML writer events, one container level at a time.
struct JSONTranscoder {
    let scanner: JSONScanner
    /// The writer's emitter, moved in while transcoding.
    var emitter = YAMLEmitter()
    /// Member ranges of the objects being written, used as a stack so no level allocates its own array.
    var memberStack: [JSONScanner.Member] = []
    /// Element ranges of the arrays being written, as a stack.
    var elementStack: [Range<Int>] = []
    /// Where escaped strings are decoded.
    var decoded: [UInt8] = []

    init(scanner: JSONScanner) {
        self.scanner = scanner
        memberStack.reserveCapacity(256)
        elementStack.reserveCapacity(256)
    }

    var bytes: UnsafeBufferPointer<UInt8> { scanner.bytes }

    mutating func write(_ range: Range<Int>) throws {
        let start = scanner.skipWhitespace(range.lowerBound)
        guard start < range.upperBound else { throw JSONParseError.at(start, "expected a value") }
        switch bytes[start] {
        case UInt8(ascii: "{"): try writeObject(start..<range.upperBound)
        case UInt8(ascii: "["): try writeArray(start..<range.upperBound)
        case UInt8(ascii: "\""):
            let string = try scanner.skipString(start)
            try writeString(string.content, hasEscapes: string.hasEscapes)
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            let end = try scanner.skipValue(start)
            let word = UnsafeBufferPointer(rebasing: bytes[start..<end])
            guard word.elementsEqual("true".utf8) || word.elementsEqual("false".utf8) || word.elementsEqual("null".utf8)
            else { throw JSONParseError.at(start, "unknown literal") }
            try emitter.writePlain(word)
        default:
            let end = try scanner.skipValue(start)
            let number = UnsafeBufferPointer(rebasing: bytes[start..<end])
            guard Self.isNumber(number) else { throw JSONParseError.at(start, "invalid number") }
            try emitter.writePlain(number)
        }
    }

    private mutating func writeObject(_ range: Range<Int>) throws {
        let base = memberStack.count
        defer { memberStack.removeSubrange(base...) }
        try scanner.members(of: range, into: &memberStack)
        let count = memberStack.count - base
        if memberStack[base...].contains(where: \.keyHasEscapes) {
            // Rare: compare decoded keys.
            let decodedKeys = memberStack[base...].map { member in
                member.keyHasEscapes ? (try? scanner.unescapedString(member.key)) ?? [] : Array(bytes[member.key])
            }
            let order = decodedKeys.indices.sorted { decodedKeys[$0].lexicographicallyPrecedes(decodedKeys[$1]) }
            let sorted = order.map { memberStack[base + $0] }
            memberStack.replaceSubrange(base..., with: sorted)
        } else if count > 1 {
            let buffer = bytes
            memberStack[base...].sort { left, right in
                UnsafeBufferPointer(rebasing: buffer[left.key]).lexicographicallyPrecedes(
                    UnsafeBufferPointer(rebasing: buffer[right.key]))
            }
        }
        try emitter.beginMapping()
        for index in base..<(base + count) {
            let member = memberStack[index]
            try writeString(member.key, hasEscapes: member.keyHasEscapes)
            try write(member.value)
        }
        try emitter.endMapping()
    }

    private mutating func writeArray(_ range: Range<Int>) throws {
        let base = elementStack.count
        defer { elementStack.removeSubrange(base...) }
        try scanner.elements(of: range, into: &elementStack)
        try emitter.beginSequence()
        for index in base..<elementStack.count { try write(elementStack[index]) }
        try emitter.endSequence()
    }

    private mutating func writeString(_ content: Range<Int>, hasEscapes: Bool) throws {
        if !hasEscapes {
            let text = UnsafeBufferPointer(rebasing: bytes[content])
            guard !text.contains(where: { $0 < 0x20 }) else {
                throw JSONParseError.at(content.lowerBound, "control character in a string")
            }
            try emitter.writeStringBytes(text)
            return
        }
        decoded = try scanner.unescapedString(content)
        try decoded.withUnsafeBufferPointer { try emitter.writeStringBytes($0) }
    }

    /// JSON's number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    static func isNumber(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        func digits() -> Int {
            let start = index
            while index < text.count, text[index] >= UInt8(ascii: "0"), text[index] <= UInt8(ascii: "9") { index += 1 }
            return index - start
        }
        if index < text.count, text[index] == UInt8(ascii: "-") { index += 1 }
        let integer = digits()
        guard integer > 0, integer == 1 || text[index - integer] != UInt8(ascii: "0") else { return false }
        if index < text.count, text[index] == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { return false }
        }
        if index < text.count, text[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { return false }
        }
        return index == text.count
    }
}

extension JSONParseError {
    static func at(_ offset: Int, _ reason: String) -> JSONParseError { JSONParseError(reason: reason, offset: offset) }
}
