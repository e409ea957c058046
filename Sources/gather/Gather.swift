import ArgumentParser

/// `/usr/bin/gather`: the image side of must-gather.
@main
struct Gather: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gather",
        abstract: "Collect what a support engineer needs from a Kubernetes or OpenShift cluster.",
        discussion: """
            Runs in the must-gather pod (in-cluster service account) or from a laptop (kubeconfig).
            Examples:
              gather preflight                      check that the cluster answers and what it serves
              gather preflight --kubeconfig ./kc    the same, with an explicit kubeconfig
            """,
        subcommands: [Preflight.self]
    )
}
