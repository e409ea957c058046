/// The `fake-cluster` binary serving on a free loopback port, its kubeconfig written into a test's folder: how tests
/// run `gather` (or kubectl) against a cluster in another process. The server is killed and reaped when the test ends
/// with it.
public struct FakeClusterProcess: Sendable {
    /// The server.
    public let process: BackgroundProcess
    /// Its kubeconfig.
    public let kubeconfig: String
    /// The environment a client run gets: `HOME` in the test's folder (kubectl keeps its cache there) and `KUBECONFIG`.
    public let environment: [String: String]

    /// Starts `fake-cluster` with `arguments` after the port and the kubeconfig, and waits until it serves; throws
    /// with what it printed when it does not.
    public static func start(in directory: TemporaryDirectory, _ arguments: [String] = []) async throws
        -> FakeClusterProcess
    {
        let kubeconfig = directory.path + "/kubeconfig"
        let process = try await BackgroundProcess.start(BuiltProduct.path("fake-cluster"),
            ["--port", "0", "--write-kubeconfig", kubeconfig] + arguments)
        guard process.firstLine.hasPrefix("serving https://127.0.0.1:") else {
            throw NotServing(firstLine: process.firstLine)
        }
        return FakeClusterProcess(process: process, kubeconfig: kubeconfig,
            environment: ["HOME": directory.path, "KUBECONFIG": kubeconfig])
    }

    /// A server that did not say it serves.
    public struct NotServing: Error, CustomStringConvertible {
        public let firstLine: String
        public var description: String { "fake-cluster did not start: \(firstLine)" }
    }

    /// Kills and reaps the server now.
    public func stop() { process.stop() }
}
