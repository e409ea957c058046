import AsyncHTTPClient
import NIOCore
import NIOPosix
import NIOSSL

#if canImport(Glibc)
import Glibc
#endif

/// Maps the errors of the HTTP stack to ``KubeError`` kinds, with messages that carry no credentials.
enum TransportErrorClassifier {
    static func classify(_ error: any Error, path: String, server: ServerAddress, attempts: Int) -> KubeError {
        if let kubeError = error as? KubeError { return kubeError }
        if error is CancellationError {
            return KubeError(kind: .cancelled, path: path, message: "cancelled", attempts: attempts)
        }
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed")
            || text.contains("unableToValidateCertificate") || text.contains("certificateVerificationFailed")
        {
            return KubeError(kind: .tlsVerification, path: path,
                message: "the server certificate of \(server.host) does not verify against the configured CA (\(shortened(text)))",
                attempts: attempts)
        }
        if let mismatch = error as? NIOSSLExtraError, mismatch == .failedToValidateHostname {
            // The CA vouches for the certificate, but not for this name (`tls-server-name`, or the server's host).
            return KubeError(kind: .tlsVerification, path: path,
                message: "the server certificate does not name the server (\(shortened(text)))", attempts: attempts)
        }
        if let httpError = error as? HTTPClientError {
            switch httpError {
            case .deadlineExceeded, .readTimeout, .connectTimeout, .getConnectionFromPoolTimeout,
                .tlsHandshakeTimeout, .writeTimeout:
                return KubeError(kind: .timeout, path: path, message: "timed out (\(httpError))", attempts: attempts)
            case .cancelled:
                return KubeError(kind: .cancelled, path: path, message: "cancelled", attempts: attempts)
            default:
                return KubeError(kind: .transport, path: path, message: shortened(text), attempts: attempts)
            }
        }
        if let code = socketErrorCode(error) {
            // NIO's own text mixes in what it was doing ("connection reset (error set): Connection refused"): the
            // system's words and the server say what happened.
            return KubeError(kind: .transport, path: path, message: "\(server): \(String(cString: strerror(code)))",
                attempts: attempts)
        }
        if error is NIOSSLError {
            return KubeError(kind: .transport, path: path, message: "TLS failure: \(shortened(text))", attempts: attempts)
        }
        return KubeError(kind: .transport, path: path, message: shortened(text), attempts: attempts)
    }

    /// The `errno` of a failed socket call, alone or as the first failure of a connection attempt.
    static func socketErrorCode(_ error: any Error) -> Int32? {
        if let failure = error as? IOError { return failure.errnoCode }
        if let failure = error as? NIOConnectionError {
            return failure.connectionErrors.lazy.compactMap { ($0.error as? IOError)?.errnoCode }.first
        }
        return nil
    }

    private static func shortened(_ text: String) -> String {
        text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}
