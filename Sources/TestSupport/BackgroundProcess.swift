import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A long-running program started by a test, whose first output line is read (a server's "serving <url>"), and which
/// is killed and reaped when the test ends. Starting and waiting happen off the cooperative pool (see ``offThePool(_:)``):
/// a fake cluster can take seconds to build its data before it prints its first line.
public final class BackgroundProcess: @unchecked Sendable {
    /// The first line the program printed.
    public let firstLine: String
    private let process: Process

    /// Starts `executable` and waits for its first line of standard output.
    public static func start(_ executable: String, _ arguments: [String], environment: [String: String] = [:])
        async throws -> BackgroundProcess
    {
        try await offThePool { try BackgroundProcess(executable, arguments, environment: environment) }
    }

    private init(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            line.append(data)
        }
        firstLine = String(decoding: line, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
    }

    /// Kills the program and reaps it (Foundation's `waitUntilExit` spins when called from a task on Linux).
    public func stop() {
        let pid = process.processIdentifier
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    /// Sends SIGTERM and waits (up to a minute) for the program to end; returns its exit status, or 128 + the signal
    /// that ended it. Foundation reaps the child itself, so its status is read from `Process`.
    public func terminate() async -> Int32 {
        (try? await offThePool { self.waitForTheEnd() }) ?? -1
    }

    private func waitForTheEnd() -> Int32 {
        kill(process.processIdentifier, SIGTERM)
        for _ in 0..<6000 where process.isRunning {
            usleep(10_000)
        }
        if process.isRunning { return -1 }
        let status = process.terminationStatus
        return process.terminationReason == .uncaughtSignal ? 128 + status : status
    }

    deinit { stop() }
}
