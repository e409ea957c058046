/// Resource arguments as `oc adm inspect` takes them: `type`, `type/name`, `type.group`, `type.group/name`, comma lists
/// of types (`nodes,csinodes`), or a type followed by names (`pods a b`).
public struct ResourceArguments: Sendable, Equatable {
    /// One requested type, with an optional object name.
    public struct Request: Sendable, Equatable {
        /// As written: `ns`, `clusteroperators`, `deployments.apps`.
        var type: String
        /// The object's name, or nil for every object of the type.
        var name: String?
    }

    /// The requests, in argument order.
    var requests: [Request]

    /// Parses `arguments`; an empty type, an empty name or a mix of `type/name` and bare names is an error.
    public init(_ arguments: [String]) throws(InspectArgumentError) {
        guard !arguments.isEmpty else { throw InspectArgumentError("no resource given (for example ns/openshift-etcd)") }
        var requests: [Request] = []
        if arguments.contains(where: { $0.contains("/") }) {
            for argument in arguments {
                let parts = argument.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !parts[1].contains("/") else {
                    throw InspectArgumentError(
                        "\"\(argument)\": expected TYPE/NAME when one argument has that form (all must)")
                }
                requests.append(Request(type: String(parts[0]), name: String(parts[1])))
            }
        } else {
            let types = arguments[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard !types.contains(where: \.isEmpty) else {
                throw InspectArgumentError("\"\(arguments[0])\": empty type in a comma list")
            }
            let names = arguments.dropFirst()
            if names.isEmpty {
                requests = types.map { Request(type: $0, name: nil) }
            } else {
                guard types.count == 1 else {
                    throw InspectArgumentError("names follow a single type, not the list \"\(arguments[0])\"")
                }
                requests = names.map { Request(type: types[0], name: $0) }
            }
        }
        self.requests = requests
    }
}

extension ResourceArguments {
    /// The arguments of a collector list entry: each entry stands alone (`ns/x`, `nodes`, `a,b,c`), so a list of types
    /// is not read as a type followed by names.
    public init(entries: [String]) throws(InspectArgumentError) {
        guard !entries.isEmpty else { throw InspectArgumentError("no resource given (for example ns/openshift-etcd)") }
        var requests: [Request] = []
        for entry in entries { requests += try ResourceArguments([entry]).requests }
        self.requests = requests
    }
}

/// Resource arguments that cannot be understood.
public struct InspectArgumentError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong.
    let problem: String

    public init(_ problem: String) { self.problem = problem }

    public var description: String { problem }
}
