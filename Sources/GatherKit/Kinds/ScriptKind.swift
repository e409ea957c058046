import Foundation

/// `kind: script`: an executable with arguments, given the must-gather environment (a product team's `gather_*`
/// script).
public struct ScriptKind: CollectorKind {
    public static let name = "script"
    public static let fields = ["path", "arguments"]

    /// The executable.
    public var path: String
    /// Its arguments.
    public var arguments: [String]

    public init(path: String, arguments: [String] = []) {
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
public struct ScriptEnvironment: Sendable {
    public var variables: [String: String]

    public init(_ variables: [String: String]) { self.variables = variables }
}
