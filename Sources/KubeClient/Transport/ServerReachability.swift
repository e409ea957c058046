import AsyncHTTPClient
import JSONCoding
import NIOCore
import NIOSSL

#if canImport(Glibc)
import Glibc
#endif

/// Tells a server that cannot be reached from a request that failed: connections refused, reset or cut during the
/// TLS handshake, no route, a connect time-out, or a load balancer answering 503 because no API server behind it is
/// healthy. These are what a kube-apiserver rollout looks like from a client, and they say nothing about the request
/// itself, so they hold every request until the server answers again (see ``OutageGate``).
///
/// A 503 from the API server itself carries a Kubernetes `Status` body and is an overloaded server, retried as a
/// failed request; a 503 from a load balancer carries its own page.
enum ServerReachability {
    /// Why the server is unreachable, in a few words, when `error` says it is; nil when it is another failure.
    static func unreachableCause(_ error: any Error) -> String? {
        if let code = TransportErrorClassifier.socketErrorCode(error) {
            switch code {
            case ECONNREFUSED: return "connection refused"
            case ECONNRESET: return "connection reset"
            case ECONNABORTED: return "connection aborted"
            case EPIPE: return "connection closed while sending"
            case EHOSTUNREACH, ENETUNREACH: return "no route to host"
            case ENETDOWN: return "network down"
            default: return nil
            }
        }
        if let httpError = error as? HTTPClientError {
            switch httpError {
            case .remoteConnectionClosed: return "connection closed by the server"
            case .connectTimeout: return "connect timed out"
            case .uncleanShutdown: return "TLS connection closed without close_notify"
            default: return nil
            }
        }
        if let sslError = error as? NIOSSLError {
            switch sslError {
            case .uncleanShutdown: return "TLS connection closed without close_notify"
            case .handshakeFailed(let failure) where "\(failure)".contains("EOF during handshake"):
                return "EOF during the TLS handshake"
            default: return nil
            }
        }
        if let channelError = error as? ChannelError {
            switch channelError {
            case .eof: return "connection closed (EOF)"
            case .ioOnClosedChannel, .alreadyClosed, .outputClosed: return "connection closed"
            default: return nil
            }
        }
        return nil
    }

    /// Whether a 503 answer came from a load balancer, not from the API server: its body is not a `Status` object.
    static func isLoadBalancerUnavailable(status: Int, body: [UInt8]) -> Bool {
        guard status == 503 else { return false }
        guard let value = try? JSONParser.parse(body) else { return true }
        return value["kind"]?.stringValue != "Status"
    }
}
