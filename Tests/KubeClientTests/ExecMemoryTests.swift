import Foundation
import TestSupport
import Testing

/// Memory of the exec client while 200 MB of stdout stream through it to a file, measured in a process of its own
/// (the `exec-throughput` benchmark program) against the fake cluster in another (the `fake-cluster` program), so
/// that the peak is the client's alone.
@Suite(.serialized)
struct ExecMemoryTests {
    @Test func twoHundredMegabytesThroughExecKeepMemoryFlat() async throws {
        let directory = try TemporaryDirectory()
        let server = try await BackgroundProcess.start(BuiltProduct.path("fake-cluster"), [
            "--port", "0", "--write-kubeconfig", directory.path + "/kubeconfig", "--namespaces", "1",
        ])
        defer { server.stop() }
        #expect(server.firstLine.hasPrefix("serving https://127.0.0.1:"), "first line: \(server.firstLine)")
        let bytes = 200 * 1_000_000
        let run = try await ProcessRunner.run(BuiltProduct.path("exec-throughput"), [
            directory.path + "/kubeconfig", "openshift-etcd", "etcd-master-0", "etcdctl", String(bytes), "3",
            directory.path + "/stdout",
        ], environment: ["HOME": directory.path])
        #expect(run.status == 0, "\(run.standardError)")
        var values: [String: String] = [:]
        for line in run.standardOutput.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        #expect(values["exitCode"] == "0")
        #expect(values["bytes"] == String(bytes))
        let size = try FileManager.default.attributesOfItem(atPath: directory.path + "/stdout")[.size] as? NSNumber
        #expect(size?.intValue == bytes)
        let growth = try #require(values["peakResidentGrowthBytes"].flatMap { Int($0) })
        print("exec: \(bytes) bytes of stdout to a file; the client's peak resident growth \(growth / 1_048_576) MiB")
        // Holding the output would take 200 MB; streaming it holds a few frames.
        #expect(growth < 64 * 1_048_576, "peak resident growth \(growth / 1_048_576) MiB")
    }
}
