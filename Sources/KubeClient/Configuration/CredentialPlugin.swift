import Foundation
import JSONCoding

/// A kubeconfig user's `exec` section: a program that prints an `ExecCredential` (a token, or a client certificate and
/// key) on standard output, as `aws eks get-token`, `gke-gcloud-auth-plugin` and `kubelogin` do.
///
/// gather runs it the way client-go does (see ``CredentialPluginRunner``); this is only what the kubeconfig says.
public struct CredentialPlugin: Sendable {
    /// The two ExecCredential versions client-go still speaks; `v1alpha1` was removed in Kubernetes 1.24.
    static let apiVersions = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"]

    /// Whether the plugin may talk to a person on the terminal.
    enum InteractiveMode: String, Sendable, Equatable {
        /// Never reads standard input.
        case never = "Never"
        /// Reads standard input when there is a terminal; gather has none, so it runs without one.
        case ifAvailable = "IfAvailable"
        /// Needs a terminal: gather cannot run it.
        case always = "Always"
    }

    /// `client.authentication.k8s.io/v1` or `.../v1beta1`: the version of the ExecCredential exchanged.
    let apiVersion: String
    /// The program as written in the kubeconfig.
    let command: String
    /// Its arguments.
    let arguments: [String]
    /// Variables added to gather's own environment for the plugin.
    let environment: [(name: String, value: String)]
    /// How the plugin may use the terminal.
    let interactiveMode: InteractiveMode
    /// Whether the plugin is told the cluster's details in `KUBERNETES_EXEC_INFO`.
    let provideClusterInfo: Bool
    /// What to tell a user whose plugin is missing or failing (for example how to install it).
    let installHint: String?
    /// The folder of the kubeconfig that names the plugin: a command with a slash is relative to it.
    let kubeconfigDirectory: String
    /// The cluster as the plugin sees it in `KUBERNETES_EXEC_INFO` (only sent when ``provideClusterInfo``).
    var cluster: ClusterInfo?

    /// The cluster fields client-go passes to a plugin that asks for them.
    struct ClusterInfo: Sendable {
        var server: String
        var tlsServerName: String?
        var insecureSkipTLSVerify: Bool
        var certificateAuthorityData: [UInt8]?
        var proxyURL: String?
        /// The cluster's `extensions` entry named `client.authentication.k8s.io/exec`: per-cluster settings for the
        /// plugin.
        var config: JSONValue?
    }

    /// The program to start: an absolute path as is; a path with a slash relative to the kubeconfig's folder (as
    /// client-go resolves it when it loads the file); a bare name looked up on `PATH`. Nil when no such program exists.
    func executablePath(searchPath: String?) -> String? {
        if command.hasPrefix("/") { return FileManager.default.isExecutableFile(atPath: command) ? command : nil }
        if command.contains("/") {
            let resolved = (kubeconfigDirectory as NSString).appendingPathComponent(command)
            return FileManager.default.isExecutableFile(atPath: resolved) ? resolved : nil
        }
        for folder in (searchPath ?? "").split(separator: ":") where !folder.isEmpty {
            let candidate = String(folder) + "/" + command
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
