import Foundation

/// An entry with a `when:`: checks its conditions when its turn comes, then runs the collector its kind makes with
/// what the conditions found (the operator's namespace), or ends as not applicable with the reason, as the stock
/// scripts print "not detected. Skipping." and exit 0. A condition that could not be checked skips the entry: that is a
/// loss, and the run says so.
struct ConditionalCollector: Collector {
    let entry: CollectorEntry
    let conditions: [EntryCondition]
    let checker: ConditionChecker
    let services: CollectorServices

    func run(_ context: CollectorContext) async throws {
        var bindings = ConditionBindings()
        for condition in conditions {
            switch await checker.outcome(of: condition) {
            case .holds(let operatorNamespace):
                if let operatorNamespace { bindings.operatorNamespace = operatorNamespace }
            case .doesNotHold(let reason):
                context.note(reason)
                throw CollectorNotApplicable(reason: reason)
            case .unknown(let reason):
                throw CollectorSkipped(reason: "could not check \(condition.description): \(reason)")
            }
        }
        let kind = try entry.kind.bound(to: bindings)
        try await kind.makeCollector(for: entry, using: services).run(context)
    }
}

/// Thrown by a collector that found it has nothing to gather here (its add-on is not installed): the run records it
/// as not applicable, with the reason.
struct CollectorNotApplicable: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

/// Thrown by a collector that could not start (its condition could not be checked): the run records it as skipped,
/// with the reason.
struct CollectorSkipped: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

/// What an entry's conditions found, for its parameters to name: `{operatorNamespace}`.
public struct ConditionBindings: Sendable, Equatable {
    /// The namespace of the Subscription or ClusterServiceVersion a condition found.
    public var operatorNamespace: String?

    /// The placeholder an entry writes for the operator's namespace.
    public static let operatorNamespacePlaceholder = "{operatorNamespace}"

    /// `text` with the placeholders replaced; an unbound placeholder is an error naming it.
    public func substitute(_ text: String) throws(UnboundPlaceholder) -> String {
        guard text.contains(Self.operatorNamespacePlaceholder) else { return text }
        guard let operatorNamespace else { throw UnboundPlaceholder(name: Self.operatorNamespacePlaceholder) }
        return text.replacingOccurrences(of: Self.operatorNamespacePlaceholder, with: operatorNamespace)
    }
}

/// A parameter names `{operatorNamespace}` but no condition of the entry finds one.
public struct UnboundPlaceholder: Error, CustomStringConvertible {
    public let name: String
    public var description: String {
        "\(name) is used but no `subscription` or `clusterServiceVersion` condition names it"
    }
}
