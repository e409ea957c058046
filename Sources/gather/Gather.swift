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
              gather --archive /tmp/mg.tar.gz          the same gathering, handed over as one file
              gather pack /must-gather /tmp/mg.tar.gz  an existing folder into one file
              gather report /must-gather               its gather-report.html, the page to open first
            Invoked as gather_NAME (a link to this binary, as the image installs), runs the collector or group NAME
            alone, with _ read as -: /usr/bin/gather_audit_logs is gather --only audit-logs.
            Exit status: 0 all collectors succeeded; 1 some failed or were cut short (the output is still usable);
            2 a usage or configuration error, nothing gathered.
            """,
        version: "\(BuildInfo.product) \(BuildInfo.version)",
        subcommands: [Run.self, InspectCommand.self, Preflight.self, Pack.self, ReportCommand.self],
        defaultSubcommand: Run.self
    )

    /// Reads how the binary was invoked before parsing (a `gather_NAME` link runs one collector or group), runs the
    /// command, and turns what it threw into the exit status (``ExitStatus``).
    static func main() async {
        let invocation = EntryPointName(invokedAs: CommandLine.arguments.first ?? "gather")
        do {
            var command = try parseAsRoot(invocation.arguments(Array(CommandLine.arguments.dropFirst())))
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            ExitStatus.exit(for: error)
        }
    }
}
