
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

/// Turns JSON bytes into YAML writer events, one container level at a time, without recursion.
struct JSONTranscoder {
    let scanner: JSONScanner
    /// The writer's emitter, moved in while transcoding.
    var emitter = YAMLEmitter()
    /// Member ranges of the objects being written, used as a stack so no level allocates its own array.
    var memberStack: [JSONScanner.Member] = []
    /// Element ranges of the arrays being written, as a stack.
    var elementStack: [Range<Int>] = []
    /// Where escaped strings are decoded, and invalid UTF-8 repaired.
    var decoded: [UInt8] = []

    init(scanner: JSONScanner) {
        self.scanner = scanner
        memberStack.reserveCapacity(256)
        elementStack.reserveCapacity(256)
    }

    var bytes: UnsafeBufferPointer<UInt8> { scanner.bytes }

    /// An array or object being written: its elements or members sit in ``elementStack`` or ``memberStack`` from
    /// `base`, and `next` is the index of the next one.
    private struct Frame {
        var isObject: Bool
        var base: Int
        var next: Int
    }

    /// Writes the value in `range`. Open containers are kept on an explicit stack rather than by recursion, so no
    /// nesting reaches the end of the thread's stack, and they are counted: past ``JSONParser/maximumDepth`` the value
    /// is refused, even when the bytes were not checked by the scanner first.
    mutating func write(_ range: Range<Int>) throws {
        var frames: [Frame] = []
        var pending: Range<Int>? = range
        while true {
            if let range = pending {
                pending = nil
                let start = scanner.skipWhitespace(range.lowerBound)
                guard start < range.upperBound else { throw JSONParseError.at(start, "expected a value") }
                switch bytes[start] {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    guard frames.count < JSONParser.maximumDepth else { throw JSONParseError.nestingTooDeep(at: start) }
                    frames.append(try open(start..<range.upperBound, isObject: bytes[start] == UInt8(ascii: "{")))
                default:
                    try writeScalar(start..<range.upperBound)
                }
            }
            guard let frame = frames.last else { return }
            let end = frame.isObject ? memberStack.count : elementStack.count
            if frame.next == end {
                frames.removeLast()
                if frame.isObject {
                    memberStack.removeSubrange(frame.base...)
                    try emitter.endMapping()
                } else {
                    elementStack.removeSubrange(frame.base...)
                    try emitter.endSequence()
                }
                continue
            }
            if frame.isObject {
                let member = memberStack[frame.next]
                try writeString(member.key, hasEscapes: member.keyHasEscapes)
                pending = member.value
            } else {
                pending = elementStack[frame.next]
            }
            frames[frames.count - 1].next += 1
        }
    }

    /// Starts the object or array in `range`: finds its members (sorted by key) or elements, and begins it.
    private mutating func open(_ range: Range<Int>, isObject: Bool) throws -> Frame {
        if isObject {
            let base = memberStack.count
            try scanner.members(of: range, into: &memberStack)
            sortMembers(from: base)
            try emitter.beginMapping()
            return Frame(isObject: true, base: base, next: base)
        }
        let base = elementStack.count
        try scanner.elements(of: range, into: &elementStack)
        try emitter.beginSequence()
        return Frame(isObject: false, base: base, next: base)
    }

    /// Sorts the members from `base` by key, as every writer of this project orders them.
    private mutating func sortMembers(from base: Int) {
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
    }

    /// Writes the string, literal or number that starts at `range.lowerBound`.
    private mutating func writeScalar(_ range: Range<Int>) throws {
        let start = range.lowerBound
        switch bytes[start] {
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

    private mutating func writeString(_ content: Range<Int>, hasEscapes: Bool) throws {
        if !hasEscapes {
            let text = UnsafeBufferPointer(rebasing: bytes[content])
            var isASCII = true
            for byte in text {
                if byte < 0x20 { throw JSONParseError.at(content.lowerBound, "control character in a string") }
                if byte >= 0x80 { isASCII = false }
            }
            if isASCII || Self.isValidUTF8(text) {
                try emitter.writeStringBytes(text)
            } else {
                // The bytes are copied raw on this path: invalid UTF-8 becomes U+FFFD here, as Go's encoder would
                // write it, or the whole file would be unreadable for YAML readers.
                decoded = Array(String(decoding: text, as: UTF8.self).utf8)
                try decoded.withUnsafeBufferPointer { try emitter.writeStringBytes($0) }
            }
            return
        }
        decoded = try scanner.unescapedString(content)
        try decoded.withUnsafeBufferPointer { try emitter.writeStringBytes($0) }
    }

    /// Whether `bytes` are well-formed UTF-8 (decoded without building a string).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
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
