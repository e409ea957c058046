import JSONCoding

/// The cluster operators (config.openshift.io ClusterOperator): whether each is available, progressing, degraded.
struct OperatorStatus: Equatable {
    /// One operator.
    struct Operator: Equatable {
        var name: String
        /// The status of Available, Progressing and Degraded: `True`, `False`, or `Unknown` when missing.
        var available: String
        var progressing: String
        var degraded: String
        /// The operator's own version, when it reports one.
        var version: String
        /// The messages worth reading: those of a Degraded, Progressing or missing-Available condition, else
        /// Available's.
        var message: String

        /// Degraded, not available, or progressing: listed first.
        var needsAttention: Bool { degraded == "True" || available != "True" || progressing == "True" }
        var isDegraded: Bool { degraded == "True" }
    }

    var operators: [Operator] = []
    var notListed = 0

    /// The most operators listed (OpenShift has about thirty; a product may add some).
    static let maximumListed = 500

    var degraded: [Operator] { operators.filter(\.isDegraded) }
    var unavailable: [Operator] { operators.filter { $0.available != "True" } }
    var progressing: [Operator] { operators.filter { $0.progressing == "True" } }

    static func read(_ folder: MustGatherFolder) -> OperatorStatus {
        var status = OperatorStatus()
        folder.forEachClusterObject(group: "config.openshift.io", resource: "clusteroperators") { object in
            guard status.operators.count < maximumListed else {
                status.notListed += 1
                return
            }
            status.operators.append(Self.clusterOperator(object))
        }
        status.operators.sort { ($0.needsAttention ? 0 : 1, $0.name) < ($1.needsAttention ? 0 : 1, $1.name) }
        return status
    }

    static func clusterOperator(_ object: JSONValue) -> Operator {
        let conditions = Condition.all(of: object)
        func state(_ type: String) -> String { conditions.first { $0.type == type }?.status ?? "Unknown" }
        let name = object[path: "metadata", "name"]?.stringValue ?? ""
        let versions = object[path: "status", "versions"]?.arrayValue ?? []
        let version = versions.first { $0["name"]?.stringValue == "operator" }?["version"]?.stringValue
            ?? versions.first?["version"]?.stringValue ?? ""
        let worrying = conditions.filter { condition in
            (condition.type == "Degraded" && condition.isTrue) || (condition.type == "Progressing" && condition.isTrue)
                || (condition.type == "Available" && !condition.isTrue)
        }
        let chosen = worrying.isEmpty ? conditions.filter { $0.type == "Available" } : worrying
        let message = chosen.filter { !$0.message.isEmpty }.map { "\($0.type): \($0.message)" }.joined(separator: "\n")
        return Operator(name: name, available: state("Available"), progressing: state("Progressing"),
            degraded: state("Degraded"), version: version, message: message)
    }
}
