import ArgumentParser
import GatherKit
import Inspect

/// How container logs are kept, shared by `gather run` and `gather inspect`.
struct ContainerLogOptions: ParsableArguments {
    @Option(help: "Keep only the newest this many bytes of each container log (default: whole logs).")
    var maxLogBytes: Int64?
    @Option(help: "Store container logs larger than this many bytes gzipped, as current.log.gz (omg reads plain logs only).")
    var gzipLogsOver: Int64?
    @Flag(help: "Also fetch each container's rotated log files from its node into logs/rotated/, as oc adm inspect --rotated-pod-logs does (one node-proxy listing per container).")
    var rotatedPodLogs = false

    /// Inspect options with these and the since-window.
    func inspectOptions(since window: SinceWindow) -> InspectOptions {
        InspectOptions(since: window, maximumLogBytes: maxLogBytes, gzipLogsOver: gzipLogsOver,
            rotatedPodLogs: rotatedPodLogs)
    }
}
