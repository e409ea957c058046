// How fast KubeClient.exec moves a command's output, how long a small exec takes, and how much memory the streaming
// costs. Runs against any cluster in a kubeconfig (the fake cluster answers `head -c N /dev/zero` and `echo`):
//
//   exec-throughput KUBECONFIG NAMESPACE POD CONTAINER BYTES EXECS [OUTPUT_FILE]
//
// Prints key=value lines: the bulk exec's bytes, seconds and MB/s, the median and 90th percentile of EXECS small
// execs in milliseconds, and the growth of this process's peak resident memory during the bulk exec. Run by
// Benchmarks/exec-throughput.sh (release build, against kubectl exec on the same server) and by the exec memory
// test (debug build).
import Foundation
@testable import KubeClient
import NIOCore

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 6, let bytes = Int(arguments[4]), let execs = Int(arguments[5]) else {
    FileHandle.standardError.write(Data("usage: exec-throughput KUBECONFIG NAMESPACE POD CONTAINER BYTES EXECS [OUTPUT_FILE]\n".utf8))
    exit(2)
}
let (namespace, pod, container) = (arguments[1], arguments[2], arguments[3])
let outputPath = arguments.count > 6 ? arguments[6] : "/dev/null"

/// A line of `/proc/self/status` in bytes (VmHWM: the peak; VmRSS: now).
func status(_ field: String) -> Int {
    let text = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = text.split(separator: "\n").first { $0.hasPrefix(field + ":") } ?? ""
    return (Int(line.filter(\.isNumber)) ?? 0) * 1024
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

let client = try KubeClient(connection: try ConnectionResolver().resolve(explicitKubeconfig: arguments[0]))
let clock = ContinuousClock()

var latencies: [Double] = []
for _ in 0..<execs {
    let start = clock.now
    let result = try await client.exec(namespace: namespace, pod: pod, container: container, command: ["echo", "hi"],
        stdout: { _ in }, stderr: { _ in })
    guard result.exitCode == 0 else { fatalError("echo exited with \(result.exitCode)") }
    latencies.append(milliseconds(start.duration(to: clock.now)))
}

// Opened in place, not made with FileManager.createFile, which writes a new file and renames it over the path: with
// the default /dev/null that would replace the device with a regular file.
let descriptor = open(outputPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
guard descriptor >= 0 else { fatalError("cannot open \(outputPath): \(String(cString: strerror(errno)))") }
let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
let baseline = status("VmRSS")
try "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
let start = clock.now
let result = try await client.exec(namespace: namespace, pod: pod, container: container,
    command: ["head", "-c", String(bytes), "/dev/zero"],
    stdout: { chunk in try file.write(contentsOf: Data(chunk.readableBytesView)) }, stderr: { _ in })
let seconds = milliseconds(start.duration(to: clock.now)) / 1000
let growth = status("VmHWM") - baseline
try file.close()
try await client.shutdown()

latencies.sort()
let median = latencies.isEmpty ? 0 : latencies[latencies.count / 2]
let p90 = latencies.isEmpty ? 0 : latencies[min(latencies.count - 1, latencies.count * 9 / 10)]
print("exitCode=\(result.exitCode)")
print("bytes=\(result.stdoutBytes)")
print(String(format: "seconds=%.3f", seconds))
print(String(format: "megabytesPerSecond=%.1f", Double(result.stdoutBytes) / 1_000_000 / max(seconds, 0.000_001)))
print(String(format: "latencyMedianMs=%.2f", median))
print(String(format: "latencyP90Ms=%.2f", p90))
print("peakResidentGrowthBytes=\(growth)")
