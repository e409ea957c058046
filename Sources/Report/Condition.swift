import JSONCoding

/// One entry of an object's `status.conditions`, as operators and nodes report them.
struct Condition: Equatable {
    var type: String
    /// `True`, `False` or `Unknown`.
    var status: String
    var reason: String
    var message: String

    var isTrue: Bool { status == "True" }

    /// The conditions of `object`, in its order.
    static func all(of object: JSONValue) -> [Condition] {
        (object[path: "status", "conditions"]?.arrayValue ?? []).map { entry in
            Condition(type: entry["type"]?.stringValue ?? "", status: entry["status"]?.stringValue ?? "Unknown",
                reason: entry["reason"]?.stringValue ?? "", message: entry["message"]?.stringValue ?? "")
        }
    }
}
