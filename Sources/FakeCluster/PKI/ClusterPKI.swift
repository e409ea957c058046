import Crypto
import Foundation
import NIOSSL
import SwiftASN1
import X509

/// A throwaway certificate authority with a server certificate for loopback and a client certificate, made in memory
/// at start (a few milliseconds) so no key material is ever committed.
public struct ClusterPKI: Sendable {
    /// The CA certificate, PEM.
    let caCertificatePEM: String
    /// A second name in the server certificate, which resolves nowhere: clients reach it by `tls-server-name`, or
    /// through a proxy that knows where it is.
    public static let alternateServerName = "api.fake-cluster.test"
    /// The server certificate (for `localhost`, ``alternateServerName``, `127.0.0.1` and `::1`), PEM.
    let serverCertificatePEM: String
    /// The server key, PEM.
    let serverKeyPEM: String
    /// A client certificate for `CN=kubernetes-admin, O=system:masters`, PEM.
    let clientCertificatePEM: String
    /// The client key, PEM.
    let clientKeyPEM: String

    /// The names the server certificate holds.
    public enum ServerNames: Sendable {
        /// `localhost`, ``alternateServerName``, `127.0.0.1` and `::1`.
        case loopbackAndAlternate
        /// ``alternateServerName`` only: a client that connects to 127.0.0.1 verifies only by `tls-server-name`.
        case alternateOnly
    }

    /// Makes a new CA and its leaves, valid from an hour ago for `validity`.
    init(commonName: String = "fake-cluster-ca", validity: TimeInterval = 7 * 24 * 3600,
        serverNames: ServerNames = .loopbackAndAlternate) throws
    {
        let now = Date()
        let notBefore = now.addingTimeInterval(-3600)
        let notAfter = now.addingTimeInterval(validity)
        let caKey = P256.Signing.PrivateKey()
        let caName = try DistinguishedName { CommonName(commonName) }
        let ca = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: Certificate.PublicKey(caKey.publicKey),
            notValidBefore: notBefore,
            notValidAfter: notAfter,
            issuer: caName,
            subject: caName,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: nil))
                Critical(KeyUsage(digitalSignature: true, keyCertSign: true))
            },
            issuerPrivateKey: Certificate.PrivateKey(caKey)
        )
        let issuer = Issuer(name: caName, key: caKey, notBefore: notBefore, notAfter: notAfter)
        let serverKey = P256.Signing.PrivateKey()
        let server = try issuer.issue(
            subject: try DistinguishedName { CommonName("localhost") },
            key: serverKey,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true, keyEncipherment: true))
                try ExtendedKeyUsage([.serverAuth])
                switch serverNames {
                case .loopbackAndAlternate:
                    SubjectAlternativeNames([
                        .dnsName("localhost"),
                        .dnsName(Self.alternateServerName),
                        .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1])),
                        .ipAddress(ASN1OctetString(contentBytes: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])),
                    ])
                case .alternateOnly:
                    SubjectAlternativeNames([.dnsName(Self.alternateServerName)])
                }
            }
        )
        let clientKey = P256.Signing.PrivateKey()
        let client = try issuer.issue(
            subject: try DistinguishedName {
                OrganizationName("system:masters")
                CommonName("kubernetes-admin")
            },
            key: clientKey,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage([.clientAuth])
            }
        )
        caCertificatePEM = try ca.serializeAsPEM().pemString
        serverCertificatePEM = try server.serializeAsPEM().pemString
        serverKeyPEM = serverKey.pemRepresentation
        clientCertificatePEM = try client.serializeAsPEM().pemString
        clientKeyPEM = clientKey.pemRepresentation
    }

    /// How the server treats client certificates.
    enum ClientCertificates: Sendable {
        /// Not asked for.
        case ignored
        /// Required and verified against the CA: a client without one fails the handshake.
        case required
    }

    /// A NIOSSL server configuration presenting the server certificate.
    func serverTLSConfiguration(clientCertificates: ClientCertificates = .ignored) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMBytes(Array(serverCertificatePEM.utf8)).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(bytes: Array(serverKeyPEM.utf8), format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        if case .required = clientCertificates {
            configuration.certificateVerification = .noHostnameVerification
            configuration.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(caCertificatePEM.utf8)))
        }
        return configuration
    }

    /// The CA's name, key and validity, which sign every leaf.
    private struct Issuer {
        let name: DistinguishedName
        let key: P256.Signing.PrivateKey
        let notBefore: Date
        let notAfter: Date

        func issue(subject: DistinguishedName, key subjectKey: P256.Signing.PrivateKey,
            extensions: Certificate.Extensions) throws -> Certificate
        {
            try Certificate(
                version: .v3,
                serialNumber: Certificate.SerialNumber(),
                publicKey: Certificate.PublicKey(subjectKey.publicKey),
                notValidBefore: notBefore,
                notValidAfter: notAfter,
                issuer: name,
                subject: subject,
                signatureAlgorithm: .ecdsaWithSHA256,
                extensions: extensions,
                issuerPrivateKey: Certificate.PrivateKey(key)
            )
        }
    }
}
