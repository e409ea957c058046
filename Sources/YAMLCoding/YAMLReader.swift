import CYaml
import JSONCoding

/// Reads YAML documents into `JSONValue`s with libyaml's event parser: C speed on the large lists of a must-gather.
///
/// Plain scalars are resolved as YAML 1.2's core schema does (null, booleans, integers, floats, else strings); quoted
/// scalars are always strings; `!!str`-style tags are honoured. Integers and floats keep their text as JSON numbers.
public enum YAMLReader {
    /// Every document of `text` (a leading `---` or several documents are fine; empty documents are dropped).
    public static func documents(_ bytes: [UInt8]) throws(YAMLReadError) -> [JSONValue] {
        try bytes.withUnsafeBufferPointer { buffer throws(YAMLReadError) in
            var builder = TreeBuilder()
            try forEachEvent(input: { yaml_parser_set_input_string(&$0, buffer.baseAddress, buffer.count) }) {
                event throws(YAMLReadError) in try builder.consume(&event)
            }
            return builder.documents
        }
    }

    /// Hands each event of a stream to `consume`, up to the stream's end, from a parser that `input` points at its
    /// input (a string, a file). A syntax error throws with its line.
    static func forEachEvent(input: (inout yaml_parser_t) -> Void,
        _ consume: (inout yaml_event_t) throws(YAMLReadError) -> Void) throws(YAMLReadError)
    {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw YAMLReadError(message: "cannot create a parser", line: 0) }
        defer { yaml_parser_delete(&parser) }
        input(&parser)
        while true {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else {
                let problem = parser.problem.map { String(cString: $0) } ?? "syntax error"
                throw YAMLReadError(message: problem, line: Int(parser.problem_mark.line) + 1)
            }
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { return }
            try consume(&event)
        }
    }

    /// The first document of `text`, or nil for an empty stream.
    public static func document(_ text: String) throws(YAMLReadError) -> JSONValue? {
        try documents(Array(text.utf8)).first
    }

    /// Resolves a plain scalar's type as the YAML 1.2 core schema does.
    static func resolvePlain(_ text: String) -> JSONValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN": return .string(text)
        default: break
        }
        if isInteger(text) {
            return .number(text.hasPrefix("+") ? String(text.dropFirst()) : text)
        }
        if isJSONFloat(text) { return .number(text) }
        return .string(text)
    }

    private static func isInteger(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        return digits == "0" || digits.first != "0"
    }

    /// Floats that are also valid JSON numbers (`1.5`, `-2e3`); others (`.5`, `1.`) stay strings to keep JSON valid.
    private static func isJSONFloat(_ text: String) -> Bool {
        (try? JSONParser.parse(text)).map { if case .number = $0 { return true } else { return false } } ?? false
    }
}

/// Why a YAML stream could not be read.
public struct YAMLReadError: Error, CustomStringConvertible, Equatable {
    public let message: String
    /// 1-based line of the problem.
    public let line: Int
    public var description: String { "invalid YAML at line \(line): \(message)" }
}

/// Builds values from parser events with an explicit stack (no recursion on hostile nesting). libyaml itself refuses
/// collections nested deeper than 1,000 levels ("Maximum nesting level reached").
struct TreeBuilder {
    enum Frame {
        case sequence([JSONValue])
        case mapping([String: JSONValue], pendingKey: String?)
    }

    var stack: [Frame] = []
    var documents: [JSONValue] = []
    var anchors: [String: JSONValue] = [:]

    mutating func consume(_ event: inout yaml_event_t) throws(YAMLReadError) {
        let line = Int(event.start_mark.line) + 1
        switch event.type {
        case YAML_SEQUENCE_START_EVENT:
            stack.append(.sequence([]))
        case YAML_MAPPING_START_EVENT:
            stack.append(.mapping([:], pendingKey: nil))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let frame = stack.popLast() else { throw YAMLReadError(message: "unbalanced collection", line: line) }
            switch frame {
            case .sequence(let elements): try add(.array(elements), line: line)
            case .mapping(let members, _): try add(.object(members), line: line)
            }
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            let tag = scalar.tag.map { String(cString: $0) }
            let value: JSONValue
            if let tag, tag.hasSuffix(":str") {
                value = .string(text)
            } else if scalar.style == YAML_PLAIN_SCALAR_STYLE && tag == nil {
                value = YAMLReader.resolvePlain(text)
            } else {
                value = .string(text)
            }
            if let anchor = scalar.anchor { anchors[String(cString: anchor)] = value }
            try add(value, line: line)
        case YAML_ALIAS_EVENT:
            let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
            guard let value = anchors[name] else { throw YAMLReadError(message: "unknown alias \(name)", line: line) }
            try add(value, line: line)
        default:
            break  // stream, document start and end
        }
    }

    mutating func add(_ value: JSONValue, line: Int) throws(YAMLReadError) {
        guard let top = stack.popLast() else {
            documents.append(value)
            return
        }
        switch top {
        case .sequence(var elements):
            elements.append(value)
            stack.append(.sequence(elements))
        case .mapping(var members, let pendingKey):
            if let pendingKey {
                members[pendingKey] = value
                stack.append(.mapping(members, pendingKey: nil))
            } else {
                let key: String
                switch value {
                case .string(let text), .number(let text): key = text
                case .bool(let flag): key = flag ? "true" : "false"
                case .null: key = ""
                default: throw YAMLReadError(message: "a mapping key must be a scalar", line: line)
                }
                stack.append(.mapping(members, pendingKey: key))
            }
        }
    }
}
