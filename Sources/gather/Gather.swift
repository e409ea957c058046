import ArgumentParser

/// `/usr/bin/gather`: the image side of must-gather.
@main
struct Gather: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gather",
        abstract: "Collect what a support engineer needs from a Kubernetes or OpenShift cluster.",
        discussion: """
            With no arguments, runs the default collector list into /must-gather (or $BASE_COLLECTION_PATH).
            Runs in the must-gather pod (in-cluster service account) or from a laptop (kubeconfig).
            Examples:
              gather                                   the default gathering
              gather --list                            what would run
              gather --dest-dir /tmp/mg --since 2h     into /tmp/mg, logs of the last two hours
              gather --only audit                      one collector, or a group, alone
              gather inspect ns/openshift-etcd         what oc adm inspect does, in parallel
              gather preflight                         check that the cluster answers and what it serves
            Exit status: 0 all collectors succeeded; 1 some failed or were cut short (the output is still usable);
            2 a usage or configuration error, nothing gathered.
            """,
        version: "\(BuildInfo.product) \(BuildInfo.version)",
        subcommands: [Run.self, InspectCommand.self, Preflight.self],
        defaultSubcommand: Run.self
    )
}
