import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOSSL
import ServiceLifecycle

/// An HTTPS/1.1 server on loopback around one responder function; the base of the fake cluster and of client tests.
///
/// Binds port 0 unless told otherwise, reports the port it got, and stops gracefully (then forcibly after a grace
/// period, so a handler that stalls on purpose cannot hold a test hostage).
final class HTTPSServer: Sendable {
    /// The handler type: a request and its context in, a response out.
    typealias Handler = @Sendable (Request, BasicRequestContext) async throws -> Response
    /// Decides a WebSocket upgrade request: a handler for the upgraded connection, or no upgrade.
    typealias UpgradeDecision = @Sendable (HTTPRequest, any Channel) async
        -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>>

    /// The bound port.
    let port: Int
    /// The bound host.
    let host: String
    /// The address bound, numeric (`localhost` resolved).
    private let boundAddress: String
    private let serviceGroup: ServiceGroup
    private let task: Task<Void, any Error>
    private let connections: ConnectionTracker

    /// `https://127.0.0.1:<port>` (brackets for IPv6).
    public var url: String { host.contains(":") ? "https://[\(host)]:\(port)" : "https://\(host):\(port)" }

    /// Starts serving and returns once the port is bound.
    /// - Parameters:
    ///   - host: a loopback address; anything else is refused.
    ///   - port: 0 picks a free port.
    ///   - upgrade: decides WebSocket upgrades; without it, none is served.
    public static func start(
        host: String = "127.0.0.1",
        port: Int = 0,
        tls: TLSConfiguration,
        logger: Logger = Logger(label: "fake-cluster", factory: { _ in SwiftLogNoOpLogHandler() }),
        upgrade: UpgradeDecision? = nil,
        handler: @escaping Handler
    ) async throws -> HTTPSServer {
        guard host == "127.0.0.1" || host == "::1" || host == "localhost" else {
            throw HTTPSServerError(message: "refusing to bind \(host): the fake cluster serves loopback only")
        }
        let (boundStream, boundContinuation) = AsyncStream.makeStream(of: (address: String, port: Int).self)
        let connections = ConnectionTracker()
        var http = HTTPServerBuilder.http1()
        if let upgrade {
            // Server messages may be of any size; what a client sends (stdin, close signals, pings) is small.
            http = .http1WebSocketUpgrade(configuration: .init(ws: .init(autoPing: .disabled))) { head, channel, _ in
                await upgrade(head, channel)
            }
        }
        let app = Application(
            responder: CallbackResponder(callback: handler),
            server: try .tls(http, tlsConfiguration: tls),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                try? await channel.pipeline.addHandler(connections.acceptWatcher(), position: .first).get()
                boundContinuation.yield((channel.localAddress?.ipAddress ?? host, channel.localAddress?.port ?? 0))
                boundContinuation.finish()
            },
            logger: logger
        )
        let serviceGroup = ServiceGroup(
            configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger)
        )
        let task = Task {
            // A server that could not bind ends here, before it ran: the wait for its port must end too.
            defer { boundContinuation.finish() }
            try await serviceGroup.run()
        }
        var iterator = boundStream.makeAsyncIterator()
        guard let bound = await iterator.next(), bound.port > 0 else {
            task.cancel()
            _ = try? await task.value
            throw HTTPSServerError(message: "the server did not bind \(host):\(port)")
        }
        return HTTPSServer(port: bound.port, host: host, boundAddress: bound.address, serviceGroup: serviceGroup,
            task: task, connections: connections)
    }

    private init(port: Int, host: String, boundAddress: String, serviceGroup: ServiceGroup,
        task: Task<Void, any Error>, connections: ConnectionTracker)
    {
        self.port = port
        self.host = host
        self.boundAddress = boundAddress
        self.serviceGroup = serviceGroup
        self.task = task
        self.connections = connections
    }

    /// Goes away as a restarting API server does: every open connection reset (a TCP reset, streams and WebSockets
    /// included), then the listening socket closed, so that new connections are refused. Returns the port, held until
    /// a server starts on it again (nil in the unlikely case that another socket took it as it was freed).
    func goAway() async -> PortHold? {
        await connections.resetAll()
        async let stopped: Void = stop(grace: .milliseconds(500))
        // Taken the moment the listening socket closes, before another socket can take the port.
        let early = await PortHold.take(address: boundAddress, port: port, patience: .seconds(2))
        await stopped
        if let early { return early }
        // A loaded machine may take longer to close it; it is closed now.
        return await PortHold.take(address: boundAddress, port: port, patience: .seconds(2))
    }

    /// Resets every open connection, and each new one as soon as it is accepted, until ``acceptAgain()``.
    func resetEveryConnection() async {
        await connections.resetAll()
    }

    /// Serves new connections again after ``resetEveryConnection()``.
    func acceptAgain() {
        connections.stopResetting()
    }

    /// Stops accepting, lets requests in flight finish for up to `grace`, then cuts the rest.
    public func stop(grace: Duration = .seconds(2)) async {
        await serviceGroup.triggerGracefulShutdown()
        let task = self.task
        let watchdog = Task {
            try await Task.sleep(for: grace)
            task.cancel()
        }
        _ = try? await task.value
        watchdog.cancel()
    }
}

/// The server could not start.
public struct HTTPSServerError: Error, CustomStringConvertible {
    /// Why.
    let message: String

    /// Creates an error saying `message`.
    init(message: String) { self.message = message }

    public var description: String { message }
}
