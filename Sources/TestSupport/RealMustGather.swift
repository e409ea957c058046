import Foundation
import Synchronization

/// The real `oc adm must-gather` output shipped in `shared/fixtures/real-must-gather/`, unpacked once per test process
/// into a temporary folder (the shared folder is read-only in CI), which is removed when the process exits.
public enum RealMustGather {
    private static let unpacked = Mutex<String?>(nil)

    /// The archive, found beside the package: `<package>/../shared/fixtures/real-must-gather/must-gather-aws.tar.xz`.
    public static var archive: String {
        PackageFolder.url.deletingLastPathComponent().appendingPathComponent(
            "shared/fixtures/real-must-gather/must-gather-aws.tar.xz").path
    }

    /// The folder the archive was unpacked into (it holds `must-gather-aws/`). Fails when the archive or `tar`/`xz`
    /// is missing. The unpacking (seconds) runs off the cooperative pool.
    public static func directory() async throws -> String {
        try await offThePool { try unpackOnce() }
    }

    private static func unpackOnce() throws -> String {
        try unpacked.withLock { cached in
            if let cached { return cached }
            guard FileManager.default.fileExists(atPath: archive) else { throw MissingFixture(path: archive) }
            let target = NSTemporaryDirectory() + "real-must-gather-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/tar")
            process.arguments = ["-xJf", archive, "-C", target]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                try? FileManager.default.removeItem(atPath: target)
                throw MissingFixture(path: archive, problem: "tar -xJf exited with \(process.terminationStatus)")
            }
            cached = target
            atexit { RealMustGather.removeUnpacked() }
            return target
        }
    }

    /// Removes the unpacked folder, if there is one.
    private static func removeUnpacked() {
        guard let path = unpacked.withLock({ $0 }) else { return }
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// The real must-gather could not be read: it lives beside the clone, not in it.
public struct MissingFixture: Error, CustomStringConvertible {
    let path: String
    var problem = "no such file"

    public var description: String {
        "the real must-gather these tests replay is not readable at \(path) (\(problem)); it lives beside the clone, "
            + "in ../shared/fixtures/real-must-gather/"
    }
}
