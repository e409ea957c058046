/// A JSON document as the API server sent it.
///
/// Numbers keep their literal text, so that integers beyond 2^53, `1.0` against `1` and exponents survive a round
/// trip to disk unchanged. Objects are dictionaries: Kubernetes objects never repeat a key, and every writer of this
/// project sorts keys anyway.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number, as the literal text of the document (`42`, `-1.5e3`, `9007199254740993`).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    // MARK: Access

    /// The member `key` of an object, or nil for anything else.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// Follows a path of object keys: `value[path: "metadata", "name"]`.
    public subscript(path keys: String...) -> JSONValue? {
        self[path: keys]
    }

    /// Follows a path of object keys given as a list (`spec.networkType` split at its dots).
    public subscript(path keys: [String]) -> JSONValue? {
        var current: JSONValue? = self
        for key in keys { current = current?[key] }
        return current
    }

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The members, when this is an object.
    public var objectValue: [String: JSONValue]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The boolean, when this is a boolean.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The number as an integer, when it is one that fits.
    public var intValue: Int? {
        if case .number(let text) = self { return Int(text) }
        return nil
    }
}

extension JSONValue {
    /// A number from an integer.
    public static func integer(_ value: Int) -> JSONValue { .number(String(value)) }
}
