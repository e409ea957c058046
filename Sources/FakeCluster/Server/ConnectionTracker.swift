import NIOCore
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The connections a server has accepted, so that an outage can reset every one of them at once: a TCP reset, which
/// is what a client of an API server that restarts meets on its open connections (streams, WebSockets included).
///
/// It sees each connection as the listening channel accepts it (``acceptWatcher()``), before TLS or HTTP, and keeps it
/// until it closes. Once ``resetAll()`` has been called it resets at once whatever is still accepted, until the
/// listening socket is closed.
final class ConnectionTracker: Sendable {
    private struct State {
        var open: [ObjectIdentifier: any Channel] = [:]
        var resetting = false
    }

    private let state = Mutex(State())

    /// The handler to put first in the listening channel's pipeline.
    func acceptWatcher() -> AcceptWatcher { AcceptWatcher(tracker: self) }

    /// Resets every open connection, and from now on every connection accepted; returns once the open ones are closed.
    func resetAll() async {
        let open = state.withLock { state in
            state.resetting = true
            return Array(state.open.values)
        }
        for channel in open { Self.reset(channel) }
        for channel in open { try? await channel.closeFuture.get() }
    }

    /// Accepts connections as usual again.
    func stopResetting() {
        state.withLock { $0.resetting = false }
    }

    /// How many connections are open.
    var openCount: Int { state.withLock { $0.open.count } }

    fileprivate func accepted(_ channel: any Channel) {
        let key = ObjectIdentifier(channel)
        let resetting = state.withLock { state in
            if !state.resetting { state.open[key] = channel }
            return state.resetting
        }
        // Nearest the socket, so that closing from here bypasses TLS (which would send close_notify and wait). A
        // connection accepted while resetting is reset once active: failing it before the server has set it up would
        // end the server's accept loop, and with it the listening socket.
        channel.pipeline.addHandler(ResetPoint(resetWhenActive: resetting), position: .first).whenFailure { _ in
            channel.close(promise: nil)
        }
        channel.closeFuture.whenComplete { [self] _ in
            _ = state.withLock { $0.open.removeValue(forKey: key) }
        }
    }

    /// Closes `channel` with SO_LINGER 0, which makes the kernel send a reset instead of a FIN.
    fileprivate static func reset(_ channel: any Channel) {
        let lingerless = (channel as? any SocketOptionProvider)?.setSoLinger(linger(l_onoff: 1, l_linger: 0))
            ?? channel.eventLoop.makeSucceededVoidFuture()
        lingerless.whenComplete { _ in
            channel.eventLoop.execute {
                if let context = try? channel.pipeline.syncOperations.context(handlerType: ResetPoint.self) {
                    context.close(promise: nil)
                } else {
                    channel.close(promise: nil)
                }
            }
        }
    }
}

/// Sees each connection the listening channel accepts, and hands it on unchanged.
final class AcceptWatcher: ChannelInboundHandler, Sendable {
    typealias InboundIn = any Channel
    typealias InboundOut = any Channel

    private let tracker: ConnectionTracker

    fileprivate init(tracker: ConnectionTracker) { self.tracker = tracker }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        tracker.accepted(unwrapInboundIn(data))
        context.fireChannelRead(data)
    }
}

/// A pass-through handler at the front of a connection's pipeline: the place a reset closes the socket from; it resets
/// its connection as soon as it is active when told to.
private final class ResetPoint: ChannelDuplexHandler, Sendable {
    typealias InboundIn = NIOAny
    typealias OutboundIn = NIOAny

    let resetWhenActive: Bool

    init(resetWhenActive: Bool) { self.resetWhenActive = resetWhenActive }

    func channelActive(context: ChannelHandlerContext) {
        context.fireChannelActive()
        if resetWhenActive { ConnectionTracker.reset(context.channel) }
    }
}
