import Foundation
import TestSupport
import Testing

/// The default run of the synthetic cluster, held against a description of its tree and summary (paths, statuses and
/// counts): a change to the engine that should change nothing a user sees shows here first.
///
/// After a change meant to alter the tree (a new collector, a new object in the synthetic cluster), write the file
/// again with `GATHER_WRITE_GOLDEN=1 swift test --filter DefaultRunGoldenTests` and read its diff.
@Suite(.serialized)
struct DefaultRunGoldenTests {
    static let goldenFile = PackageFolder.path + "/Tests/EndToEndTests/Golden/default-run.txt"

    @Test func theDefaultRunOfTheSyntheticClusterMatchesItsDescription() async throws {
        let directory = try TemporaryDirectory()
        let server = try await FakeClusterProcess.start(in: directory, [
            "--namespaces", "3",
        ])
        defer { server.stop() }
        let result = try await ProcessRunner.run(BuiltProduct.path("gather"), ["--dest-dir", directory.path + "/mg"],
            environment: server.environment)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        let description = try RunDescription.describe(directory.path + "/mg")
        if ProcessInfo.processInfo.environment["GATHER_WRITE_GOLDEN"] == "1" {
            try description.write(toFile: Self.goldenFile, atomically: true, encoding: .utf8)
        }
        let golden = try String(contentsOfFile: Self.goldenFile, encoding: .utf8)
        let expected = golden.split(separator: "\n", omittingEmptySubsequences: false)
        let actual = description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(actual.count == expected.count, "\(actual.count) lines, the golden file has \(expected.count)")
        let missing = Set(expected).subtracting(actual).sorted().prefix(20)
        let extra = Set(actual).subtracting(expected).sorted().prefix(20)
        #expect(missing.isEmpty && extra.isEmpty, "missing: \(Array(missing)); not in the golden file: \(Array(extra))")
        #expect(description == golden)
    }
}
