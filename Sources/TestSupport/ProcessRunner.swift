import Dispatch
import Foundation

/// Runs a program to completion off the cooperative thread pool (which in-process servers need), capturing its output.
public enum ProcessRunner {
    /// What a program did.
    public struct Result: Sendable {
        public let status: Int32
        public let standardOutput: String
        public let standardError: String
    }

    /// Runs `executable` with `arguments` and `environment` (added to nothing: pass what the program needs).
    public static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:])
        async throws -> Result
    {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: executable)
                    process.arguments = arguments
                    process.environment = environment
                    let output = Pipe()
                    let errors = Pipe()
                    process.standardOutput = output
                    process.standardError = errors
                    try process.run()
                    let group = DispatchGroup()
                    nonisolated(unsafe) var errorData = Data()
                    group.enter()
                    DispatchQueue.global().async {
                        errorData = errors.fileHandleForReading.readDataToEndOfFile()
                        group.leave()
                    }
                    let outputData = output.fileHandleForReading.readDataToEndOfFile()
                    group.wait()
                    process.waitUntilExit()
                    continuation.resume(returning: Result(status: process.terminationStatus,
                        standardOutput: String(decoding: outputData, as: UTF8.self),
                        standardError: String(decoding: errorData, as: UTF8.self)))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
