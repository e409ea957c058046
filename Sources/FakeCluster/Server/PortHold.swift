#if canImport(Glibc)
import Glibc
#endif

/// A TCP port kept while the server that listened on it is away: a socket bound to the port but not listening.
///
/// Connections to it are refused, as they are while a real API server restarts, and no other socket on the machine
/// can take the port meanwhile (tests run side by side, and bind and connect from ephemeral ports), so the server can
/// come back on the same port. Released just before it does.
///
/// The socket is bound without `SO_REUSEADDR` where it can be, since two sockets that both allow reuse may share a
/// port that neither listens on; where the server's own closed connections linger on the port (TIME_WAIT), only a
/// socket that allows reuse binds, and it still keeps connects' ephemeral ports off it.
final class PortHold: Sendable {
    private let descriptor: Int32

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit { close(descriptor) }

    /// Binds `address:port`, trying every few milliseconds for up to `patience`: the listening socket that had it may
    /// still be closing. Nil when the port could not be taken.
    static func take(address: String, port: Int, patience: Duration) async -> PortHold? {
        let deadline = ContinuousClock.now + patience
        while true {
            let hold = bind(address: address, port: port, reuse: false) ?? bind(address: address, port: port, reuse: true)
            if let hold { return hold }
            guard ContinuousClock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    private static func bind(address: String, port: Int, reuse: Bool) -> PortHold? {
        let family = address.contains(":") ? AF_INET6 : AF_INET
        let descriptor = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        if reuse {
            var on: Int32 = 1
            setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        }
        let bound: Bool
        if family == AF_INET6 {
            var socketAddress = sockaddr_in6()
            socketAddress.sin6_family = sa_family_t(AF_INET6)
            socketAddress.sin6_port = in_port_t(UInt16(port).bigEndian)
            bound = inet_pton(AF_INET6, address, &socketAddress.sin6_addr) == 1 && bind(descriptor, to: socketAddress)
        } else {
            var socketAddress = sockaddr_in()
            socketAddress.sin_family = sa_family_t(AF_INET)
            socketAddress.sin_port = in_port_t(UInt16(port).bigEndian)
            bound = inet_pton(AF_INET, address, &socketAddress.sin_addr) == 1 && bind(descriptor, to: socketAddress)
        }
        guard bound else {
            close(descriptor)
            return nil
        }
        return PortHold(descriptor: descriptor)
    }

    /// Binds `descriptor` to a `sockaddr_in` or `sockaddr_in6`.
    private static func bind<Address>(_ descriptor: Int32, to address: Address) -> Bool {
        withUnsafePointer(to: address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.bind(descriptor, $0, socklen_t(MemoryLayout<Address>.size)) == 0
            }
        }
    }
}
