@testable import FakeCluster
import Foundation
import JSONCoding
@testable import KubeClient
import TestSupport
import Testing

/// Credential plugins run as client-go runs them: what they are given, what they may answer, when they run again.
@Suite struct CredentialPluginTests {
    static let data = SyntheticCluster.build(.demo)
    static let token = "plugin-token-never-printed"

    /// A kubeconfig naming `plugin` (a script written to the folder) against `server`.
    static func kubeconfig(_ directory: TemporaryDirectory, server: FakeAPIServer, script: String,
        execLines: [String] = ["interactiveMode: Never"]) throws -> ClusterConnection
    {
        let plugin = try directory.write("plugin", "#!/bin/sh\n" + script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: plugin)
        let ca = Data(server.pki.caCertificatePEM.utf8).base64EncodedString()
        let lines = ["apiVersion: v1", "kind: Config", "current-context: c", "clusters:", "- name: c", "  cluster:",
            "    server: \(server.url)", "    certificate-authority-data: \(ca)", "users:", "- name: u", "  user:",
            "    exec:", "      apiVersion: client.authentication.k8s.io/v1", "      command: ./plugin"]
            + execLines.map { "      " + $0 } + ["contexts:", "- name: c", "  context: {cluster: c, user: u}"]
        let text = lines.joined(separator: "\n") + "\n"
        return try Kubeconfig(text: text, path: directory.path + "/kubeconfig").connection()
    }

    static func answer(token: String, expiry: String? = nil) -> String {
        let expiryField = expiry.map { ",\"expirationTimestamp\":\"\($0)\"" } ?? ""
        return "echo '{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1\","
            + "\"status\":{\"token\":\"\(token)\"\(expiryField)}}'\n"
    }

    /// Runs `body` with a client whose kubeconfig names a plugin made of `script`, against a fresh fake cluster;
    /// `script` gets the path of a file where the plugin may count its runs (see ``runs(_:)``).
    static func withPlugin(script: (_ runsFile: String) -> String, execLines: [String] = ["interactiveMode: Never"],
        _ body: (KubeClient, FakeAPIServer, TemporaryDirectory) async throws -> Void) async throws
    {
        let server = try await FakeAPIServer.start(data: Self.data, token: Self.token)
        let directory = try TemporaryDirectory()
        let connection = try Self.kubeconfig(directory, server: server, script: script(directory.path + "/runs"),
            execLines: execLines)
        let client = try KubeClient(connection: connection)
        do {
            try await body(client, server, directory)
        } catch {
            try? await client.shutdown()
            await server.stop()
            throw error
        }
        try await client.shutdown()
        await server.stop()
    }

    static func runs(_ directory: TemporaryDirectory) -> Int {
        ((try? String(contentsOfFile: directory.path + "/runs", encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    @Test func aTokenThatDoesNotExpireIsFetchedOnceForManyRequests() async throws {
        try await Self.withPlugin(script: { "echo run >> \($0)\n" + Self.answer(token: Self.token) }) {
            client, _, directory in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<8 { group.addTask { _ = try await client.serverVersion() } }
                try await group.waitForAll()
            }
            #expect(Self.runs(directory) == 1)
        }
    }

    @Test func anExpiredTokenIsFetchedAgainBeforeEachRequest() async throws {
        let script = { (runs: String) in
            "echo run >> \(runs)\n" + Self.answer(token: Self.token, expiry: "2000-01-01T00:00:00Z")
        }
        try await Self.withPlugin(script: script) { client, _, directory in
            for _ in 0..<3 { _ = try await client.serverVersion() }
            #expect(Self.runs(directory) == 3)
        }
    }

    @Test func aRefusedTokenIsFetchedAgainOnceAndTheRequestRetried() async throws {
        // The first run gives a token the server refuses (a revoked session); the next, the right one.
        let script = { (runs: String) in """
            echo run >> \(runs)
            if [ "$(wc -l < \(runs))" -eq 1 ]; then
            \(Self.answer(token: "revoked"))else
            \(Self.answer(token: Self.token))fi

            """
        }
        try await Self.withPlugin(script: script) { client, _, directory in
            let version = try await client.serverVersion()
            #expect(version["gitVersion"] != nil)
            #expect(Self.runs(directory) == 2)
        }
    }

    @Test func aTokenRefusedTwiceIsUnauthorized() async throws {
        try await Self.withPlugin(script: { "echo run >> \($0)\n" + Self.answer(token: "revoked") }) {
            client, _, directory in
            await #expect(throws: KubeError.self) { _ = try await client.serverVersion() }
            #expect(Self.runs(directory) == 2)
        }
    }

    @Test func thePluginIsToldTheRequestAndTheClusterWhenItAsks() async throws {
        let script = { (runs: String) in
            "printf '%s' \"$KUBERNETES_EXEC_INFO\" > \(runs).info\n" + Self.answer(token: Self.token)
        }
        try await Self.withPlugin(script: script, execLines: ["interactiveMode: Never", "provideClusterInfo: true"]) {
            client, server, directory in
            _ = try await client.serverVersion()
            let info = try JSONParser.parse(try String(contentsOfFile: directory.path + "/runs.info", encoding: .utf8))
            #expect(info["kind"]?.stringValue == "ExecCredential")
            #expect(info["apiVersion"]?.stringValue == "client.authentication.k8s.io/v1")
            #expect(info[path: "spec", "interactive"]?.boolValue == false)
            #expect(info[path: "spec", "cluster", "server"]?.stringValue == server.url)
            let ca = info[path: "spec", "cluster", "certificate-authority-data"]?.stringValue
            #expect(ca.flatMap { Data(base64Encoded: $0) } == Data(server.pki.caCertificatePEM.utf8))
        }
    }

    @Test func aFailingPluginIsReportedWithItsBoundedStandardErrorAndHint() async throws {
        let script = { (_: String) in "echo '  login required  ' >&2\nyes x | head -c 100000 >&2\nexit 4\n" }
        try await Self.withPlugin(script: script,
            execLines: ["interactiveMode: Never", "installHint: see the login page"]
        ) { client, _, _ in
            let error = await #expect(throws: CredentialPluginError.self) { _ = try await client.serverVersion() }
            let text = error?.description ?? ""
            #expect(text.contains("exited with status 4"))
            #expect(text.contains("its standard error: login required"))
            #expect(text.contains("see the login page"))
            #expect(text.count < CredentialPluginRunner.quotedStandardErrorLimit + 500)
        }
    }

    @Test func answersWithoutACredentialAreRefusedWithoutQuotingThem() throws {
        let v1 = "client.authentication.k8s.io/v1"
        let cases: [(String, String)] = [
            ("not json", "no ExecCredential JSON"),
            ("{\"kind\":\"ExecCredential\",\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\"status\":{\"token\":\"s3cret\"}}",
                "not the \(v1)"),
            ("{\"kind\":\"ExecCredential\",\"apiVersion\":\"\(v1)\",\"status\":{}}", "neither a token nor"),
            ("{\"kind\":\"ExecCredential\",\"apiVersion\":\"\(v1)\",\"status\":{\"clientKeyData\":\"s3cret\"}}",
                "only one of"),
            ("{\"kind\":\"ExecCredential\",\"apiVersion\":\"\(v1)\",\"status\":{\"token\":\"s3cret\",\"expirationTimestamp\":\"soon\"}}",
                "not an RFC 3339 time"),
        ]
        for (output, reason) in cases {
            #expect {
                _ = try CredentialPluginRunner.credential(from: Array(output.utf8), apiVersion: v1)
            } throws: { error in
                let problem = (error as? CredentialPluginRunner.AnswerProblem)?.reason ?? ""
                return problem.contains(reason) && !problem.contains("s3cret")
            }
        }
        let both = "{\"kind\":\"ExecCredential\",\"apiVersion\":\"\(v1)\",\"status\":{\"clientCertificateData\":\"C\","
            + "\"clientKeyData\":\"K\",\"expirationTimestamp\":\"2030-01-02T03:04:05Z\"}}"
        let credential = try CredentialPluginRunner.credential(from: Array(both.utf8), apiVersion: v1)
        #expect(credential.clientCertificatePEM == Array("C".utf8))
        #expect(credential.clientKeyPEM?.bytes == Array("K".utf8))
        #expect(credential.expiry == RFC3339.parse("2030-01-02T03:04:05Z"))
    }

    @Test func aClientCertificateFromThePluginIsPresented() async throws {
        let cluster = try await TestCluster.start(clientCertificates: .required) { _, _ in
            Reply.json(#"{"gitVersion":"plugin-mtls"}"#)
        }
        let directory = try TemporaryDirectory()
        // The plugin prints the certificate and key as a JSON document written beside it.
        let answer: JSONValue = ["kind": "ExecCredential", "apiVersion": "client.authentication.k8s.io/v1",
            "status": ["clientCertificateData": .string(cluster.pki.clientCertificatePEM),
                "clientKeyData": .string(cluster.pki.clientKeyPEM)]]
        let answerFile = try directory.write("answer.json", String(decoding: JSONWriter.bytes(of: answer), as: UTF8.self))
        let plugin = try directory.write("plugin", "#!/bin/sh\ncat \(answerFile)\n")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: plugin)
        let credentials = Credentials.plugin(CredentialPlugin(apiVersion: "client.authentication.k8s.io/v1",
            command: plugin, arguments: [], environment: [], interactiveMode: .never, provideClusterInfo: false,
            installHint: nil, kubeconfigDirectory: directory.path))
        let version = try await cluster.withClient(credentials: credentials) { try await $0.serverVersion() }
        #expect(version["gitVersion"]?.stringValue == "plugin-mtls")
    }

    @Test func anInteractiveOnlyPluginIsRefusedBeforeItRuns() async throws {
        try await Self.withPlugin(script: { "echo run >> \($0)\n" + Self.answer(token: Self.token) },
            execLines: ["interactiveMode: Always"]
        ) { client, _, directory in
            let error = await #expect(throws: CredentialPluginError.self) { _ = try await client.serverVersion() }
            #expect(error?.description.contains("interactiveMode: Always") == true)
            #expect(Self.runs(directory) == 0)
        }
    }
}
