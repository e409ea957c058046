import Foundation

/// omg (PyPI `o-must-gather`), the must-gather reader used as an oracle, from the package's `.venv-omg`.
public enum Omg {
    /// `<package>/.venv-omg/bin/omg`.
    public static var executable: String {
        PackageFolder.url.appendingPathComponent(".venv-omg/bin/omg").path
    }

    /// The executable, or an error that says how to install it (`.ci/run` does).
    public static func require() throws -> String {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw OmgMissing(path: executable)
        }
        return executable
    }

    /// What `omg use <tree>` then `omg <arguments>` prints, run with its own `HOME` (omg keeps its state there).
    public static func run(tree: String, _ arguments: [String], home: String) async throws -> String {
        let omg = try require()
        let environment = ["HOME": home, "PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"]
        let use = try await ProcessRunner.run(omg, ["use", tree], environment: environment)
        guard use.status == 0 else { throw OmgFailed(arguments: ["use", tree], output: use.standardError) }
        let result = try await ProcessRunner.run(omg, arguments, environment: environment)
        return result.standardOutput + result.standardError
    }
}

/// omg is not installed where the tests look for it.
public struct OmgMissing: Error, CustomStringConvertible {
    public let path: String
    public var description: String {
        "omg not found at \(path): python3 -m venv .venv-omg && .venv-omg/bin/pip install o-must-gather (.ci/run does this)"
    }
}

/// omg exited with an error.
public struct OmgFailed: Error, CustomStringConvertible {
    public let arguments: [String]
    public let output: String
    public var description: String { "omg \(arguments.joined(separator: " ")) failed: \(output)" }
}
