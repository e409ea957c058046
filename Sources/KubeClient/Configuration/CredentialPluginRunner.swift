import Foundation
import JSONCoding

/// Runs a ``CredentialPlugin`` once, as client-go does, and reads the `ExecCredential` it prints.
///
/// The plugin gets gather's environment plus its own `env` entries and `KUBERNETES_EXEC_INFO` (the request, with the
/// cluster when `provideClusterInfo` is set). Standard input is empty: gather has no terminal, so `interactiveMode:
/// Always` is refused before anything runs. Standard error is kept (bounded) for the message when the plugin fails;
/// standard output holds the credential and is never shown.
enum CredentialPluginRunner {
    /// The most of the plugin's standard error quoted in a failure.
    static let quotedStandardErrorLimit = 2048

    /// What the plugin gave.
    struct Credential: Sendable {
        var token: Secret?
        var clientCertificatePEM: [UInt8]?
        var clientKeyPEM: Secret?
        /// When to run the plugin again; nil: the credential lasts until the server refuses it.
        var expiry: Date?
    }

    /// Runs `plugin` with `environment` as gather's own, off the cooperative pool (it waits for a process).
    static func run(_ plugin: CredentialPlugin, environment: [String: String]) async throws(CredentialPluginError)
        -> Credential
    {
        if plugin.interactiveMode == .always {
            throw CredentialPluginError(plugin: plugin,
                problem: "it needs an interactive terminal (interactiveMode: Always), and gather has none; "
                    + "run the plugin by hand first, or use a kubeconfig whose plugin runs with interactiveMode Never")
        }
        guard let executable = plugin.executablePath(searchPath: environment["PATH"]) else {
            throw CredentialPluginError(plugin: plugin, problem: "no executable \"\(plugin.command)\" was found"
                + (plugin.command.contains("/") ? " (relative to \(plugin.kubeconfigDirectory))" : " on PATH"))
        }
        var childEnvironment = environment
        for variable in plugin.environment { childEnvironment[variable.name] = variable.value }
        childEnvironment["KUBERNETES_EXEC_INFO"] = String(decoding: JSONWriter.bytes(of: execInfo(plugin)), as: UTF8.self)
        let outcome: Outcome
        let finalEnvironment = childEnvironment
        do {
            outcome = try await withCheckedThrowingContinuation { continuation in
                Thread.detachNewThread {
                    continuation.resume(with: Result {
                        try runToEnd(executable: executable, arguments: plugin.arguments, environment: finalEnvironment)
                    })
                }
            }
        } catch {
            throw CredentialPluginError(plugin: plugin, problem: "cannot start \(executable): \(error)")
        }
        guard outcome.status == 0 else {
            throw CredentialPluginError(plugin: plugin, problem: "it exited with status \(outcome.status)",
                standardError: quoted(outcome.standardError))
        }
        do {
            return try credential(from: outcome.standardOutput, apiVersion: plugin.apiVersion)
        } catch {
            throw CredentialPluginError(plugin: plugin, problem: error.reason, standardError: quoted(outcome.standardError))
        }
    }

    /// The `ExecCredential` request passed in `KUBERNETES_EXEC_INFO`.
    static func execInfo(_ plugin: CredentialPlugin) -> JSONValue {
        var spec: [String: JSONValue] = ["interactive": .bool(false)]
        if plugin.provideClusterInfo, let cluster = plugin.cluster {
            var fields: [String: JSONValue] = ["server": .string(cluster.server)]
            if let name = cluster.tlsServerName { fields["tls-server-name"] = .string(name) }
            if cluster.insecureSkipTLSVerify { fields["insecure-skip-tls-verify"] = .bool(true) }
            if let ca = cluster.certificateAuthorityData {
                fields["certificate-authority-data"] = .string(Data(ca).base64EncodedString())
            }
            if let proxy = cluster.proxyURL { fields["proxy-url"] = .string(proxy) }
            if let config = cluster.config { fields["config"] = config }
            spec["cluster"] = .object(fields)
        }
        return .object(["apiVersion": .string(plugin.apiVersion), "kind": .string("ExecCredential"), "spec": .object(spec)])
    }

    /// Reads the plugin's answer; the reason never quotes it, since it holds the credential.
    static func credential(from output: [UInt8], apiVersion: String) throws(AnswerProblem) -> Credential {
        guard let answer = try? JSONParser.parse(output) else {
            throw AnswerProblem(reason: "it printed no ExecCredential JSON on standard output")
        }
        guard answer["kind"]?.stringValue == "ExecCredential" else {
            throw AnswerProblem(reason: "its output is not an ExecCredential (kind is not ExecCredential)")
        }
        guard answer["apiVersion"]?.stringValue == apiVersion else {
            throw AnswerProblem(reason: "it answered apiVersion \(answer["apiVersion"]?.stringValue ?? "(none)"), "
                + "not the \(apiVersion) the kubeconfig asks for")
        }
        guard let status = answer["status"]?.objectValue else {
            throw AnswerProblem(reason: "its ExecCredential has no status")
        }
        var credential = Credential()
        if let text = status["expirationTimestamp"]?.stringValue {
            guard let date = RFC3339.parse(text) else {
                throw AnswerProblem(reason: "its expirationTimestamp is not an RFC 3339 time")
            }
            credential.expiry = date
        }
        let certificate = status["clientCertificateData"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let key = status["clientKeyData"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        switch (certificate, key) {
        case (let certificate?, let key?):
            credential.clientCertificatePEM = Array(certificate.utf8)
            credential.clientKeyPEM = Secret(key)
        case (nil, nil):
            break
        default:
            throw AnswerProblem(reason: "it returned only one of clientCertificateData and clientKeyData, not both")
        }
        if let token = status["token"]?.stringValue, !token.isEmpty { credential.token = Secret(token) }
        guard credential.token != nil || credential.clientCertificatePEM != nil else {
            throw AnswerProblem(reason: "it returned neither a token nor a client certificate and key")
        }
        return credential
    }

    /// Why an answer cannot be used.
    struct AnswerProblem: Error {
        let reason: String
    }

    /// The plugin's standard error as quoted in a message: trimmed and cut to ``quotedStandardErrorLimit`` bytes.
    static func quoted(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes.prefix(quotedStandardErrorLimit), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { return nil }
        return bytes.count > quotedStandardErrorLimit ? text + " [...]" : text
    }

    private struct Outcome {
        let status: Int32
        let standardOutput: [UInt8]
        let standardError: [UInt8]
    }

    /// Starts the plugin and waits for it, reading both pipes at once so that neither fills and stalls it.
    private static func runToEnd(executable: String, arguments: [String], environment: [String: String]) throws
        -> Outcome
    {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let errorReader = ErrorCollector()
        let errorHandle = errors.fileHandleForReading
        let errorThread = Thread { errorReader.collect(from: errorHandle) }
        errorThread.start()
        let standardOutput = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        errorReader.finished.wait()
        return Outcome(status: process.terminationStatus, standardOutput: Array(standardOutput),
            standardError: errorReader.bytes)
    }

    /// Reads a pipe to its end on a thread of its own.
    private final class ErrorCollector: @unchecked Sendable {
        /// Written by the reading thread before it signals ``finished``; read only after.
        var bytes: [UInt8] = []
        let finished = DispatchSemaphore(value: 0)

        func collect(from handle: FileHandle) {
            bytes = Array(handle.readDataToEndOfFile())
            finished.signal()
        }
    }
}

/// A credential plugin that cannot give a credential: gather stops with exit status 2, saying which plugin, why, what
/// it printed on standard error, and the kubeconfig's install hint.
public struct CredentialPluginError: Error, CustomStringConvertible {
    /// The command as the kubeconfig names it.
    let command: String
    /// What went wrong.
    let problem: String
    /// The plugin's standard error, trimmed and bounded.
    let standardError: String?
    /// The kubeconfig's `installHint`.
    let installHint: String?

    init(plugin: CredentialPlugin, problem: String, standardError: String? = nil) {
        self.command = plugin.command
        self.problem = problem
        self.standardError = standardError
        self.installHint = plugin.installHint
    }

    public var description: String {
        var text = "the credential plugin \"\(command)\" gave no credential: \(problem)"
        if let standardError { text += "\nits standard error: \(standardError)" }
        if let installHint, !installHint.isEmpty { text += "\n\(installHint)" }
        return text
    }
}
