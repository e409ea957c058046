import Foundation
import TestSupport
import Testing

/// The must-gather image, built by scripts/image (the Containerfile's runtime stage on a Debian base made here by
/// debootstrap, with the release gather built on this machine) into a podman store of its own: a temporary folder
/// with image/podman-settings.sh's settings, so nothing reaches the machine's own store and the whole store is reset
/// when the suite ends (see ``BuildsPodmanImage``).
final class PodmanImage: Sendable {
    /// The tag the image is built under.
    static let tag = "localhost/gather:test"
    /// The build arguments PRODUCT and VERSION, as the image's `version` file gives them back.
    static let version = "example/must-gather\n1.2.3\n"

    let directory: TemporaryDirectory
    /// What podman and the image scripts run with: the store's settings and a PATH with podman and debootstrap.
    let environment: [String: String]

    /// A store in a new temporary folder, with nothing in it yet.
    init() throws {
        directory = try TemporaryDirectory()
        let settings = directory.path + "/podman"
        environment = ["PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": directory.path,
            "CONTAINERS_CONF": settings + "/containers.conf", "CONTAINERS_STORAGE_CONF": settings + "/storage.conf"]
    }

    /// Writes the store's settings, builds the release gather (shared with ImageContractTests) and the image.
    /// Throws with the scripts' output when a step fails, such as when podman or debootstrap is not installed.
    func build() async throws {
        try await script("image/podman-settings.sh", [directory.path + "/podman"])
        var environment = environment
        environment["GATHER_BINARY"] = try await ReleaseBuild.gather()
        environment["PRODUCT"] = "example/must-gather"
        environment["VERSION"] = "1.2.3"
        try await script("scripts/image", [Self.tag], environment: environment)
    }

    /// Runs podman with the store's settings.
    func podman(_ arguments: [String]) async throws -> ProcessRunner.Result {
        try await ProcessRunner.run("/usr/bin/env", ["podman"] + arguments, environment: environment)
    }

    /// Runs `command` in the image as the must-gather pod runs it (image/run-with-podman.sh), against `cluster`, with
    /// `options` added to both containers' `podman run`; what oc would copy out goes to `<directory>/<copyOut>`.
    func runAsPod(_ command: String, against cluster: PodCluster, options: [String] = [], copyOut: String)
        async throws -> PodRun
    {
        let copyOut = directory.path + "/" + copyOut
        try await script("image/run-with-podman.sh", [Self.tag, cluster.serviceAccount, copyOut] + options + ["--", command],
            environment: environment.merging(cluster.environment) { $1 })
        return PodRun(readingFrom: copyOut)
    }

    /// Empties the store (`podman system reset`), which also removes any container left behind. Without settings
    /// (the build failed before writing them) there is no store to reset.
    func reset() async throws {
        guard FileManager.default.fileExists(atPath: environment["CONTAINERS_STORAGE_CONF"] ?? "") else { return }
        let result = try await podman(["system", "reset", "--force"])
        guard result.status == 0 else {
            throw PodFailure(description: "podman system reset failed: \(result.standardError)")
        }
    }

    /// Runs one of the package's scripts, throwing with its output when it fails.
    private func script(_ path: String, _ arguments: [String], environment: [String: String]? = nil) async throws {
        let result = try await ProcessRunner.run("/bin/bash", [PackageFolder.path + "/" + path] + arguments,
            environment: environment ?? self.environment)
        guard result.status == 0 else {
            throw PodFailure(description: "\(path) failed (\(result.status)):\n"
                + String((result.standardOutput + result.standardError).suffix(4000)))
        }
    }
}

/// Builds the podman image once for a suite and resets its store when the suite's tests are done, whatever they did.
struct BuildsPodmanImage: SuiteTrait, TestScoping {
    /// The image, for the tests of the suite.
    @TaskLocal static var image: PodmanImage?

    func provideScope(for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void)
        async throws
    {
        let image = try PodmanImage()
        do {
            try await image.build()
            try await Self.$image.withValue(image) { try await function() }
        } catch {
            try? await image.reset()
            throw error
        }
        try await image.reset()
    }
}

extension Trait where Self == BuildsPodmanImage {
    /// See ``BuildsPodmanImage``.
    static var buildsPodmanImage: Self { BuildsPodmanImage() }
}
