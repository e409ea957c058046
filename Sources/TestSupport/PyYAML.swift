import Foundation

/// PyYAML, the YAML reader of omg and of most support scripts, from the package's `.venv-omg` (omg depends on it):
/// an outside check that the YAML gather writes is readable. PyYAML refuses a whole file for one byte that is not
/// UTF-8 or one unescaped character YAML does not allow (NUL, U+FFFE), where our own reader may be lenient.
public enum PyYAML {
    /// `<package>/.venv-omg/bin/python`.
    public static var python: String {
        PackageFolder.url.appendingPathComponent(".venv-omg/bin/python").path
    }

    /// The `.yaml` files under `root` that PyYAML cannot read, each with PyYAML's complaint; empty when all are read.
    /// Throws when the venv's Python or PyYAML is missing.
    public static func unreadableFiles(under root: String) async throws -> [String] {
        guard FileManager.default.isExecutableFile(atPath: python) else { throw PyYAMLMissing(path: python) }
        let result = try await ProcessRunner.run(python, ["-c", script, root], environment: ["LC_ALL": "C.UTF-8"])
        guard result.status == 0 else { throw PyYAMLMissing(path: python + ": " + result.standardError) }
        return result.standardOutput.split(separator: "\n").map(String.init)
    }

    /// Loads every `.yaml` file below the folder in `argv[1]`; prints `path: error` for each one that fails. The
    /// pure-Python loader, not the libyaml one: an implementation independent of the libyaml our own reader uses.
    private static let script = """
        import os, sys, yaml
        for folder, _, names in os.walk(sys.argv[1]):
            for name in sorted(names):
                if not name.endswith(".yaml"):
                    continue
                path = os.path.join(folder, name)
                try:
                    with open(path, "rb") as stream:
                        for _ in yaml.load_all(stream, Loader=yaml.SafeLoader):
                            pass
                except Exception as error:
                    print(os.path.relpath(path, sys.argv[1]) + ": " + " ".join(str(error).split()))
        """
}

/// PyYAML is not installed where the tests look for it.
public struct PyYAMLMissing: Error, CustomStringConvertible {
    public let path: String
    public var description: String {
        "PyYAML not usable at \(path): python3 -m venv .venv-omg && .venv-omg/bin/pip install o-must-gather (.ci/run does this)"
    }
}
