import NIOPosix

/// Runs blocking work (file writes, zlib, libyaml) on NIO's pool of blocking threads, so that the two cooperative
/// threads of a 2-core machine keep serving the network while a large file is written.
public enum BlockingIO {
    /// Runs `work` on a blocking-pool thread and returns its result.
    public static func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(work)
    }
}
