import JSONCoding
/// How a command run in a container over exec ended.
public struct ExecResult: Sendable, Equatable {
    /// The command's exit status: 0 when the server's `Status` said Success.
    public var exitCode: Int
    /// The `Status` message when the command failed (`command terminated with non-zero exit code: ...`).
    public var message: String?
    /// Bytes handed to the stdout sink.
    public var stdoutBytes: Int64
    /// Bytes handed to the stderr sink.
    public var stderrBytes: Int64
    /// The subprotocol the server chose (`v5.channel.k8s.io` or `v4.channel.k8s.io`).
    public var subprotocol: String

    public init(exitCode: Int, message: String?, stdoutBytes: Int64, stderrBytes: Int64, subprotocol: String) {
        self.exitCode = exitCode
        self.message = message
        self.stdoutBytes = stdoutBytes
        self.stderrBytes = stderrBytes
        self.subprotocol = subprotocol
    }
}

/// An exec that broke off after it started: the connection reset or closed before the command's `Status` came, it
/// went silent for longer than its stall time-out, or it ran past its time-out. What the sinks hold is partial.
public struct ExecInterrupted: Error, CustomStringConvertible, Sendable {
    /// Bytes handed to the stdout sink before the break.
    public let stdoutBytes: Int64
    /// Bytes handed to the stderr sink before the break.
    public let stderrBytes: Int64
    /// Why it broke: `.timeout` for a time-out or a stall, `.transport` for a reset or an early close, `.cancelled`.
    public let cause: KubeError
    /// Why the connection broke, in a few words, when the break may be the server going away (a reset, a close before
    /// the command's status): an outage then reruns the command once.
    var serverGone: String? = nil

    public var description: String {
        "exec interrupted after \(stdoutBytes) bytes of stdout and \(stderrBytes) of stderr: \(cause)"
    }
}

/// The server could not run the command at all (no such container, the runtime failed): a `Status` Failure without
/// an exit code.
public struct ExecFailed: Error, CustomStringConvertible, Sendable {
    /// The exec path.
    public let path: String
    /// The `Status` message.
    public let message: String

    public var description: String { "exec failed for \(path): \(message)" }
}

/// The `metav1.Status` of the error channel, read for an exit code.
enum ExecStatusReading {
    enum Outcome: Equatable {
        case exited(code: Int, message: String?)
        case failed(message: String)
    }

    static func read(_ bytes: [UInt8]) -> Outcome {
        guard let status = try? JSONParser.parse(bytes) else {
            return .failed(message: "unreadable status: " + String(decoding: bytes.prefix(200), as: UTF8.self))
        }
        if status["status"]?.stringValue == "Success" { return .exited(code: 0, message: nil) }
        let message = status["message"]?.stringValue ?? "command failed"
        if status["reason"]?.stringValue == "NonZeroExitCode" {
            let causes = status[path: "details", "causes"]?.arrayValue ?? []
            if let code = causes.first(where: { $0["reason"]?.stringValue == "ExitCode" })?["message"]?.stringValue
                .flatMap({ Int($0) })
            {
                return .exited(code: code, message: message)
            }
        }
        return .failed(message: message)
    }
}
