import AsyncHTTPClient
import NIOCore
import NIOSSL

/// Maps the errors of the HTTP stack to ``KubeError`` kinds, with messages that carry no credentials.
enum TransportErrorClassifier {
    static func classify(_ error: any Error, path: String, host: String, attempts: Int) -> KubeError {
        if let kubeError = error as? KubeError { return kubeError }
        if error is CancellationError {
            return KubeError(kind: .cancelled, path: path, message: "cancelled", attempts: attempts)
        }
        let text = String(describing: error)
        if text.contains("CERTIFICATE_VERIFY_FAILED") || text.contains("certificate verify failed")
            || text.contains("unableToValidateCertificate") || text.contains("certificateVerificationFailed")
        {
            return KubeError(kind: .tlsVerification, path: path,
                message: "the server certificate of \(host) does not verify against the configured CA (\(shortened(text)))",
                attempts: attempts)
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
        if error is NIOSSLError {
            return KubeError(kind: .transport, path: path, message: "TLS failure: \(shortened(text))", attempts: attempts)
        }
        return KubeError(kind: .transport, path: path, message: shortened(text), attempts: attempts)
    }

    private static func shortened(_ text: String) -> String {
        text.count > 300 ? String(text.prefix(300)) + "…" : text
    }
}
