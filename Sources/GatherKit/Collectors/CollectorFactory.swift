import Foundation

/// Turns spec entries into collectors. Kinds whose collectors are not part of this build are returned separately, so
/// the run records them as skipped with that reason instead of pretending to gather.
public struct CollectorFactory: Sendable {
    /// Line 1 of `version`.
    public var product: String
    /// Line 2 of `version`.
    public var version: String
    /// The environment scripts inherit.
    public var environment: [String: String]

    public init(product: String, version: String, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.product = product
        self.version = version
        self.environment = environment
    }

    /// The collectors for `entries`, and the entries this build cannot run with why.
    public func make(_ entries: [CollectorEntry]) -> (collectors: [any Collector], unavailable: [(CollectorEntry, String)]) {
        var collectors: [any Collector] = []
        var unavailable: [(CollectorEntry, String)] = []
        for entry in entries {
            switch entry.kind {
            case .version: collectors.append(VersionCollector(entry: entry, product: product, version: version))
            case .script: collectors.append(ScriptCollector(entry: entry, environment: environment))
            case .inspect, .serviceLogs, .nodeFiles:
                unavailable.append((entry, "the \(entry.kind.name) collector is not part of this build yet"))
            }
        }
        return (collectors, unavailable)
    }
}
