import Foundation

/// The `gather` binary as the image ships it: a release build with the Swift runtime linked statically, in its own
/// scratch folder (`.build-release`) beside the debug build that the tests run from.
public enum ReleaseBuild {
    /// Builds (or brings up to date) the release `gather` and returns its path. Throws with the build's output when
    /// the build fails.
    public static func gather() async throws -> String {
        let scratch = PackageFolder.path + "/.build-release"
        let environment = ProcessInfo.processInfo.environment.filter { ["PATH", "HOME", "TMPDIR"].contains($0.key) }
        let result = try await ProcessRunner.run("/usr/bin/env", [
            "swift", "build", "--package-path", PackageFolder.path, "--scratch-path", scratch, "-c", "release",
            "--static-swift-stdlib", "--product", "gather",
        ], environment: environment)
        guard result.status == 0 else {
            throw BuildFailure(output: result.standardOutput + result.standardError)
        }
        return scratch + "/release/gather"
    }

    /// A release build that failed.
    public struct BuildFailure: Error, CustomStringConvertible {
        /// What the build printed.
        public let output: String
        public var description: String { "swift build -c release failed:\n\(output.suffix(4000))" }
    }
}
