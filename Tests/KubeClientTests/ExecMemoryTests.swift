import Foundation
import KubeClient
import NIOCore
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Memory of the exec client while 200 MB of stdout stream through it to a file. The fake cluster runs as its own
/// process (the `fake-cluster` executable), so that the growth of this process's peak is the client's.
@Suite(.serialized)
struct ExecMemoryTests {
    @Test func twoHundredMegabytesThroughExecKeepMemoryFlat() async throws {
        let directory = try TemporaryDirectory()
        let server = try await BackgroundProcess.start(BuiltProduct.path("fake-cluster"), [
            "--port", "0", "--write-kubeconfig", directory.path + "/kubeconfig", "--namespaces", "1",
        ])
        defer { server.stop() }
        #expect(server.firstLine.hasPrefix("serving https://127.0.0.1:"), "first line: \(server.firstLine)")
        let connection = try Kubeconfig(paths: [directory.path + "/kubeconfig"]).connection()
        let client = try KubeClient(connection: connection)
        let bytes = 200 * 1_000_000
        let outputPath = directory.path + "/stdout"
        FileManager.default.createFile(atPath: outputPath, contents: nil)
        let file = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
        let baseline = PeakMemory.resident()
        PeakMemory.reset()
        let result = try await client.exec(namespace: "openshift-etcd", pod: "etcd-master-0", container: "etcdctl",
            command: ["head", "-c", String(bytes), "/dev/zero"],
            stdout: { chunk in try file.write(contentsOf: Data(chunk.readableBytesView)) }, stderr: { _ in })
        let growth = PeakMemory.current() - baseline
        try file.close()
        try await client.shutdown()
        #expect(result.exitCode == 0)
        #expect(result.stdoutBytes == Int64(bytes))
        let size = try FileManager.default.attributesOfItem(atPath: outputPath)[.size] as? NSNumber
        #expect(size?.intValue == bytes)
        print("exec: \(bytes) bytes of stdout to a file; peak resident growth \(growth / 1_048_576) MiB")
        // Holding the output would take 200 MB; streaming it takes a few frames. Other suites share this process, so
        // the bound is generous.
        #expect(growth < 64 * 1_048_576, "peak resident growth \(growth / 1_048_576) MiB")
    }
}
