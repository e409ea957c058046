import ArgumentParser
import Report

/// `gather report`: the page a support engineer opens first, for any gathered folder.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write gather-report.html for a gathered folder: the cluster at a glance, and what the gather got.",
        discussion: """
            Reads the folder as it is (ours, or one made by oc adm must-gather with the stock image) and writes one
            self-contained page: cluster version and platform, nodes, cluster operators, pods not running or
            restarting, warning events, etcd, and the gather's own record when gather-summary.json is there.
            Every run of gather writes this page at the end. Examples:
              gather report /must-gather
              gather report must-gather.local.123 --output /tmp/report.html
            """)

    @Argument(help: "The gathered folder.") var folder: String
    @Option(help: "Where to write the page (default: FOLDER/gather-report.html).") var output: String?

    func run() throws {
        do {
            let written = try GatherReport.write(folder: folder, to: output)
            Console.line("wrote \(written.path), \(written.bytes) bytes")
        } catch {
            throw ExitStatus.UsageError(error)
        }
    }
}
