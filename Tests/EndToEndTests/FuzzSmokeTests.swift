import Foundation
import TestSupport
import Testing

/// Every fuzz target builds and runs briefly without a crash (`Fuzz/run.sh`, docs/hostile-input.md). The whole smoke
/// takes over three minutes with its cold build, too long beside `swift test` in CI's script, so the suite runs it.
/// Needs clang and libFuzzer (in the Swift toolchain), `.venv-omg` and the real must-gather fixture; fails without them.
struct FuzzSmokeTests {
    static let targets = [
        "json-transcoder", "yaml-round-trip", "directory-listing", "line-merger", "since-window", "kubeconfig", "tar-placement",
    ]

    @Test func everyFuzzTargetRunsBrieflyWithoutACrash() async throws {
        let home = try TemporaryDirectory()
        let result = try await ProcessRunner.run("/bin/bash", [PackageFolder.path + "/Fuzz/run.sh", "5"], environment: [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home.path,
            "GATHER_FIXTURE": RealMustGather.archive, "TMPDIR": home.path,
        ])
        #expect(result.status == 0, "\(result.standardOutput)\n\(result.standardError.suffix(2000))")
        let rows = result.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: " ").map(String.init) }
        #expect(rows.map { $0.first ?? "" } == Self.targets, "\(result.standardOutput)")
        for row in rows {
            #expect(row.count >= 4 && (Int(row[2]) ?? 0) > 0, "no executions: \(row)")
            #expect(row.suffix(2) == ["no", "crash"], "\(row)")
        }
    }
}
