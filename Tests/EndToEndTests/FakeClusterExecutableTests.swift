import Foundation
import TestSupport
import Testing

/// The `fake-cluster` and `gather` executables as scripts and people use them.
@Suite(.serialized)
struct FakeClusterExecutableTests {
    @Test func servesWritesAKubeconfigAndAServiceAccountAndGatherPreflightReadsIt() async throws {
        let directory = try TemporaryDirectory()
        let server = try await BackgroundProcess.start(BuiltProduct.path("fake-cluster"), [
            "--port", "0", "--write-kubeconfig", directory.path + "/kubeconfig",
            "--write-service-account", directory.path + "/sa", "--namespaces", "2",
            "--fault", "/apis/example.com/v1=server-error:503:1",
        ])
        defer { server.stop() }
        #expect(server.firstLine.hasPrefix("serving https://127.0.0.1:"), "first line: \(server.firstLine)")
        let token = try String(contentsOfFile: directory.path + "/sa/token", encoding: .utf8)
        #expect(!token.isEmpty)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.path + "/kubeconfig")
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        let kubectl = try await ProcessRunner.run("/usr/lib/google-cloud-sdk/bin/kubectl.1.32", ["get", "ns", "-o", "name"],
            environment: ["HOME": directory.path, "KUBECONFIG": directory.path + "/kubeconfig"])
        #expect(kubectl.status == 0, "\(kubectl.standardError)")
        #expect(kubectl.standardOutput.contains("namespace/workload-001"))

        let preflight = try await ProcessRunner.run(BuiltProduct.path("gather"),
            ["preflight", "--kubeconfig", directory.path + "/kubeconfig"], environment: ["HOME": directory.path])
        #expect(preflight.status == 0, "\(preflight.standardError)")
        #expect(preflight.standardOutput.contains("version     v1.21.1+38b3ecc"))
        // The group whose discovery answers 503 is reported and skipped, not fatal.
        #expect(preflight.standardOutput.contains("unavailable example.com/v1"))
        #expect(!preflight.standardOutput.contains(token) && !preflight.standardError.contains(token))
    }

    @Test func gatherPreflightReportsABrokenKubeconfigWithExitStatusTwo() async throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("kubeconfig", "current-context: x\ncontexts: [{name: x, context: {cluster: nowhere}}]\n")
        let result = try await ProcessRunner.run(BuiltProduct.path("gather"), ["preflight", "--kubeconfig", path],
            environment: ["HOME": directory.path])
        #expect(result.status == 2)
        #expect(result.standardError.contains(path) && result.standardError.contains("contexts[x].context.cluster"))
    }

    @Test func fakeClusterRejectsAnUnknownFault() async throws {
        let result = try await ProcessRunner.run(BuiltProduct.path("fake-cluster"), ["--fault", "*=explode"])
        #expect(result.status != 0)
        #expect(result.standardError.contains("--fault"))
    }
}
