import NIOSSL

/// Turns a ``ClusterConnection``'s trust and credentials into a NIOSSL client configuration.
public enum TLSSetup {
    static func configuration(for connection: ClusterConnection) throws(ConfigurationError) -> TLSConfiguration {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        switch connection.trust {
        case .certificateAuthority(let pem):
            do {
                let certificates = try NIOSSLCertificate.fromPEMBytes(pem)
                guard !certificates.isEmpty else { throw NIOSSLError.failedToLoadCertificate }
                tls.trustRoots = .certificates(certificates)
            } catch {
                throw ConfigurationError(file: connection.source, field: "certificate-authority",
                    problem: "not a PEM certificate")
            }
        case .systemRoots:
            break
        case .insecureSkipVerify:
            tls.certificateVerification = .none
        }
        if case .clientCertificate(let certificatePEM, let keyPEM) = connection.credentials {
            tls = try adding(certificatePEM: certificatePEM, keyPEM: keyPEM, to: tls, source: connection.source)
        }
        return tls
    }

    /// `tls` presenting a client certificate: the kubeconfig's, or one a credential plugin gave.
    static func adding(certificatePEM: [UInt8], keyPEM: Secret, to tls: TLSConfiguration, source: String)
        throws(ConfigurationError) -> TLSConfiguration
    {
        var tls = tls
        do {
            let chain = try NIOSSLCertificate.fromPEMBytes(certificatePEM)
            guard !chain.isEmpty else { throw NIOSSLError.failedToLoadCertificate }
            tls.certificateChain = chain.map { .certificate($0) }
        } catch {
            throw ConfigurationError(file: source, field: "client-certificate", problem: "not a PEM certificate")
        }
        do {
            tls.privateKey = .privateKey(try NIOSSLPrivateKey(bytes: keyPEM.bytes, format: .pem))
        } catch {
            // The key itself is never quoted.
            throw ConfigurationError(file: source, field: "client-key", problem: "not a PEM private key")
        }
        return tls
    }
}
