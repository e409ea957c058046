import Foundation
import JSONCoding

#if canImport(Glibc)
import Glibc
#endif

/// Runs an executable such as a `gather_network_logs` script with the must-gather environment
/// (`BASE_COLLECTION_PATH`, `MUST_GATHER_SINCE`, `MUST_GATHER_SINCE_TIME`). Its standard output and error are kept in
/// `gather-scripts/<name>/`, and a non-zero exit fails the collector with the status.
///
/// The script runs in its own process group. When it is cancelled or times out, the whole group is killed, and when
/// it ends, whatever it left running in the background is killed too (and noted): nothing it started goes on writing
/// into the output after the collector is over. A child that made itself a new group or session escapes this.
struct ScriptCollector: Collector {
    let entry: CollectorEntry
    public let path: String
    let arguments: [String]
    let environment: [String: String]

    /// A collector running `path` with `arguments`, with `environment` plus the must-gather variables.
    init(entry: CollectorEntry, path: String, arguments: [String] = [],
        environment: [String: String] = ProcessInfo.processInfo.environment)
    {
        self.entry = entry
        self.path = path
        self.arguments = arguments
        self.environment = environment
    }

    /// A script that ended with a non-zero status.
    struct ExitStatus: Error, CustomStringConvertible {
        public let status: Int32
        var description: String { "exited with status \(status)" }
    }

    /// A script that a signal ended.
    struct KilledBySignal: Error, CustomStringConvertible {
        let signal: Int32
        var description: String { "killed by signal \(signal)" }
    }

    public func run(_ context: CollectorContext) async throws {
        let logs = try context.output.makeDirectories(["gather-scripts", entry.name])
        var variables = environment
        variables["BASE_COLLECTION_PATH"] = context.output.root
        switch context.since {
        case .everything:
            variables["MUST_GATHER_SINCE"] = nil
            variables["MUST_GATHER_SINCE_TIME"] = nil
        case .duration(let duration): variables["MUST_GATHER_SINCE"] = GoDuration.format(duration)
        case .time(let date): variables["MUST_GATHER_SINCE_TIME"] = RFC3339.formatSeconds(date)
        }
        let child = try ChildProcess.start(path, arguments: arguments, environment: variables,
            directory: context.output.root, standardOutput: logs + "/stdout.log", standardError: logs + "/stderr.log")
        let ending = await withTaskCancellationHandler {
            await child.ending()
        } onCancel: {
            child.group.kill()
        }
        let leftRunning = child.group.stop()
        try Task.checkCancellation()
        if leftRunning > 0 {
            context.note("the script left \(leftRunning) processes running in the background; they were killed")
        }
        switch ending {
        case .exited(let status) where status != 0: throw ExitStatus(status: status)
        case .killed(let signal): throw KilledBySignal(signal: signal)
        case .exited: break
        }
    }
}
