import Foundation

/// Debian's `chromium`, run headless to render a page as a reader's browser would: its DOM after the scripts ran, and a
/// screenshot. Each run has its own profile and `HOME` in a temporary folder, runs without the sandbox (the tests run
/// as root, where Chromium refuses it otherwise), and resolves no host name, so a page cannot reach the network.
public enum HeadlessChromium {
    /// Where Debian installs it.
    public static let executable = "/usr/bin/chromium"

    /// The executable, or an error that says how to install it (`.ci/run` does).
    public static func require() throws -> String {
        guard FileManager.default.isExecutableFile(atPath: executable) else { throw ChromiumMissing(path: executable) }
        return executable
    }

    /// The DOM of the page at `file` after its scripts ran, as `--dump-dom` prints it.
    public static func dom(of file: String) async throws -> String {
        try await run(["--dump-dom", URL(fileURLWithPath: file).absoluteString]).standardOutput
    }

    /// Writes a PNG screenshot of the page at `file`, `width` by `height` CSS pixels, to `png`.
    public static func screenshot(of file: String, to png: String, width: Int = 1280, height: Int = 1600) async throws {
        let result = try await run(["--screenshot=\(png)", "--window-size=\(width),\(height)", "--hide-scrollbars",
            URL(fileURLWithPath: file).absoluteString])
        guard FileManager.default.fileExists(atPath: png) else {
            throw ChromiumFailed(output: result.standardOutput + result.standardError)
        }
    }

    private static func run(_ arguments: [String]) async throws -> ProcessRunner.Result {
        let chromium = try require()
        let profile = try TemporaryDirectory()
        let result = try await ProcessRunner.run(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(profile.path)/profile",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--disable-default-apps", "--disable-domain-reliability",
            "--host-resolver-rules=MAP * ~NOTFOUND",
        ] + arguments, environment: ["HOME": profile.path, "PATH": "/usr/bin:/bin", "LC_ALL": "C.UTF-8"])
        guard result.status == 0 else { throw ChromiumFailed(output: result.standardError) }
        return result
    }
}

/// Chromium is not installed where the tests look for it.
public struct ChromiumMissing: Error, CustomStringConvertible {
    public let path: String
    public var description: String { "chromium not found at \(path): apt-get install chromium (.ci/run does this)" }
}

/// Chromium exited with an error, or wrote no screenshot.
public struct ChromiumFailed: Error, CustomStringConvertible {
    public let output: String
    public var description: String { "chromium failed: \(output.suffix(2000))" }
}
