import Foundation
import TestSupport
import Testing

/// The benchmark command at its smallest scale, with the debug build: it runs gather, kubectl's dump and the floor
/// side by side (gather and the floor twice each, for the median) and prints the table. Speed is measured by running
/// it by hand, never asserted here.
struct BenchmarkSmokeTests {
    @Test func theBenchmarkPrintsItsTable() async throws {
        let binaries = URL(fileURLWithPath: BuiltProduct.path("gather")).deletingLastPathComponent().path
        let result = try await ProcessRunner.run("/bin/bash", [PackageFolder.path + "/Benchmarks/gather-vs-peers.sh",
            "--scales", "smoke", "--latencies", "0", "--repeat", "2", "--bin", binaries,
            "--tools", "gather,kubectl,floor,default,default-without-helpers"],
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": NSTemporaryDirectory()])
        #expect(result.status == 0, "\(result.standardError)")
        let rows = result.standardOutput.split(separator: "\n").filter { $0.hasPrefix("| smoke | 0 ms |") }
        #expect(rows.count == 6, "five tools and the ratios: \(result.standardOutput)")
        for tool in ["gather", "kubectl dump", "floor", "default-without-helpers", "default"] {
            let row = rows.first { $0.contains("| \(tool) |") }
            #expect(row != nil, "no row for \(tool)")
            // Every tool wrote files and made requests.
            let cells = row?.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
            #expect(cells.count == 10 && (Int(cells[7]) ?? 0) > 0 && (Int(cells[9]) ?? 0) > 0, "\(row ?? "")")
        }
        #expect(result.standardOutput.contains(
            "| scale | latency | gather/kubectl | gather/floor | gather CPU s per GB written | default/without helpers |"))
        // The ratios row: each of gather/kubectl, gather/floor, CPU per GB and default/without helpers is a number.
        let ratios = rows.filter { row in !["gather", "kubectl", "floor", "default"].contains { row.contains("| \($0)") } }
        let ratioCells = ratios.first?.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        #expect(ratioCells.count == 6 && ratioCells[2...].allSatisfy { Double($0) != nil }, "\(ratios)")
    }
}
