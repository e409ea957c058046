import ArgumentParser
import FakeCluster
import Foundation

/// `fake-cluster`: serves a synthetic Kubernetes or OpenShift cluster on loopback for tests, demos and benchmarks.
@main
struct FakeClusterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fake-cluster",
        abstract: "Serve a synthetic Kubernetes API over HTTPS on loopback.",
        discussion: """
            With no arguments, serves a modest OpenShift-like demo cluster on a free port.
            Prints one line, "serving <url>", once it is ready.
            Example:
              fake-cluster --port 0 --write-kubeconfig /tmp/kc --namespaces 100 --pods-per-namespace 20
            """
    )

    @Option(help: "Port to listen on (0: a free port).") var port = 0
    @Option(help: "Loopback address to bind (127.0.0.1 or ::1).") var host = "127.0.0.1"
    @Option(help: "Write a kubeconfig for the server here.") var writeKubeconfig: String?
    @Option(help: "Write an in-cluster service-account folder (token, ca.crt, namespace) here.")
    var writeServiceAccount: String?
    @Option(help: "Append every request (method, target, status, bytes, milliseconds) to this file.")
    var requestLog: String?
    @Option(help: "Bearer token to accept (default: a random one).") var token: String?
    @Option(name: .customLong("may-impersonate"), help: ArgumentHelp(
        "Let the client impersonate this (repeatable; default: nobody): user:NAME, group:NAME, uid:VALUE or extra:KEY=VALUE.",
        valueName: "ENTRY")) var mayImpersonate: [String] = []
    @Option(name: .customLong("fault"), help: ArgumentHelp(
        "Misbehave for matching paths: PATTERN=KIND[:ARG...], repeatable. Kinds: latency:MS, server-error:STATUS:SHARE, "
            + "too-many-requests:RETRY_AFTER:COUNT, reset:BYTES, stall:BYTES, drip:BYTES_PER_SECOND, truncate:BYTES, "
            + "malformed-json, forbidden, unauthorized, expired-continue, never-answer, hostile-listing, exit:STATUS (exec), "
            + "deep-json:DEPTH, invalid-utf8, endless-string.",
        valueName: "pattern=kind"))
    var faults: [String] = []
    @Option(name: .customLong("outage"), help: ArgumentHelp(
        "The whole server goes away AFTER the first request it answers (every connection reset, new ones refused) and "
            + "comes back after FOR; each a Go duration or seconds, FOR may be `never`. With :reset, new connections "
            + "are accepted and reset instead of refused. Repeatable.",
        valueName: "after:for[:reset]"))
    var outages: [OutageArgument] = []

    @Option(help: "Serve the cluster recorded in this must-gather folder instead of a synthetic one.")
    var replay: String?

    @Option(help: "openshift or kubernetes.") var flavor: String = "openshift"
    @Option(help: "Seed of the synthetic cluster.") var seed: UInt64 = 1
    @Option(help: "The synthetic cluster's now, RFC 3339 (default: the start of the current hour).") var now: String?
    @Option(help: "Write the canary values (secret values no gather may write) here, one per line.")
    var writeCanaries: String?
    @Option(help: "Add one config map this many bytes large, far larger than the others (0: none).")
    var largeObjectBytes = 0
    @Option(help: "How many such large config maps to add.")
    var largeObjectCount = 1
    @Flag(help: "Add pods and config maps whose names hold odd bytes (non-ASCII, control bytes, dots, 300 bytes).")
    var oddNames = false
    @Option(help: "Workload namespaces.") var namespaces = SyntheticSpec.demo.namespaces
    @Option(help: "Pods per namespace.") var podsPerNamespace = SyntheticSpec.demo.podsPerNamespace
    @Option(help: "Containers per pod.") var containersPerPod = SyntheticSpec.demo.containersPerPod
    @Option(help: "Every Nth pod has an init container (0: none).")
    var initContainerEvery = SyntheticSpec.demo.initContainerEvery
    @Option(help: "Every Nth container has restarted and has a previous log (0: none).")
    var restartEvery = SyntheticSpec.demo.restartEvery
    @Option(help: "Secrets per namespace, each holding a canary value.")
    var secretsPerNamespace = SyntheticSpec.demo.secretsPerNamespace
    @Option(help: "Config maps per namespace.") var configMapsPerNamespace = SyntheticSpec.demo.configMapsPerNamespace
    @Option(help: "Instances of the example custom resource (widgets.example.com).")
    var customResources = SyntheticSpec.demo.customResources
    @Option(help: "Bytes of log per container.") var logBytesPerContainer = SyntheticSpec.demo.logBytesPerContainer
    @Option(help: "Nodes, masters included.") var nodes = SyntheticSpec.demo.nodes
    @Option(help: "Masters.") var masters = SyntheticSpec.demo.masters
    @Option(help: "Windows workers besides --nodes, serving a Windows node's log files.")
    var windowsNodes = SyntheticSpec.demo.windowsNodes
    @Option(help: "Events.") var events = SyntheticSpec.demo.events
    @Option(help: "Bytes of each journal unit per node.") var journalBytesPerUnit = SyntheticSpec.demo.journalBytesPerUnit
    @Option(help: "Rotated log files in each container's kubelet folder, one hour apart (0: only the current 0.log).")
    var rotatedLogsPerContainer = SyntheticSpec.demo.rotatedLogsPerContainer
    @Option(help: "Bytes of audit log per API server per master.")
    var auditBytesPerServer = SyntheticSpec.demo.auditBytesPerServer

    func run() async throws {
        guard let chosenFlavor = SyntheticSpec.Flavor(rawValue: flavor) else {
            throw ValidationError("--flavor must be openshift or kubernetes")
        }
        var spec = SyntheticSpec()
        spec.flavor = chosenFlavor
        spec.seed = seed
        spec.namespaces = namespaces
        spec.podsPerNamespace = podsPerNamespace
        spec.containersPerPod = containersPerPod
        spec.initContainerEvery = initContainerEvery
        spec.restartEvery = restartEvery
        spec.secretsPerNamespace = secretsPerNamespace
        spec.configMapsPerNamespace = configMapsPerNamespace
        spec.customResources = customResources
        spec.logBytesPerContainer = logBytesPerContainer
        spec.nodes = nodes
        spec.masters = min(masters, nodes)
        spec.windowsNodes = windowsNodes
        spec.events = events
        spec.journalBytesPerUnit = journalBytesPerUnit
        spec.rotatedLogsPerContainer = rotatedLogsPerContainer
        spec.auditBytesPerServer = auditBytesPerServer
        spec.largeObjectBytes = largeObjectBytes
        spec.largeObjectCount = largeObjectCount
        spec.oddNames = oddNames
        if let now {
            guard let date = ISO8601DateFormatter().date(from: now) else {
                throw ValidationError("--now \(now): expected an RFC 3339 time such as 2026-01-01T00:00:00Z")
            }
            spec.now = date
        }
        var data = SyntheticCluster.build(spec)
        if let replay {
            let replayed = try ReplayedCluster.load(directory: replay)
            for warning in replayed.warnings {
                FileHandle.standardError.write(Data("fake-cluster: replay: \(warning)\n".utf8))
            }
            data = replayed.data
        }
        var plan: [Fault] = []
        for text in faults {
            guard let fault = Fault(parsing: text) else { throw ValidationError("--fault \(text): not PATTERN=KIND[:ARG]") }
            plan.append(fault)
        }
        let server = try await FakeAPIServer.start(data: data, host: host, port: port, token: token,
            requestLogPath: requestLog, faults: FaultPlan(plan), impersonation: try ImpersonationPolicy(allowing: mayImpersonate),
            outages: outages.map(\.outage))
        if let writeKubeconfig { try server.writeKubeconfig(to: writeKubeconfig) }
        if let writeServiceAccount { try server.writeServiceAccount(to: writeServiceAccount) }
        if let writeCanaries {
            try Data(data.canaries.map { $0 + "\n" }.joined().utf8).write(to: URL(fileURLWithPath: writeCanaries))
        }
        let ready = "serving \(server.url) (\(data.objectCount) objects, \(data.podLogs.count) container logs)\n"
        FileHandle.standardOutput.write(Data(ready.utf8))
        // Serve until killed.
        while true { try await Task.sleep(for: .seconds(3600)) }
    }
}
