import Foundation
import KubeClient

#if canImport(Glibc)
import Glibc
#endif

/// Runs an executable such as a `gather_network_logs` script with the must-gather environment
/// (`BASE_COLLECTION_PATH`, `MUST_GATHER_SINCE`, `MUST_GATHER_SINCE_TIME`). Its standard output and error are kept in
/// `gather-scripts/<name>/`, and a non-zero exit fails the collector with the status. When the collector is cancelled
/// or times out, the script is killed (its own children are not: scripts should not leave work in the background).
public struct ScriptCollector: Collector {
    public let entry: CollectorEntry
    let path: String
    let arguments: [String]
    let environment: [String: String]

    /// A collector for `entry` (whose kind must be `.script`), run with `environment` plus the must-gather variables.
    public init(entry: CollectorEntry, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.entry = entry
        if case .script(let path, let arguments) = entry.kind {
            self.path = path
            self.arguments = arguments
        } else {
            self.path = ""
            self.arguments = []
        }
        self.environment = environment
    }

    /// A script that ended with a non-zero status.
    public struct ExitStatus: Error, CustomStringConvertible {
        public let status: Int32
        public var description: String { "exited with status \(status)" }
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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = variables
        process.currentDirectoryURL = URL(fileURLWithPath: context.output.root)
        _ = FileManager.default.createFile(atPath: logs + "/stdout.log", contents: nil, attributes: [.posixPermissions: 0o644])
        _ = FileManager.default.createFile(atPath: logs + "/stderr.log", contents: nil, attributes: [.posixPermissions: 0o644])
        process.standardOutput = FileHandle(forWritingAtPath: logs + "/stdout.log")
        process.standardError = FileHandle(forWritingAtPath: logs + "/stderr.log")
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
                do {
                    try process.run()
                } catch {
                    process.terminationHandler = nil
                    continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        try Task.checkCancellation()
        guard status == 0 else { throw ExitStatus(status: status) }
    }
}
