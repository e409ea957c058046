import JSONCoding

/// Writes YAML the way `oc adm inspect` does (go-yaml's block style): keys sorted, 2-space indent, sequences under a key
/// not indented, `[]` and `{}` for empties, `|` blocks for multi-line strings, and double quotes on every string a
/// YAML 1.1 or 1.2 reader would take for another type (``ScalarStyleChoice``).
///
/// Lines are never folded (oc folds at 80 columns), so a long message stays on one line for `grep`. Output collects in
/// memory: take it with ``takeOutput()`` as often as suits, for example after every list item, so a long list streams
/// through in bounded memory. Calls form events (`beginMapping`, `writeKey`, a value, ..., `endMapping`); a wrong
/// order is a ``YAMLWriteError``.
///
/// The writer is our own: libyaml's emitter, driven event by event, measured 18 to 30 MB/s of JSON on the 2-core
/// machine (Benchmarks/yaml-throughput.sh), under the 30 MB/s inspect needs; this one writes bytes directly.
/// Use one writer from one task at a time.
public final class YAMLWriter {
    var emitter = YAMLEmitter()

    /// Starts a YAML stream.
    public init() {}

    /// The bytes written since the last call.
    public func takeOutput() -> [UInt8] { emitter.takeOutput() }

    /// How many bytes wait to be taken.
    public var pendingByteCount: Int { emitter.output.count }

    /// Writes `value` as one whole document.
    public func writeDocument(_ value: JSONValue) throws(YAMLWriteError) { try emitter.writeDocument(value) }

    /// Starts a document (without a `---` line).
    public func beginDocument() throws(YAMLWriteError) { try emitter.beginDocument() }

    /// Ends the document.
    public func endDocument() throws(YAMLWriteError) { try emitter.endDocument() }

    /// Ends the stream; the writer takes nothing more.
    public func finish() throws(YAMLWriteError) { try emitter.finish() }

    /// Starts a block mapping; write its keys in sorted order with ``writeKey(_:)`` and a value each.
    public func beginMapping() throws(YAMLWriteError) { try emitter.beginMapping() }

    /// Ends the current mapping.
    public func endMapping() throws(YAMLWriteError) { try emitter.endMapping() }

    /// Starts a block sequence (written `[]` if it ends empty).
    public func beginSequence() throws(YAMLWriteError) { try emitter.beginSequence() }

    /// Ends the current sequence.
    public func endSequence() throws(YAMLWriteError) { try emitter.endSequence() }

    /// Writes a mapping key.
    public func writeKey(_ key: String) throws(YAMLWriteError) { try emitter.writeKey(key) }

    /// Writes `value` in full: a scalar, or a mapping with sorted keys, or a sequence.
    public func write(_ value: JSONValue) throws(YAMLWriteError) { try emitter.write(value) }
}

/// The state and output of a ``YAMLWriter``, as a value, so the hot paths run without dynamic exclusivity checks.
struct YAMLEmitter {
    var output: [UInt8] = []
    var stack: [Frame] = []

    /// An open collection.
    struct Frame {
        var isMapping: Bool
        /// The column of its keys or dashes, once opened.
        var indent: Int
        /// Entries written: items, or complete key-value pairs.
        var count = 0
        /// In a mapping: a key is written and its value is due.
        var awaitingValue = false
        /// Whether the first entry continues the current line (after `- `).
        var startsInline: Bool
        /// Where the collection sits, until its first entry opens it (an empty one is written `[]` or `{}` there).
        var pending: Position?
    }

    /// Where the next node goes.
    enum Position {
        /// The document's top.
        case root
        /// After `key:` at this column.
        case afterKey(Int)
        /// After `- `; its content's column.
        case afterDash(Int)
    }

    init() {
        output.reserveCapacity(Self.initialCapacity)
    }

    /// The bytes written since the last call. The buffer starts again small: the taken bytes keep theirs, and
    /// keeping its capacity would allocate that much again for every writer left open.
    mutating func takeOutput() -> [UInt8] {
        defer {
            output = []
            output.reserveCapacity(Self.initialCapacity)
        }
        return output
    }

    /// The output buffer's capacity at the start and after each take.
    static let initialCapacity = 64 * 1024

    /// Writes `value` as one whole document.
    mutating func writeDocument(_ value: JSONValue) throws(YAMLWriteError) {
        try beginDocument()
        try write(value)
        try endDocument()
    }

    /// Starts a document (without a `---` line).
    mutating func beginDocument() throws(YAMLWriteError) {
        guard stack.isEmpty else { throw YAMLWriteError(message: "a document starts inside a collection") }
    }

    /// Ends the document.
    mutating func endDocument() throws(YAMLWriteError) {
        guard stack.isEmpty else { throw YAMLWriteError(message: "the document ends with a collection open") }
    }

    /// Ends the stream; the writer takes nothing more.
    mutating func finish() throws(YAMLWriteError) {
        try endDocument()
    }

    /// Starts a block mapping; write its keys in sorted order with ``writeKey(_:)`` and a value each.
    mutating func beginMapping() throws(YAMLWriteError) {
        try beginCollection(isMapping: true)
    }

    /// Ends the current mapping.
    mutating func endMapping() throws(YAMLWriteError) {
        try endCollection(isMapping: true)
    }

    /// Starts a block sequence (written `[]` if it ends empty).
    mutating func beginSequence() throws(YAMLWriteError) {
        try beginCollection(isMapping: false)
    }

    /// Ends the current sequence.
    mutating func endSequence() throws(YAMLWriteError) {
        try endCollection(isMapping: false)
    }

    /// Writes a mapping key.
    mutating func writeKey(_ key: String) throws(YAMLWriteError) {
        try Self.withUTF8(of: key) { bytes throws(YAMLWriteError) in try writeStringBytes(bytes) }
    }

    /// Writes `value` in full: a scalar, or a mapping with sorted keys, or a sequence. Walks the value's events
    /// rather than recursing, so deep nesting costs no stack.
    mutating func write(_ value: JSONValue) throws(YAMLWriteError) {
        try value.forEachEvent { event throws(YAMLWriteError) in
            switch event {
            case .scalar(.null): try writeScalar(StaticString("null"))
            case .scalar(.bool(let flag)): try writeScalar(flag ? StaticString("true") : "false")
            case .scalar(.number(let text)):
                try Self.withUTF8(of: text) { bytes throws(YAMLWriteError) in try writePlain(bytes) }
            case .scalar(.string(let text)), .key(let text): try writeKey(text)
            case .scalar: preconditionFailure("containers arrive as events")
            case .arrayStart: try beginSequence()
            case .arrayEnd: try endSequence()
            case .objectStart: try beginMapping()
            case .objectEnd: try endMapping()
            }
        }
    }

    // MARK: Scalars

    /// Writes a string given as UTF-8 bytes, in the style its content needs (a key when a key is due).
    mutating func writeStringBytes(_ bytes: UnsafeBufferPointer<UInt8>) throws(YAMLWriteError) {
        let isKey = isKeyDue
        var style = ScalarStyleChoice.style(for: bytes)
        if isKey && style == .literal { style = .doubleQuoted }
        try startScalar(isKey: isKey)
        let start = output.count
        switch style {
        case .plain: output.append(contentsOf: bytes)
        case .doubleQuoted: appendDoubleQuoted(bytes)
        case .literal: appendLiteral(bytes, contentIndent: literalIndent())
        }
        if isKey && output.count - start > Self.longestImplicitKey { makeExplicitKey(startingAt: start) }
        finishScalar(isKey: isKey)
    }

    /// YAML readers look at most 1024 characters ahead for the `:` of a key; this many bytes stay below that.
    static let longestImplicitKey = 1000

    /// Turns the key written from `start` into an explicit one, `? key` with its `:` on the next line, which has no
    /// length limit.
    private mutating func makeExplicitKey(startingAt start: Int) {
        output.insert(contentsOf: [UInt8(ascii: "?"), UInt8(ascii: " ")], at: start)
        output.append(0x0A)
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: stack[stack.count - 1].indent))
    }

    /// Writes a number, boolean or null as is.
    mutating func writePlain(_ bytes: UnsafeBufferPointer<UInt8>) throws(YAMLWriteError) {
        let isKey = isKeyDue
        try startScalar(isKey: isKey)
        output.append(contentsOf: bytes)
        finishScalar(isKey: isKey)
    }

    private static func withUTF8(of text: String, _ body: (UnsafeBufferPointer<UInt8>) throws(YAMLWriteError) -> Void)
        throws(YAMLWriteError)
    {
        var text = text
        let outcome: Result<Void, YAMLWriteError> = text.withUTF8 { bytes in
            Result { () throws(YAMLWriteError) in try body(bytes) }
        }
        try outcome.get()
    }

    private mutating func writeScalar(_ text: StaticString) throws(YAMLWriteError) {
        try writePlain(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    private var isKeyDue: Bool {
        guard let top = stack.last else { return false }
        return top.isMapping && !top.awaitingValue
    }

    /// Writes what comes before a scalar: indentation and `- ` or the key's line start, or the space after `key:`.
    private mutating func startScalar(isKey: Bool) throws(YAMLWriteError) {
        if isKey {
            try openIfPending()
            startEntry()
            return
        }
        switch try nodePosition() {
        case .root, .afterDash: break
        case .afterKey: output.append(UInt8(ascii: " "))
        }
    }

    private mutating func finishScalar(isKey: Bool) {
        if isKey {
            output.append(UInt8(ascii: ":"))
            stack[stack.count - 1].awaitingValue = true
        } else {
            output.append(0x0A)
            nodeEnded()
        }
    }

    /// The column of a `|` block's lines: two past the key or dash it belongs to.
    private func literalIndent() -> Int {
        guard let top = stack.last else { return 2 }
        return top.isMapping ? top.indent + 2 : top.indent + 2
    }

    private mutating func appendLiteral(_ bytes: UnsafeBufferPointer<UInt8>, contentIndent: Int) {
        var trailingNewlines = 0
        while trailingNewlines < bytes.count, bytes[bytes.count - 1 - trailingNewlines] == 0x0A { trailingNewlines += 1 }
        output.append(UInt8(ascii: "|"))
        if trailingNewlines == 0 { output.append(UInt8(ascii: "-")) } else if trailingNewlines > 1 { output.append(UInt8(ascii: "+")) }
        // The body without the final newline; each of its lines is written with one.
        let body = UnsafeBufferPointer(rebasing: bytes[0..<(bytes.count - min(trailingNewlines, 1))])
        var lineStart = 0
        for index in 0...body.count where index == body.count || body[index] == 0x0A {
            output.append(0x0A)
            if index > lineStart {
                output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: contentIndent))
                output.append(contentsOf: UnsafeBufferPointer(rebasing: body[lineStart..<index]))
            }
            lineStart = index + 1
        }
        // finishScalar adds the newline that ends the last line.
    }

    private mutating func appendDoubleQuoted(_ bytes: UnsafeBufferPointer<UInt8>) {
        output.append(UInt8(ascii: "\""))
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x00..<0x20, 0x7F: appendHexEscape(byte)
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] < 0xA0:
                appendHexEscape(bytes[index + 1])  // C1 control U+0080..U+009F
                index += 1
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80
                && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                output.append(contentsOf: [0x5C, bytes[index + 2] == 0xA8 ? UInt8(ascii: "L") : UInt8(ascii: "P")])
                index += 2
            case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF:
                output.append(contentsOf: Array("\\uFEFF".utf8))
                index += 2
            case 0xEF where index + 2 < bytes.count && bytes[index + 1] == 0xBF && bytes[index + 2] >= 0xBE:
                // U+FFFE and U+FFFF: YAML readers (PyYAML) refuse a file holding them unescaped.
                output.append(contentsOf: Array((bytes[index + 2] == 0xBE ? "\\uFFFE" : "\\uFFFF").utf8))
                index += 2
            default: output.append(byte)
            }
            index += 1
        }
        output.append(UInt8(ascii: "\""))
    }

    private mutating func appendHexEscape(_ byte: UInt8) {
        let hex = Array("0123456789ABCDEF".utf8)
        output.append(contentsOf: [0x5C, UInt8(ascii: "x"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
    }

    // MARK: Structure

    /// Where a value node goes, writing the dash of a sequence item first.
    private mutating func nodePosition() throws(YAMLWriteError) -> Position {
        guard let top = stack.last else { return .root }
        if top.isMapping {
            guard top.awaitingValue else { throw YAMLWriteError(message: "a value where a key is due") }
            return .afterKey(top.indent)
        }
        try openIfPending()
        startEntry()
        output.append(contentsOf: [UInt8(ascii: "-"), UInt8(ascii: " ")])
        return .afterDash(stack[stack.count - 1].indent + 2)
    }

    /// Indentation before a key or a dash, unless the entry continues the line.
    private mutating func startEntry() {
        let top = stack[stack.count - 1]
        if top.count == 0 && top.startsInline { return }
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: top.indent))
    }

    private mutating func beginCollection(isMapping: Bool) throws(YAMLWriteError) {
        // Writing a value recurses once per level: the same bound as the JSON readers keeps that off the stack's end.
        guard stack.count < JSONParser.maximumDepth else {
            throw YAMLWriteError(message: "collections nest deeper than \(JSONParser.maximumDepth) levels")
        }
        let position = try nodePosition()
        stack.append(Frame(isMapping: isMapping, indent: 0, startsInline: false, pending: position))
    }

    /// Opens a collection at its first entry: a line break after `key:`, the column of its entries.
    private mutating func openIfPending() throws(YAMLWriteError) {
        guard let position = stack[stack.count - 1].pending else { return }
        let isMapping = stack[stack.count - 1].isMapping
        switch position {
        case .root:
            stack[stack.count - 1].indent = 0
        case .afterKey(let column):
            output.append(0x0A)
            stack[stack.count - 1].indent = isMapping ? column + 2 : column
        case .afterDash(let column):
            stack[stack.count - 1].indent = column
            stack[stack.count - 1].startsInline = true
        }
        stack[stack.count - 1].pending = nil
    }

    private mutating func endCollection(isMapping: Bool) throws(YAMLWriteError) {
        guard let top = stack.last, top.isMapping == isMapping, !top.awaitingValue else {
            throw YAMLWriteError(message: "end of a \(isMapping ? "mapping" : "sequence") out of order")
        }
        stack.removeLast()
        if let position = top.pending {
            if case .afterKey = position { output.append(UInt8(ascii: " ")) }
            output.append(contentsOf: isMapping ? [UInt8(ascii: "{"), UInt8(ascii: "}")] : [UInt8(ascii: "["), UInt8(ascii: "]")])
            output.append(0x0A)
        }
        nodeEnded()
    }

    /// A value node is complete: its parent counts an entry.
    private mutating func nodeEnded() {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].awaitingValue = false
        stack[stack.count - 1].count += 1
    }
}

/// The calls to a ``YAMLWriter`` were out of order (a bug in the caller), or the data nests deeper than
/// ``JSONParser/maximumDepth``.
public struct YAMLWriteError: Error, CustomStringConvertible, Sendable {
    /// What was wrong.
    public let message: String
    public var description: String { "YAML writer: \(message)" }
}
