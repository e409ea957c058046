import Foundation
import NIOSSL

/// The credential of a ``CredentialPlugin``, kept until it expires or the server refuses it, then fetched again.
///
/// Requests that find no usable credential wait for one run of the plugin together, so a gather that starts sixteen
/// requests at once runs the plugin once.
actor PluginCredentials {
    /// One credential the plugin gave, numbered so that a refusal renews only the credential that was refused.
    struct Issued: Sendable {
        let generation: Int
        let credential: CredentialPluginRunner.Credential
        /// The client's TLS setup with the plugin's client certificate, when it gave one.
        let tls: TLSConfiguration?
    }

    private let plugin: CredentialPlugin
    private let environment: [String: String]
    private let baseTLS: TLSConfiguration
    private let source: String
    private var current: Issued?
    private var pending: Task<Issued, any Error>?
    private var generation = 0

    init(plugin: CredentialPlugin, environment: [String: String], baseTLS: TLSConfiguration, source: String) {
        self.plugin = plugin
        self.environment = environment
        self.baseTLS = baseTLS
        self.source = source
    }

    /// A credential that has not expired, running the plugin when there is none.
    func credential() async throws -> Issued {
        if let current, !Self.hasExpired(current.credential, now: Date()) { return current }
        if let pending { return try await pending.value }
        generation += 1
        let task = Task { [plugin, environment, baseTLS, source, generation] in
            let credential = try await CredentialPluginRunner.run(plugin, environment: environment)
            var tls: TLSConfiguration?
            if let certificate = credential.clientCertificatePEM, let key = credential.clientKeyPEM {
                tls = try TLSSetup.adding(certificatePEM: certificate, keyPEM: key, to: baseTLS, source: source)
            }
            return Issued(generation: generation, credential: credential, tls: tls)
        }
        pending = task
        defer { pending = nil }
        let issued = try await task.value
        current = issued
        return issued
    }

    /// Forgets `generation`'s credential (the server refused it), so the next request runs the plugin again.
    func renew(after generation: Int) {
        if current?.generation == generation { current = nil }
    }

    /// client-go treats a credential as expired from its expiry on; an expiry in the past makes every request rerun
    /// the plugin, as it does there.
    static func hasExpired(_ credential: CredentialPluginRunner.Credential, now: Date) -> Bool {
        guard let expiry = credential.expiry else { return false }
        return expiry <= now
    }
}
