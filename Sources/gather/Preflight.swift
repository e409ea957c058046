import ArgumentParser
import Foundation
import KubeClient

/// `gather preflight`: connects to the cluster and reports its version and what discovery found.
struct Preflight: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that the cluster answers: server version, served resource types, broken API groups."
    )

    @OptionGroup var connectionOptions: ConnectionOptions

    func run() async throws {
        let connection = try connectionOptions.resolve()
        let client = try KubeClient(connection: connection, options: connectionOptions.clientOptions())
        do {
            let version = try await client.serverVersion()
            Console.line("server      \(connection.server) (\(connection.source))")
            Console.line("version     \(version["gitVersion"]?.stringValue ?? "unknown")")
            let discovery = try await client.discover()
            Console.line("groups      \(discovery.groups.count)")
            Console.line("resources   \(discovery.resources.count) types, \(discovery.resources(inCategory: "all").count) in category all")
            for failure in discovery.failures {
                Console.line("unavailable \(failure.groupVersion): \(failure.error.message)")
            }
            try await client.shutdown()
        } catch let error as CredentialPluginError {
            // Nothing can be asked without a credential: a configuration problem, as a broken kubeconfig is.
            try? await client.shutdown()
            throw ExitStatus.UsageError(error)
        } catch {
            try? await client.shutdown()
            throw ExitStatus.CheckFailed(error)
        }
    }
}
