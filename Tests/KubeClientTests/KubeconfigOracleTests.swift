@testable import FakeCluster
import Foundation
import TestSupport
import Testing

/// kubectl as the oracle: for each kubeconfig, pinned kubectl (`get ns`) and `gather preflight` must both work, or
/// both fail for the same reason. The cluster is the in-process fake with an impersonation policy; plugins are shell
/// scripts in the test's folder; the proxy is ``ConnectProxy`` on 127.0.0.1.
@Suite(.serialized) struct KubeconfigOracleTests {
    static let kubectl = "/usr/lib/google-cloud-sdk/bin/kubectl.1.33"
    static let token = "oracle-token-never-printed"
    static let data = SyntheticCluster.build(.demo)

    /// One fake cluster, folder and proxy per test.
    struct Bench {
        let server: FakeAPIServer
        let proxy: ConnectProxy
        let directory: TemporaryDirectory

        static func start(serverNames: ClusterPKI.ServerNames = .loopbackAndAlternate) async throws -> Bench {
            #expect(FileManager.default.isExecutableFile(atPath: KubeconfigOracleTests.kubectl),
                "kubectl 1.33 is needed; .ci/run installs it")
            let server = try await FakeAPIServer.start(data: KubeconfigOracleTests.data, token: KubeconfigOracleTests.token,
                impersonation: try ImpersonationPolicy(allowing: ["user:alice", "group:developers"]),
                serverNames: serverNames)
            let proxy = try await ConnectProxy.start(hosts: [ClusterPKI.alternateServerName: "127.0.0.1"])
            return Bench(server: server, proxy: proxy, directory: try TemporaryDirectory())
        }

        func stop() async {
            await proxy.stop()
            await server.stop()
        }

        /// `server` as a URL with another host (the port stays).
        func serverURL(host: String = "127.0.0.1") -> String { "https://\(host):\(server.port)" }

        /// Writes a kubeconfig with `clusterLines` and `userLines` (indented YAML of the cluster and user bodies).
        func kubeconfig(_ name: String, server: String? = nil, cluster clusterLines: [String] = [],
            user userLines: [String]) throws -> String
        {
            let ca = Data(self.server.pki.caCertificatePEM.utf8).base64EncodedString()
            let text = (["apiVersion: v1", "kind: Config", "current-context: oracle", "clusters:", "- name: oracle",
                "  cluster:", "    server: \(server ?? serverURL())", "    certificate-authority-data: \(ca)"]
                + clusterLines.map { "    " + $0 }
                + ["users:", "- name: oracle", "  user:"] + userLines.map { "    " + $0 }
                + ["contexts:", "- name: oracle", "  context:", "    cluster: oracle", "    user: oracle"])
                .joined(separator: "\n") + "\n"
            return try directory.write("\(name)/kubeconfig", text)
        }

        /// An empty home folder for `client`, so neither reads the user's own configuration or cache.
        func home(_ client: String) throws -> String {
            let path = directory.path + "/home-" + client
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            return path
        }

        /// Writes an executable shell script.
        func script(_ path: String, _ body: String) throws -> String {
            let written = try directory.write(path, "#!/bin/sh\n" + body)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: written)
            return written
        }

        /// Runs kubectl and gather with `kubeconfig`, `environment` and `flags`, each with a home of its own, counting
        /// the tunnels of `counted` (the bench's proxy by default).
        func runBoth(_ kubeconfig: String, environment: [String: String] = [:], flags: [String] = [],
            countingTunnelsOf counted: ConnectProxy? = nil) async throws -> (kubectl: Outcome, gather: Outcome)
        {
            let proxy = counted ?? proxy
            let base = ["PATH": "/usr/bin:/bin"].merging(environment) { $1 }
            let before = proxy.connectCount
            let kubectl = try await ProcessRunner.run(KubeconfigOracleTests.kubectl,
                ["get", "ns", "--kubeconfig", kubeconfig, "--request-timeout", "120s"] + flags,
                environment: base.merging(["HOME": try home("kubectl")]) { $1 })
            let middle = proxy.connectCount
            let gather = try await ProcessRunner.run(BuiltProduct.path("gather"),
                ["preflight", "--kubeconfig", kubeconfig] + flags,
                environment: base.merging(["HOME": try home("gather")]) { $1 })
            let after = proxy.connectCount
            return (Outcome(result: kubectl, tunnels: middle - before), Outcome(result: gather, tunnels: after - middle))
        }
    }

    /// What one client did.
    struct Outcome: CustomStringConvertible {
        let result: ProcessRunner.Result
        /// CONNECTs the proxy saw during the run.
        let tunnels: Int
        var worked: Bool { result.status == 0 }
        var description: String { "status \(result.status), \(tunnels) tunnels: \(result.standardError)" }
    }

    /// Both clients work.
    static func expectBothWork(_ outcome: (kubectl: Outcome, gather: Outcome), sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outcome.kubectl.worked, "kubectl: \(outcome.kubectl)", sourceLocation: sourceLocation)
        #expect(outcome.kubectl.result.standardOutput.contains("workload-001"), sourceLocation: sourceLocation)
        #expect(outcome.gather.worked, "gather: \(outcome.gather)", sourceLocation: sourceLocation)
        #expect(outcome.gather.result.standardOutput.contains("version"), sourceLocation: sourceLocation)
        for output in [outcome.kubectl.result, outcome.gather.result] {
            #expect(!(output.standardOutput + output.standardError).contains(token), "the token was printed",
                sourceLocation: sourceLocation)
        }
    }

    /// Both clients fail, each saying `reason` (kubectl's words, then gather's, when they differ).
    static func expectBothFail(_ outcome: (kubectl: Outcome, gather: Outcome), kubectlSays: String, gatherSays: String,
        sourceLocation: SourceLocation = #_sourceLocation)
    {
        #expect(!outcome.kubectl.worked, "kubectl: \(outcome.kubectl)", sourceLocation: sourceLocation)
        #expect(outcome.kubectl.result.standardError.contains(kubectlSays), "kubectl: \(outcome.kubectl)",
            sourceLocation: sourceLocation)
        #expect(!outcome.gather.worked, "gather: \(outcome.gather)", sourceLocation: sourceLocation)
        #expect(outcome.gather.result.standardError.contains(gatherSays), "gather: \(outcome.gather)",
            sourceLocation: sourceLocation)
    }

    static func tokenCredential(_ apiVersion: String, expiry: String? = nil) -> String {
        let expiryField = expiry.map { ",\"expirationTimestamp\":\"\($0)\"" } ?? ""
        return "{\"kind\":\"ExecCredential\",\"apiVersion\":\"\(apiVersion)\",\"status\":{\"token\":\"\(token)\"\(expiryField)}}"
    }

    // MARK: Credential plugins

    @Test func aV1PluginNamedByAnAbsolutePathGivesTheToken() async throws {
        let bench = try await Bench.start()
        let plugin = try bench.script("v1/plugin", "echo '\(Self.tokenCredential("client.authentication.k8s.io/v1"))'\n")
        let kubeconfig = try bench.kubeconfig("v1", user: ["exec:", "  apiVersion: client.authentication.k8s.io/v1",
            "  command: \(plugin)", "  interactiveMode: Never"])
        Self.expectBothWork(try await bench.runBoth(kubeconfig))
        await bench.stop()
    }

    @Test func aV1beta1PluginFoundOnPathWithArgumentsAndEnvironment() async throws {
        let bench = try await Bench.start()
        // The plugin answers only when it got its argument and its variable, as a real one needs its cluster name.
        _ = try bench.script("bin/oracle-credentials", """
            [ "$1" = "--cluster" ] && [ "$2" = "oracle" ] && [ "$ORACLE_REGION" = "test-1" ] || { echo "wrong call: $*" >&2; exit 3; }
            echo '\(Self.tokenCredential("client.authentication.k8s.io/v1beta1"))'

            """)
        let kubeconfig = try bench.kubeconfig("v1beta1", user: ["exec:",
            "  apiVersion: client.authentication.k8s.io/v1beta1", "  command: oracle-credentials",
            "  args: [--cluster, oracle]", "  env:", "  - name: ORACLE_REGION", "    value: test-1"])
        Self.expectBothWork(try await bench.runBoth(kubeconfig,
            environment: ["PATH": bench.directory.path + "/bin:/usr/bin:/bin"]))
        await bench.stop()
    }

    @Test func aPluginWithARelativePathIsFoundBesideTheKubeconfig() async throws {
        let bench = try await Bench.start()
        _ = try bench.script("relative/tools/plugin", "echo '\(Self.tokenCredential("client.authentication.k8s.io/v1"))'\n")
        let kubeconfig = try bench.kubeconfig("relative", user: ["exec:",
            "  apiVersion: client.authentication.k8s.io/v1", "  command: ./tools/plugin", "  interactiveMode: IfAvailable"])
        Self.expectBothWork(try await bench.runBoth(kubeconfig))
        await bench.stop()
    }

    @Test func anExpiredTokenMakesBothRunThePluginAgain() async throws {
        let bench = try await Bench.start()
        let runs = bench.directory.path + "/expiring/runs"
        // Each run writes the process id of the client that started it.
        let plugin = try bench.script("expiring/plugin", """
            echo "$PPID" >> "$RUNS_FILE"
            echo '\(Self.tokenCredential("client.authentication.k8s.io/v1", expiry: "2000-01-01T00:00:00Z"))'

            """)
        let kubeconfig = try bench.kubeconfig("expiring", user: ["exec:",
            "  apiVersion: client.authentication.k8s.io/v1", "  command: \(plugin)", "  interactiveMode: Never",
            "  env:", "  - name: RUNS_FILE", "    value: \(runs)"])
        Self.expectBothWork(try await bench.runBoth(kubeconfig))
        let clients = (try? String(contentsOfFile: runs, encoding: .utf8))?.split(separator: "\n") ?? []
        let runsPerClient = Dictionary(grouping: clients, by: { $0 }).mapValues(\.count)
        // Each client makes several requests and runs the plugin again before each, since the token has expired.
        #expect(runsPerClient.count == 2, "runs by client: \(runsPerClient)")
        #expect(runsPerClient.values.allSatisfy { $0 >= 2 }, "runs by client: \(runsPerClient)")
        await bench.stop()
    }

    @Test func aFailingPluginStopsBothWithItsMessage() async throws {
        let bench = try await Bench.start()
        let plugin = try bench.script("failing/plugin", "echo 'session expired: run oracle-login' >&2\nexit 1\n")
        let kubeconfig = try bench.kubeconfig("failing", user: ["exec:",
            "  apiVersion: client.authentication.k8s.io/v1", "  command: \(plugin)", "  interactiveMode: Never",
            "  installHint: install oracle-login from the example portal"])
        let outcome = try await bench.runBoth(kubeconfig)
        Self.expectBothFail(outcome, kubectlSays: "session expired: run oracle-login",
            gatherSays: "session expired: run oracle-login")
        #expect(outcome.gather.result.status == 2)
        #expect(outcome.gather.result.standardError.contains("install oracle-login from the example portal"))
        // A gather run stops the same way, before it writes anything.
        let destination = bench.directory.path + "/failing/must-gather"
        let run = try await ProcessRunner.run(BuiltProduct.path("gather"),
            ["--kubeconfig", kubeconfig, "--dest-dir", destination],
            environment: ["PATH": "/usr/bin:/bin", "HOME": try bench.home("gather")])
        #expect(run.status == 2, "\(run.standardOutput)\(run.standardError)")
        #expect(run.standardError.contains("session expired: run oracle-login"))
        let written = (try? FileManager.default.contentsOfDirectory(atPath: destination)) ?? []
        #expect(written.isEmpty, "\(written)")
        await bench.stop()
    }

    @Test func aMissingPluginStopsBothAndGatherGivesTheInstallHint() async throws {
        let bench = try await Bench.start()
        let kubeconfig = try bench.kubeconfig("missing", user: ["exec:",
            "  apiVersion: client.authentication.k8s.io/v1", "  command: no-such-oracle-plugin",
            "  interactiveMode: Never", "  installHint: install no-such-oracle-plugin first"])
        let outcome = try await bench.runBoth(kubeconfig)
        Self.expectBothFail(outcome, kubectlSays: "install no-such-oracle-plugin first",
            gatherSays: "install no-such-oracle-plugin first")
        #expect(outcome.gather.result.status == 2)
        await bench.stop()
    }

    // MARK: Proxies

    @Test func proxyURLCarriesBothThroughTheProxy() async throws {
        let bench = try await Bench.start()
        let kubeconfig = try bench.kubeconfig("proxy-url", server: bench.serverURL(host: ClusterPKI.alternateServerName),
            cluster: ["proxy-url: \(bench.proxy.url)"], user: ["token: \(Self.token)"])
        let outcome = try await bench.runBoth(kubeconfig)
        Self.expectBothWork(outcome)
        #expect(outcome.kubectl.tunnels > 0)
        #expect(outcome.gather.tunnels > 0)
        await bench.stop()
    }

    @Test func aSOCKS5ProxyURLCarriesBoth() async throws {
        let bench = try await Bench.start()
        // An address, not a name: a client that resolved names itself would otherwise ask DNS.
        let socks = try await ConnectProxy.start(dialect: .socks5)
        let kubeconfig = try bench.kubeconfig("socks", cluster: ["proxy-url: \(socks.url)"], user: ["token: \(Self.token)"])
        let outcome = try await bench.runBoth(kubeconfig, countingTunnelsOf: socks)
        Self.expectBothWork(outcome)
        #expect(outcome.kubectl.tunnels > 0)
        #expect(outcome.gather.tunnels > 0)
        await socks.stop()
        await bench.stop()
    }

    @Test func httpsProxyCarriesBothWhenNoProxyDoesNotExemptTheServer() async throws {
        let bench = try await Bench.start()
        let kubeconfig = try bench.kubeconfig("https-proxy",
            server: bench.serverURL(host: ClusterPKI.alternateServerName), user: ["token: \(Self.token)"])
        for noProxy in [nil, "example.com,10.0.0.0/8,\(ClusterPKI.alternateServerName):1"] {
            var environment = ["HTTPS_PROXY": bench.proxy.url]
            if let noProxy { environment["NO_PROXY"] = noProxy }
            let outcome = try await bench.runBoth(kubeconfig, environment: environment)
            Self.expectBothWork(outcome)
            #expect(outcome.kubectl.tunnels > 0, "NO_PROXY \(noProxy ?? "unset")")
            #expect(outcome.gather.tunnels > 0, "NO_PROXY \(noProxy ?? "unset")")
        }
        await bench.stop()
    }

    @Test func httpsProxyIsNotUsedForALoopbackServer() async throws {
        let bench = try await Bench.start()
        let kubeconfig = try bench.kubeconfig("loopback", user: ["token: \(Self.token)"])
        let outcome = try await bench.runBoth(kubeconfig, environment: ["HTTPS_PROXY": bench.proxy.url])
        Self.expectBothWork(outcome)
        #expect(outcome.kubectl.tunnels == 0)
        #expect(outcome.gather.tunnels == 0)
        await bench.stop()
    }

    // MARK: Server name

    @Test func tlsServerNameIsTheNameBothCheck() async throws {
        // The certificate names api.fake-cluster.test only; the clients connect to 127.0.0.1.
        let bench = try await Bench.start(serverNames: .alternateOnly)
        let named = try bench.kubeconfig("server-name", cluster: ["tls-server-name: \(ClusterPKI.alternateServerName)"],
            user: ["token: \(Self.token)"])
        Self.expectBothWork(try await bench.runBoth(named))
        let unnamed = try bench.kubeconfig("no-server-name", user: ["token: \(Self.token)"])
        Self.expectBothFail(try await bench.runBoth(unnamed), kubectlSays: "127.0.0.1", gatherSays: "certificate")
        let wrong = try bench.kubeconfig("wrong-name", cluster: ["tls-server-name: wrong.fake-cluster.test"],
            user: ["token: \(Self.token)"])
        Self.expectBothFail(try await bench.runBoth(wrong), kubectlSays: "wrong.fake-cluster.test",
            gatherSays: "certificate")
        await bench.stop()
    }

    // MARK: Impersonation

    @Test func impersonationFromTheKubeconfigIsCheckedByTheCluster() async throws {
        let bench = try await Bench.start()
        // The allowed run comes first: see impersonationFlagsWinOverTheKubeconfig.
        let allowed = try bench.kubeconfig("as-alice",
            user: ["token: \(Self.token)", "as: alice", "as-groups: [developers]"])
        Self.expectBothWork(try await bench.runBoth(allowed))
        let forbiddenUser = try bench.kubeconfig("as-mallory", user: ["token: \(Self.token)", "as: mallory"])
        Self.expectBothFail(try await bench.runBoth(forbiddenUser), kubectlSays: "users \"mallory\" is forbidden",
            gatherSays: "users \"mallory\" is forbidden")
        let forbiddenGroup = try bench.kubeconfig("as-admins",
            user: ["token: \(Self.token)", "as: alice", "as-groups: [admins]"])
        Self.expectBothFail(try await bench.runBoth(forbiddenGroup), kubectlSays: "groups \"admins\" is forbidden",
            gatherSays: "groups \"admins\" is forbidden")
        await bench.stop()
    }

    @Test func impersonationFlagsWinOverTheKubeconfig() async throws {
        let bench = try await Bench.start()
        let kubeconfig = try bench.kubeconfig("flags", user: ["token: \(Self.token)", "as: alice"])
        // The allowed run first, as in the test above: kubectl then has discovery cached in its home and quotes the
        // refusal of the list; refused on discovery itself, it says only "Forbidden: unknown".
        Self.expectBothWork(try await bench.runBoth(kubeconfig, flags: ["--as", "alice", "--as-group", "developers"]))
        Self.expectBothFail(try await bench.runBoth(kubeconfig, flags: ["--as", "mallory"]),
            kubectlSays: "users \"mallory\" is forbidden", gatherSays: "users \"mallory\" is forbidden")
        Self.expectBothFail(try await bench.runBoth(kubeconfig, flags: ["--as-group", "admins"]),
            kubectlSays: "groups \"admins\" is forbidden", gatherSays: "groups \"admins\" is forbidden")
        await bench.stop()
    }
}
