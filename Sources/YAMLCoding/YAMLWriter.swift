import CLibYAML
import KubeClient

/// Writes `JSONValue`s as YAML the way `oc adm inspect` does, through libyaml's emitter (the C library that go-yaml, and
/// so oc, was ported from): keys sorted, 2-space indent, sequences under a key not indented, `[]` and `{}` for empties,
/// `|` blocks for multi-line strings, and quotes on every string a YAML 1.1 or 1.2 reader would take for another type.
///
/// Lines are never folded (oc folds at 80 columns), so a long message stays on one line for `grep`. Output collects in
/// memory in libyaml's chunks: write it out with ``takeOutput()`` as often as suits, for example after every list item,
/// so a long list streams through in bounded memory.
///
/// Use one writer from one task at a time.
public final class YAMLWriter {
    private let emitter: UnsafeMutablePointer<yaml_emitter_t>
    private let sink: OutputCollector

    /// Starts a YAML stream.
    public init() {
        emitter = .allocate(capacity: 1)
        sink = OutputCollector()
        guard yaml_emitter_initialize(emitter) == 1 else { fatalError("libyaml could not allocate an emitter") }
        yaml_emitter_set_unicode(emitter, 1)
        yaml_emitter_set_indent(emitter, 2)
        yaml_emitter_set_width(emitter, -1)
        yaml_emitter_set_output(emitter, { context, buffer, size in
            guard let context, let buffer else { return 0 }
            let collector = Unmanaged<OutputCollector>.fromOpaque(context).takeUnretainedValue()
            collector.bytes.append(contentsOf: UnsafeBufferPointer(start: buffer, count: size))
            return 1
        }, Unmanaged.passUnretained(sink).toOpaque())
        var event = yaml_event_t()
        yaml_stream_start_event_initialize(&event, YAML_UTF8_ENCODING)
        try! emit(&event)
    }

    deinit {
        yaml_emitter_delete(emitter)
        emitter.deallocate()
    }

    /// The bytes written since the last call.
    public func takeOutput() -> [UInt8] {
        defer { sink.bytes.removeAll(keepingCapacity: true) }
        return sink.bytes
    }

    /// Writes `value` as one whole document.
    public func writeDocument(_ value: JSONValue) throws(YAMLWriteError) {
        try beginDocument()
        try write(value)
        try endDocument()
    }

    /// Starts a document (without a `---` line).
    public func beginDocument() throws(YAMLWriteError) {
        var event = yaml_event_t()
        yaml_document_start_event_initialize(&event, nil, nil, nil, 1)
        try emit(&event)
    }

    /// Ends the document and pushes everything written so far to the output.
    public func endDocument() throws(YAMLWriteError) {
        var event = yaml_event_t()
        yaml_document_end_event_initialize(&event, 1)
        try emit(&event)
    }

    /// Ends the stream; the writer takes nothing more.
    public func finish() throws(YAMLWriteError) {
        var event = yaml_event_t()
        yaml_stream_end_event_initialize(&event)
        try emit(&event)
        guard yaml_emitter_flush(emitter) == 1 else { throw problem() }
    }

    /// Starts a block mapping; write its keys in sorted order with ``writeKey(_:)`` and a value each.
    public func beginMapping() throws(YAMLWriteError) {
        var event = yaml_event_t()
        yaml_mapping_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_MAPPING_STYLE)
        try emit(&event)
    }

    /// Ends the current mapping.
    public func endMapping() throws(YAMLWriteError) {
        var event = yaml_event_t()
        yaml_mapping_end_event_initialize(&event)
        try emit(&event)
    }

    /// Starts a block sequence (written `[]` if it ends empty).
    public func beginSequence() throws(YAMLWriteError) {
        var event = yaml_event_t()
        yaml_sequence_start_event_initialize(&event, nil, nil, 1, YAML_BLOCK_SEQUENCE_STYLE)
        try emit(&event)
    }

    /// Ends the current sequence.
    public func endSequence() throws(YAMLWriteError) {
        var event = yaml_event_t()
        yaml_sequence_end_event_initialize(&event)
        try emit(&event)
    }

    /// Writes a mapping key.
    public func writeKey(_ key: String) throws(YAMLWriteError) {
        try writeString(key)
    }

    /// Writes `value` in full: a scalar, or a mapping with sorted keys, or a sequence.
    public func write(_ value: JSONValue) throws(YAMLWriteError) {
        switch value {
        case .null: try writeScalar(StaticString("null"), style: YAML_PLAIN_SCALAR_STYLE)
        case .bool(let flag): try writeScalar(flag ? StaticString("true") : "false", style: YAML_PLAIN_SCALAR_STYLE)
        case .number(let text): try writeScalar(text, style: YAML_PLAIN_SCALAR_STYLE)
        case .string(let text): try writeString(text)
        case .array(let elements):
            try beginSequence()
            for element in elements { try write(element) }
            try endSequence()
        case .object(let members):
            try beginMapping()
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                try writeString(key)
                try write(member)
            }
            try endMapping()
        }
    }

    private func writeString(_ text: String) throws(YAMLWriteError) {
        if let outcome = text.utf8.withContiguousStorageIfAvailable({ bytes in
            Result { () throws(YAMLWriteError) in try writeScalar(bytes, style: ScalarStyleChoice.style(for: bytes)) }
        }) {
            return try outcome.get()
        }
        try writeString(String(decoding: Array(text.utf8), as: UTF8.self))
    }

    private func writeScalar(_ text: StaticString, style: yaml_scalar_style_t) throws(YAMLWriteError) {
        let bytes = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        try writeScalar(bytes, style: style)
    }

    private func writeScalar(_ text: String, style: yaml_scalar_style_t) throws(YAMLWriteError) {
        if let outcome = text.utf8.withContiguousStorageIfAvailable({ bytes in
            Result { () throws(YAMLWriteError) in try writeScalar(bytes, style: style) }
        }) {
            return try outcome.get()
        }
        try writeScalar(String(decoding: Array(text.utf8), as: UTF8.self), style: style)
    }

    /// Writes a string given as UTF-8 bytes, quoted as its content needs.
    func writeStringBytes(_ bytes: UnsafeBufferPointer<UInt8>) throws(YAMLWriteError) {
        try writeScalar(bytes, style: ScalarStyleChoice.style(for: bytes))
    }

    /// Writes a scalar from UTF-8 bytes in `style`.
    func writeScalar(_ bytes: UnsafeBufferPointer<UInt8>, style: yaml_scalar_style_t) throws(YAMLWriteError) {
        var event = yaml_event_t()
        // libyaml wants a non-null pointer even for the empty string.
        let empty: StaticString = ""
        yaml_scalar_event_initialize(&event, nil, nil, bytes.baseAddress ?? empty.utf8Start, Int32(bytes.count), 1, 1,
            style)
        try emit(&event)
    }

    private func emit(_ event: inout yaml_event_t) throws(YAMLWriteError) {
        guard yaml_emitter_emit(emitter, &event) == 1 else { throw problem() }
    }

    private func problem() -> YAMLWriteError {
        YAMLWriteError(message: emitter.pointee.problem.map { String(cString: $0) } ?? "libyaml emitter error")
    }

    /// Where libyaml's output handler appends.
    private final class OutputCollector {
        var bytes: [UInt8] = []
    }
}

/// libyaml refused an event: a bug in the order of calls, never a property of the data.
public struct YAMLWriteError: Error, CustomStringConvertible, Sendable {
    /// libyaml's description.
    public let message: String
    public var description: String { "YAML emitter: \(message)" }
}
