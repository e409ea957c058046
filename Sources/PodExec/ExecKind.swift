import GatherKit
import KubeClient

/// `kind: exec`: a command run in a container of the chosen pods (`oc exec`), its standard output written to a file
/// per pod and its standard error beside it (`FILE.stderr`) when there is any, as the stock scripts keep them.
public struct ExecKind: CollectorKind {
    public static let name = "exec"
    public static let fields = PodTargets.fields + ["container", "command", "output"]
    public static let needsCluster = true

    let pods: PodTargets
    let container: String
    let command: [String]
    let output: OutputTemplate

    public init(reading fields: CollectorEntryFields) throws(SpecError) {
        pods = try PodTargets(reading: fields)
        container = try fields.requiredString("container")
        command = try fields.nonEmptyStrings("command")
        output = try OutputTemplate(reading: fields, field: "output")
    }

    public func makeCollector(for entry: CollectorEntry, using services: CollectorServices) throws(MissingService)
        -> any Collector
    {
        let client = try services.require(KubeClient.self)
        return ExecCollector(entry: entry, parameters: self, client: client, lookup: services.podLookup(client: client))
    }
}
