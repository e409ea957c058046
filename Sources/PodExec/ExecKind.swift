import GatherKit
import KubeClient

/// `kind: exec`: commands run in a container of the chosen pods (`oc exec`), each one's standard output written to a
/// file per pod and its standard error beside it (`FILE.stderr`) when there is any, as the stock scripts keep them.
/// One command with `command` and `output`, or several with `commands`, output paths mapped to command lines (the
/// four etcdctl queries of `gather_etcd`).
public struct ExecKind: CollectorKind {
    public static let name = "exec"
    public static let fields = PodTargets.fields + ["container", "command", "output", "commands"]
    public static let needsCluster = true

    /// One command, and where its output goes.
    struct Run: Sendable, Equatable {
        let output: OutputTemplate
        let command: [String]
    }

    let pods: PodTargets
    let container: String
    let runs: [Run]

    public init(reading fields: CollectorEntryFields) throws(SpecError) {
        pods = try PodTargets(reading: fields)
        container = try fields.requiredString("container")
        if let commands = try fields.stringListPairs("commands") {
            guard !fields.has("command"), !fields.has("output") else {
                throw fields.problem("`commands` replaces `command` and `output`", at: "commands")
            }
            var runs: [Run] = []
            for (output, command) in commands {
                runs.append(Run(output: try OutputTemplate(output, of: fields, field: "commands"), command: command))
            }
            self.runs = runs
        } else {
            runs = [Run(output: try OutputTemplate(reading: fields, field: "output"),
                command: try fields.nonEmptyStrings("command"))]
        }
    }

    public func makeCollector(for entry: CollectorEntry, using services: CollectorServices) throws(MissingService)
        -> any Collector
    {
        let client = try services.require(KubeClient.self)
        return ExecCollector(entry: entry, parameters: self, client: client, lookup: services.podLookup(client: client))
    }
}
