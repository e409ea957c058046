import Foundation

/// `kind: script`: an executable with arguments, given the must-gather environment (a product team's `gather_*`
/// script).
public struct ScriptKind: CollectorKind {
    public static let name = "script"
    public static let fields = ["path", "arguments"]

    /// The executable.
    public var path: String
    /// Its arguments.
    var arguments: [String]

    init(path: String, arguments: [String] = []) {
        self.path = path
        self.arguments = arguments
    }

    public init(reading fields: CollectorEntryFields) throws(SpecError) {
        path = try fields.requiredString("path")
        arguments = try fields.strings("arguments") ?? []
    }

    public func makeCollector(for entry: CollectorEntry, using services: CollectorServices) -> any Collector {
        ScriptCollector(entry: entry, path: path, arguments: arguments,
            environment: services.optional(ScriptEnvironment.self)?.variables ?? ProcessInfo.processInfo.environment)
    }
}

/// The environment scripts inherit, when it is not the process's own (tests give their own).
struct ScriptEnvironment: Sendable {
    var variables: [String: String]

    init(_ variables: [String: String]) { self.variables = variables }
}
