@testable import KubeClient
import Testing

/// Which servers go through which proxy: `proxy-url`, and `HTTPS_PROXY` with `NO_PROXY` read as Go reads them.
struct ProxySettingTests {
    static func server(_ text: String) throws -> ServerAddress { try ServerAddress(parsing: text) }

    @Test func proxyURLsOfEachSchemeAreReadAndAnHTTPSProxyIsNamedAsUnsupported() throws {
        #expect(try ProxySetting.parse("http://proxy.corp:3128", field: "proxy-url")
            == ProxySetting(kind: .http, host: "proxy.corp", port: 3128, credentials: nil))
        #expect(try ProxySetting.parse("proxy.corp:8080", field: "HTTPS_PROXY").kind == .http)
        #expect(try ProxySetting.parse("socks5://[::1]:1080", field: "proxy-url")
            == ProxySetting(kind: .socks5, host: "::1", port: 1080, credentials: nil))
        let withUser = try ProxySetting.parse("http://me:p%40ss@proxy.corp", field: "proxy-url")
        #expect(withUser.port == 80)
        #expect(withUser.credentials?.bytes == Array("me:p@ss".utf8))
        #expect(!withUser.description.contains("p@ss"))
        #expect(throws: ProxyURLError.self) { try ProxySetting.parse("https://proxy.corp", field: "proxy-url") }
        #expect(throws: ProxyURLError.self) { try ProxySetting.parse("ftp://proxy.corp", field: "proxy-url") }
    }

    @Test func theEnvironmentProxyIsChosenByTheServerScheme() throws {
        let environment = ["HTTPS_PROXY": "http://secure:1", "https_proxy": "http://lower:2", "HTTP_PROXY": "http://plain:3"]
        #expect(try ProxySetting.fromEnvironment(environment, for: Self.server("https://api.corp:6443"))?.host == "secure")
        #expect(try ProxySetting.fromEnvironment(environment, for: Self.server("http://api.corp:8080"))?.host == "plain")
        #expect(try ProxySetting.fromEnvironment(["https_proxy": "http://lower:2"],
            for: Self.server("https://api.corp"))?.host == "lower")
        #expect(try ProxySetting.fromEnvironment([:], for: Self.server("https://api.corp")) == nil)
    }

    @Test func loopbackServersAreNeverProxied() throws {
        for server in ["https://localhost:6443", "https://127.0.0.1:6443", "https://127.3.4.5", "https://[::1]:6443"] {
            #expect(try ProxySetting.fromEnvironment(["HTTPS_PROXY": "http://p:1"], for: Self.server(server)) == nil,
                "\(server)")
        }
    }

    @Test func noProxyMatchesAsGoDoes() {
        let cases: [(noProxy: String, host: String, port: Int, exempt: Bool)] = [
            ("*", "api.corp", 443, true),
            ("corp", "api.corp", 443, true),
            ("corp", "corp", 443, true),
            (".corp", "corp", 443, false),
            (".corp", "api.corp", 443, true),
            ("*.corp", "api.corp", 443, true),
            ("*.corp", "corp", 443, false),
            ("pi.corp", "api.corp", 443, false),
            ("API.CORP", "api.corp", 443, true),
            ("api.corp:6443", "api.corp", 6443, true),
            ("api.corp:6443", "api.corp", 443, false),
            ("10.0.0.0/8", "10.1.2.3", 6443, true),
            ("10.0.0.0/8", "11.1.2.3", 6443, false),
            ("10.1.2.3", "10.1.2.3", 6443, true),
            ("10.1.2.3:443", "10.1.2.3", 6443, false),
            ("fd00::/8", "fd12::1", 6443, true),
            ("[fd12::1]:6443", "fd12::1", 6443, true),
            ("10.0.0.0/8", "ten.corp", 443, false),
            ("example.com, corp ,", "api.corp", 443, true),
            ("", "api.corp", 443, false),
        ]
        for item in cases {
            #expect(NoProxyList(item.noProxy).exempts(host: item.host, port: item.port) == item.exempt,
                "NO_PROXY=\(item.noProxy) \(item.host):\(item.port)")
        }
    }

    @Test func noProxyIsReadInEitherCase() throws {
        let server = try Self.server("https://api.corp")
        #expect(try ProxySetting.fromEnvironment(["HTTPS_PROXY": "http://p:1", "no_proxy": "corp"], for: server) == nil)
        #expect(try ProxySetting.fromEnvironment(["HTTPS_PROXY": "http://p:1", "NO_PROXY": "corp"], for: server) == nil)
        #expect(try ProxySetting.fromEnvironment(["HTTPS_PROXY": "http://p:1", "NO_PROXY": "other"], for: server) != nil)
    }
}
