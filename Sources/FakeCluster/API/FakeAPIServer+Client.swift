import KubeClient

extension FakeAPIServer {
    /// Serves `data`, runs `body` with a ``KubeClient`` of this server, then shuts the client and the server down,
    /// whether `body` succeeded or threw.
    static func withClient<T>(
        data: ClusterData,
        faults: FaultPlan = FaultPlan(),
        outages: [Outage] = [],
        options: KubeClientOptions = KubeClientOptions(),
        _ body: (FakeAPIServer, KubeClient) async throws -> T
    ) async throws -> T {
        let server = try await FakeAPIServer.start(data: data, faults: faults, outages: outages)
        let outcome: Result<T, any Error>
        do {
            let client = try KubeClient(connection: server.connection(), options: options)
            do {
                outcome = .success(try await body(server, client))
            } catch {
                outcome = .failure(error)
            }
            try? await client.shutdown()
        } catch {
            outcome = .failure(error)
        }
        await server.stop()
        return try outcome.get()
    }
}
