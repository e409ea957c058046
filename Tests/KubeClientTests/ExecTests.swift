@testable import FakeCluster
import Foundation
import JSONCoding
@testable import KubeClient
import NIOCore
import Synchronization
import TestSupport
import Testing

/// Commands run in pods over WebSocket, against the fake cluster's exec (its command table and faults).
@Suite(.serialized)
struct ExecTests {
    static let data = SyntheticCluster.build(.demo)
    static let router = data.podContents.keys.first { $0.namespace == "openshift-ingress" }!.pod

    /// What an exec printed, collected in memory (the outputs of these tests are small).
    final class Collected: Sendable {
        private let state = Mutex<(stdout: [UInt8], stderr: [UInt8])>(([], []))
        func addStdout(_ buffer: ByteBuffer) { state.withLock { $0.stdout += buffer.readableBytesView } }
        func addStderr(_ buffer: ByteBuffer) { state.withLock { $0.stderr += buffer.readableBytesView } }
        var stdout: [UInt8] { state.withLock { $0.stdout } }
        var stderr: String { String(decoding: state.withLock { $0.stderr }, as: UTF8.self) }
    }

    func withCluster<T>(faults: [String] = [], _ body: (FakeAPIServer, KubeClient) async throws -> T) async throws -> T {
        try await FakeAPIServer.withClient(data: Self.data, faults: FaultPlan(faults.compactMap(Fault.init(parsing:))),
            options: KubeClientOptions(retry: .none), body)
    }

    func run(_ client: KubeClient, namespace: String = "openshift-ingress", pod: String = ExecTests.router,
        container: String = "router", _ command: [String], timeout: Duration = .seconds(120),
        stallTimeout: Duration? = nil, into collected: Collected = Collected()) async throws -> ExecResult
    {
        try await client.exec(namespace: namespace, pod: pod, container: container, command: command, timeout: timeout,
            stallTimeout: stallTimeout, stdout: { collected.addStdout($0) }, stderr: { collected.addStderr($0) })
    }

    @Test func etcdctlAnswersFromTheModelOfMembers() async throws {
        try await withCluster { server, client in
            let command = ["etcdctl", "member", "list", "-w", "json"]
            let output = Collected()
            let result = try await run(client, namespace: "openshift-etcd", pod: "etcd-master-0", container: "etcdctl",
                command, into: output)
            #expect(result.exitCode == 0)
            #expect(result.subprotocol == "v5.channel.k8s.io")
            let expected = server.data.podContents[.init(namespace: "openshift-etcd", pod: "etcd-master-0")]!.answers[command]!
            #expect(output.stdout == expected)
            #expect(result.stdoutBytes == Int64(expected.count) && result.stderrBytes == 0)
            let members = try JSONParser.parse(output.stdout)[path: "members"]?.arrayValue ?? []
            #expect(members.map { $0["name"]?.stringValue } == ["master-0", "master-1", "master-2"])
        }
    }

    @Test func exitCodesAndStderrComeApartFromStdout() async throws {
        try await withCluster { _, client in
            let output = Collected()
            let config = "/var/lib/haproxy/conf/haproxy.config"
            let result = try await run(client, ["cat", config, "/no/such/file"], into: output)
            #expect(result.exitCode == 1)
            #expect(result.message?.contains("non-zero exit code") == true)
            #expect(String(decoding: output.stdout, as: UTF8.self).hasPrefix("global\n"))
            #expect(output.stderr == "cat: /no/such/file: No such file or directory\n")

            let unknown = Collected()
            let missing = try await run(client, ["lsof", "-n"], into: unknown)
            #expect(missing.exitCode == 127)
            #expect(unknown.stdout.isEmpty && unknown.stderr.contains("\"lsof\""))
        }
    }

    @Test func anExitStatusFaultIsReported() async throws {
        try await withCluster(faults: ["*/exec=exit:42"]) { _, client in
            let output = Collected()
            let result = try await run(client, ["echo", "hello", "world"], into: output)
            #expect(result.exitCode == 42)
            #expect(output.stdout == Array("hello world\n".utf8))
        }
    }

    @Test func aHungExecIsCutByItsTimeOut() async throws {
        try await withCluster(faults: ["*/exec=stall:0"]) { _, client in
            await #expect {
                try await run(client, ["echo", "never"], timeout: .milliseconds(500), stallTimeout: .seconds(600))
            } throws: { error in
                let interrupted = error as? ExecInterrupted
                return interrupted?.cause.kind == .timeout && interrupted?.cause.message.contains("time-out") == true
            }
        }
    }

    @Test func aSilentExecIsCutByItsStallTimeOut() async throws {
        try await withCluster(faults: ["*/exec=stall:100000"]) { _, client in
            let output = Collected()
            await #expect {
                try await run(client, ["head", "-c", "1000000", "/dev/zero"], timeout: .seconds(600),
                    stallTimeout: .milliseconds(500), into: output)
            } throws: { error in
                guard let interrupted = error as? ExecInterrupted else { return false }
                return interrupted.cause.message.contains("stalled") && interrupted.stdoutBytes == 100_000
            }
            #expect(output.stdout.count == 100_000)
        }
    }

    @Test func cancellingAnExecClosesItsConnection() async throws {
        try await withCluster(faults: ["*/exec=stall:0"]) { _, client in
            let exec = Task {
                try await run(client, ["echo", "never"], timeout: .seconds(60), stallTimeout: .seconds(60))
            }
            try await Task.sleep(for: .milliseconds(300))
            exec.cancel()
            // The time-outs are a minute away: only closing the connection on cancellation ends the exec as cancelled.
            await #expect {
                try await exec.value
            } throws: { ($0 as? ExecInterrupted)?.cause.kind == .cancelled }
        }
    }

    @Test func aResetMidStreamIsReportedAsPartial() async throws {
        try await withCluster(faults: ["*/exec=reset:200000"]) { _, client in
            let output = Collected()
            await #expect {
                try await run(client, ["head", "-c", "5000000", "/dev/zero"], into: output)
            } throws: { error in
                guard let interrupted = error as? ExecInterrupted else { return false }
                return interrupted.cause.kind == .transport && interrupted.stdoutBytes == Int64(output.stdout.count)
                    && interrupted.stdoutBytes > 0 && interrupted.stdoutBytes <= 200_000
            }
        }
    }

    @Test func aForbiddenExecIsATypedErrorForThatPod() async throws {
        try await withCluster(faults: ["/api/v1/namespaces/openshift-ingress/*/exec=forbidden"]) { _, client in
            await #expect {
                try await run(client, ["echo", "hi"])
            } throws: { error in
                guard let refused = error as? KubeError else { return false }
                return refused.kind == .forbidden && refused.statusCode == 403 && refused.message.contains("pods/exec")
                    && refused.path == "/api/v1/namespaces/openshift-ingress/pods/\(Self.router)/exec"
            }
            // Other pods are not affected.
            let result = try await run(client, namespace: "openshift-etcd", pod: "etcd-master-1", container: "etcdctl",
                ["echo", "ok"])
            #expect(result.exitCode == 0)
        }
    }

    @Test func aMissingPodOrContainerIsRefusedBeforeTheUpgrade() async throws {
        try await withCluster { _, client in
            await #expect {
                try await run(client, pod: "no-such-pod", ["echo"])
            } throws: { ($0 as? KubeError)?.kind == .notFound }
            await #expect {
                try await run(client, container: "no-such-container", ["echo"])
            } throws: { ($0 as? KubeError)?.message.contains("no-such-container") == true }
        }
    }

    @Test func aWrongTokenIsUnauthorized() async throws {
        let server = try await FakeAPIServer.start(data: Self.data)
        var connection = try server.connection()
        connection.credentials = .bearerToken(Secret("wrong"))
        let client = try KubeClient(connection: connection)
        await #expect {
            try await run(client, ["echo"])
        } throws: { ($0 as? KubeError)?.kind == .unauthorized }
        try await client.shutdown()
        await server.stop()
    }

    /// A command whose output is still coming holds no in-flight permit once its exec has opened: with one permit,
    /// a request made meanwhile is answered. (kube-apiserver does not count exec against its in-flight limits either.)
    @Test(.timeLimit(.minutes(10))) func aRunningCommandLeavesTheInFlightPermitToOtherRequests() async throws {
        try await FakeAPIServer.withClient(data: Self.data,
            options: KubeClientOptions(maximumConcurrentRequests: 1, retry: .none))
        { _, client in
            let (firstChunk, received) = AsyncStream.makeStream(of: Void.self)
            let (released, release) = AsyncStream.makeStream(of: Void.self)
            async let command = client.exec(namespace: "openshift-ingress", pod: Self.router, container: "router",
                command: ["head", "-c", "4000000", "/dev/zero"],
                stdout: { _ in
                    // The first chunk holds the command open until the request below has its answer.
                    received.yield()
                    received.finish()
                    var waiting = released.makeAsyncIterator()
                    _ = await waiting.next()
                }, stderr: { _ in })
            var chunks = firstChunk.makeAsyncIterator()
            _ = await chunks.next()
            let version = try await client.serverVersion()
            #expect(version["gitVersion"]?.stringValue?.isEmpty == false)
            release.finish()
            let result = try await command
            #expect(result.exitCode == 0 && result.stdoutBytes == 4_000_000)
        }
    }
}
