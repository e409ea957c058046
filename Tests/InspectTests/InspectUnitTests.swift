import Foundation
@testable import GatherKit
import JSONCoding
@testable import KubeClient
import Testing
import TestSupport
import YAMLCoding

@testable import Inspect

struct ResourceArgumentsTests {
    @Test func readsTheFormsOcAccepts() throws {
        #expect(try ResourceArguments(["ns/openshift-etcd", "clusteroperators.config.openshift.io/etcd"]).requests == [
            .init(type: "ns", name: "openshift-etcd"), .init(type: "clusteroperators.config.openshift.io", name: "etcd"),
        ])
        #expect(try ResourceArguments(["nodes,csinodes"]).requests == [.init(type: "nodes", name: nil),
            .init(type: "csinodes", name: nil)])
        #expect(try ResourceArguments(["pods", "a", "b"]).requests == [.init(type: "pods", name: "a"),
            .init(type: "pods", name: "b")])
        #expect(try ResourceArguments(entries: ["clusterversion", "nodes", "ns/x"]).requests == [
            .init(type: "clusterversion", name: nil), .init(type: "nodes", name: nil), .init(type: "ns", name: "x"),
        ])
    }

    @Test(arguments: [["ns/"], ["/x"], ["a,,b"], ["ns/x", "pods"], ["a,b", "name"], ["ns/x/y"], []])
    func rejectsWhatOcRejects(_ arguments: [String]) {
        #expect(throws: InspectArgumentError.self) { try ResourceArguments(arguments) }
    }
}

struct SensitiveDataTests {
    let secrets = APIResource(group: "", version: "v1", name: "secrets", kind: "Secret", namespaced: true)

    @Test func secretValuesBecomeTheirLengthExceptCertificates() throws {
        let secret: JSONValue = [
            "kind": "Secret",
            "metadata": ["name": "s", "annotations": [
                "kubectl.kubernetes.io/last-applied-configuration": "{\"data\":{\"password\":\"hunter2\"}}",
                "openshift.io/token-secret.value": "token", "keep": "me",
            ]],
            "data": ["password": .string(Data("hunter2".utf8).base64EncodedString()), "tls.crt": "Y2VydA==",
                "ca.crt": "Y2E=", "service-ca.crt": "c2Nh", "empty": ""],
            "stringData": ["plain": "four"],
        ]
        let elided = SensitiveData.elided(secret, resource: secrets)
        func decoded(_ field: String, _ key: String) -> String? {
            elided[path: field, key]?.stringValue.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(decoded("data", "password") == "7 bytes long")
        #expect(decoded("data", "empty") == "0 bytes long")
        #expect(decoded("stringData", "plain") == "4 bytes long")
        #expect(elided[path: "data", "tls.crt"] == "Y2VydA==")
        #expect(elided[path: "data", "ca.crt"] == "Y2E=")
        #expect(elided[path: "data", "service-ca.crt"] == "c2Nh")
        #expect(elided[path: "metadata", "annotations", "kubectl.kubernetes.io/last-applied-configuration"] == "")
        #expect(elided[path: "metadata", "annotations", "openshift.io/token-secret.value"] == "")
        #expect(elided[path: "metadata", "annotations", "keep"] == "me")
    }

    @Test func routeKeysAndProxyPasswordsGo() {
        let routes = APIResource(group: "route.openshift.io", version: "v1", name: "routes", kind: "Route", namespaced: true)
        let route: JSONValue = ["spec": ["tls": ["key": "PRIVATE", "certificate": "CERT"]]]
        #expect(SensitiveData.elided(route, resource: routes) == ["spec": ["tls": ["certificate": "CERT"]]])
        let proxies = APIResource(group: "config.openshift.io", version: "v1", name: "proxies", kind: "Proxy",
            namespaced: false)
        let proxy: JSONValue = [
            "spec": ["httpProxy": "http://user:secret@proxy:3128", "httpsProxy": "https://proxy:3128", "noProxy": "a"],
            "status": ["httpsProxy": "https://u:p@ss@proxy:3128"],
        ]
        #expect(SensitiveData.elided(proxy, resource: proxies) == [
            "spec": ["httpProxy": "http://user:****@proxy:3128", "httpsProxy": "https://proxy:3128", "noProxy": "a"],
            "status": ["httpsProxy": "https://u:****@ss@proxy:3128"],
        ])
    }

    @Test(arguments: ["", "YQ==", "YWI=", "YWJj", "YWJjZA==", "YWJjZA", "YWJjZGVmZ2hp\nams="])
    func base64LengthsMatchDecoding(_ text: String) {
        let decoded = Data(base64Encoded: text, options: .ignoreUnknownCharacters)
            ?? Data(base64Encoded: text + String(repeating: "=", count: (4 - text.count % 4) % 4))!
        #expect(Base64.decodedLength(text) == decoded.count)
    }
}

struct InspectLayoutTests {
    @Test func pathsFollowOc() {
        let nodes = APIResource(group: "", version: "v1", name: "nodes", kind: "Node", namespaced: false)
        let deployments = APIResource(group: "apps", version: "v1", name: "deployments", kind: "Deployment",
            namespaced: true)
        let pods = APIResource(group: "", version: "v1", name: "pods", kind: "Pod", namespaced: true)
        let namespaces = APIResource(group: "", version: "v1", name: "namespaces", kind: "Namespace", namespaced: false)
        #expect(InspectLayout.listFile(nodes, namespace: nil) == ["cluster-scoped-resources", "core", "nodes.yaml"])
        #expect(InspectLayout.objectFile(nodes, namespace: nil, name: "n1")
            == ["cluster-scoped-resources", "core", "nodes", "n1.yaml"])
        #expect(InspectLayout.listFile(deployments, namespace: "ns") == ["namespaces", "ns", "apps", "deployments.yaml"])
        #expect(InspectLayout.objectFile(pods, namespace: "ns", name: "p") == ["namespaces", "ns", "pods", "p", "p.yaml"])
        #expect(InspectLayout.objectFile(namespaces, namespace: nil, name: "ns") == ["namespaces", "ns", "ns.yaml"])
        #expect(InspectLayout.logFile(namespace: "ns", pod: "p", container: "c", previous: true)
            == ["namespaces", "ns", "pods", "p", "c", "c", "logs", "previous.log"])
    }
}

struct EventFilterPageTests {
    @Test func escapesAndNeedsNoNetwork() {
        var event = EventDigest(event: [
            "lastTimestamp": "2026-01-01T00:00:00Z", "metadata": ["namespace": "ns"], "source": ["component": "kubelet"],
            "involvedObject": ["kind": "Pod", "name": "p"], "reason": "BackOff",
            "message": "<script>alert('x')</script> & more",
        ])
        #expect(event.relatedObject == "pod/p")
        let page = EventFilterPage.html([event], dropped: 0)
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more"))
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("class=\"text-danger\">BackOff"))
        #expect(!page.contains("http://") && !page.contains("https://") && !page.contains("src="),
            "the page must not load anything from the network")
        event.reason = "Unhealthy"
        #expect(EventFilterPage.html([event], dropped: 3).contains("class=\"text-warning\">Unhealthy"))
        #expect(EventFilterPage.reasonClass("Scheduled") == "text-muted")
        #expect(EventFilterPage.escape("café \"ok\" ✓ <b>") == "café &quot;ok&quot; ✓ &lt;b&gt;")
        #expect(EventFilterPage.escape("plain text, ünïcode") == "plain text, ünïcode")
    }

    @Test func rowsSitBetweenTheHeadAndTheScript() {
        let event = EventDigest(event: [
            "lastTimestamp": "2026-01-01T00:00:00Z", "metadata": ["namespace": "ns"], "source": ["component": "kubelet"],
            "involvedObject": ["kind": "Pod", "name": "p"], "reason": "Scheduled", "message": "a & b",
        ])
        let page = EventFilterPage.html([event], dropped: 0)
        #expect(page.contains("""
            <tbody>
            <tr><td>2026-01-01T00:00:00Z</td><td>ns</td><td>kubelet</td><td>pod/p</td>\
            <td class="text-muted">Scheduled</td><td>a &amp; b</td></tr>
            </tbody>
            """))
        #expect(page.hasPrefix("<!DOCTYPE html>\n") && page.hasSuffix("</html>\n"))
        #expect(!page.contains("older events are not shown"))
    }

    @Test func aLargePageIsWrittenInPiecesThatMakeThePage() {
        let events = (0..<2000).map { index in
            EventDigest(event: ["lastTimestamp": .string("2026-01-01T00:00:\(index)Z"), "reason": "Killing",
                                "message": .string(String(repeating: "m", count: 100))])
        }
        var pieces: [[UInt8]] = []
        EventFilterPage.write(events, dropped: 7, pieceBytes: 16 * 1024) { pieces.append($0) }
        // The head, then pieces of rows of about 16 KiB, the last with the script.
        #expect(pieces.count > 10)
        #expect(pieces.dropFirst().dropLast().allSatisfy { $0.count >= 16 * 1024 && $0.count < 17 * 1024 })
        let page = String(decoding: pieces.joined(), as: UTF8.self)
        #expect(page == EventFilterPage.html(events, dropped: 7))
        #expect(page.components(separatedBy: "<tr><td>").count == 2001)
        #expect(page.contains("<p class=\"note\">7 older events are not shown; every event is in"))
    }

    @Test func theLedgerKeepsTheNewestEvents() {
        let ledger = EventLedger(capacity: 10)
        for batch in 0..<5 {
            ledger.add((0..<7).map { index in
                ["lastTimestamp": .string(String(format: "2026-01-01T00:%02d:%02dZ", batch, index)), "reason": "r"]
            })
        }
        let (events, dropped) = ledger.snapshot()
        #expect(events.count == 10 && dropped == 25)
        #expect(events.last?.time == "2026-01-01T00:04:06Z")
        #expect(events.first?.time == "2026-01-01T00:03:04Z")
    }
}

struct TailKeepingFileTests {
    @Test(arguments: [Int64(1000), 4096, 100_000])
    func keepsTheNewestWholeLinesWithinTheLimit(_ limit: Int64) throws {
        let directory = try TemporaryDirectory()
        let output = try OutputTree(root: directory.path)
        let file = TailKeepingFile(file: try output.createFile(["log"]), limit: limit)
        var everything: [UInt8] = []
        for index in 0..<2000 {
            let line = Array("2026-01-01T00:00:00.000000000Z line \(index) \(String(repeating: "x", count: index % 40))\n".utf8)
            everything += line
            try file.append(line)
        }
        try file.commit()
        let kept = Array(try Data(contentsOf: URL(fileURLWithPath: directory.path + "/log")))
        #expect(kept.count <= limit)
        #expect(everything.count - kept.count < everything.count)
        #expect(Array(everything.suffix(kept.count)) == kept, "the newest end, byte for byte")
        #expect(kept.count > Int(limit) - 200 || kept.count == everything.count, "close to the limit")
        let start = everything.count - kept.count
        #expect(start == 0 || everything[start - 1] == UInt8(ascii: "\n"), "starts at a line")
        #expect(file.droppedBytes == Int64(start))
    }

    @Test func withoutALimitKeepsEverything() throws {
        let directory = try TemporaryDirectory()
        let output = try OutputTree(root: directory.path)
        let file = TailKeepingFile(file: try output.createFile(["log"]), limit: nil)
        for _ in 0..<100 { try file.append(Array(repeating: UInt8(ascii: "a"), count: 1000)) }
        try file.commit()
        #expect(try Data(contentsOf: URL(fileURLWithPath: directory.path + "/log")).count == 100_000)
    }
}

struct PodLogWorkTests {
    static func job(_ container: String, previous: Bool, absent: Bool = false) -> PodLogJob {
        PodLogJob(namespace: "ns", pod: "p", container: container, previous: previous, knownAbsent: absent)
    }

    /// Describes a plan as text, e.g. `get a/current`, `empty a/previous b/previous`.
    static func describe(_ work: [PodLogWork]) -> [String] {
        work.map { item in
            switch item {
            case .download(let job): "get \(job.container)/\(job.previous ? "previous" : "current")"
            case .writeEmpty(let jobs): "empty " + jobs.map { "\($0.container)/previous" }.joined(separator: " ")
            }
        }
    }

    @Test func knownAbsentLogsAreBatchedWhereTheyFall() {
        let jobs = [
            Self.job("a", previous: false), Self.job("a", previous: true, absent: true),
            Self.job("b", previous: false), Self.job("b", previous: true, absent: true),
            Self.job("c", previous: false), Self.job("c", previous: true),
            Self.job("d", previous: false), Self.job("d", previous: true, absent: true),
        ]
        #expect(Self.describe(PodLogWork.plan(jobs, batch: 2)) == [
            "get a/current", "get b/current", "empty a/previous b/previous", "get c/current", "get c/previous",
            "get d/current", "empty d/previous",
        ])
        #expect(Self.describe(PodLogWork.plan([], batch: 2)).isEmpty)
    }
}

struct RotatedLogNameTests {
    @Test(arguments: [("0.log.20211027-082023", true), ("12.log.20211027-082023.gz", true), ("0.log", false),
        ("0.log.", false), ("x0.log.20211027-082023", false), (".log.20211027-082023", false), ("0.txt.1", false)])
    func rotationsAreNamedAsTheKubeletNamesThem(_ name: String, _ isRotation: Bool) {
        #expect(RotatedLogDownloader.isRotation(name) == isRotation)
    }

    @Test func theStampIsTheThirdPartInUTC() {
        #expect(RotatedLogDownloader.rotationTime("0.log.20211027-082023.gz") == RFC3339.parse("2021-10-27T08:20:23Z"))
        #expect(RotatedLogDownloader.rotationTime("0.log.20211027-082023") == RFC3339.parse("2021-10-27T08:20:23Z"))
        for unreadable in ["0.log.2021102-0820230", "0.log.20211327-082023", "0.log.2021x027-082023", "0.log"] {
            #expect(RotatedLogDownloader.rotationTime(unreadable) == nil, "\(unreadable)")
        }
    }

    /// The kubelet names a pod's log folder by its UID, and a static pod's by its config hash.
    @Test func aPodsLogFolderIsNamedByUIDOrByTheStaticPodsHash() throws {
        let pod: JSONValue = ["metadata": ["name": "etcd-master-0", "uid": "1111",
            "annotations": ["kubernetes.io/config.source": "file", "kubernetes.io/config.hash": "abcd"]],
            "spec": ["nodeName": "master-0", "containers": [["name": "etcd"]], "initContainers": [["name": "setup"]]]]
        let names = try #require(Inspector.podNames(of: pod, readsLogFolder: true))
        #expect(names.rotatedLogJobs(namespace: "openshift-etcd").map(\.podFolder) == ["openshift-etcd_etcd-master-0_abcd",
            "openshift-etcd_etcd-master-0_abcd"])
        #expect(names.rotatedLogJobs(namespace: "openshift-etcd").map(\.container) == ["etcd", "setup"])
        let api: JSONValue = ["metadata": ["name": "api", "uid": "2222"], "spec": ["nodeName": "master-1", "containers": [["name": "c"]]]]
        #expect(try #require(Inspector.podNames(of: api, readsLogFolder: true)).rotatedLogJobs(namespace: "ns").map(\.podFolder) == ["ns_api_2222"])
        let pending: JSONValue = ["metadata": ["name": "p", "uid": "3333"], "spec": ["containers": [["name": "c"]]]]
        #expect(try #require(Inspector.podNames(of: pending, readsLogFolder: true)).rotatedLogJobs(namespace: "ns").isEmpty, "not scheduled")
    }
}

struct PodLogSinceTests {
    @Test func theWindowIsSecondsRoundedUpOrAMoment() {
        #expect(SinceWindow.duration(.seconds(7200)).podLogQuery! == ("sinceSeconds", "7200"))
        #expect(SinceWindow.duration(.milliseconds(1500)).podLogQuery! == ("sinceSeconds", "2"))
        #expect(SinceWindow.time(RFC3339.parse("2026-11-24T08:30:00Z")!).podLogQuery! == ("sinceTime", "2026-11-24T08:30:00Z"))
        #expect(SinceWindow.everything.podLogQuery == nil)
    }
}

struct TraversalRulesTests {
    @Test func webhooksAndConversionWebhooksBringTheNamespacesOfTheirServices() throws {
        let webhooks = try JSONParser.parse(Array("""
            {"webhooks": [{"clientConfig": {"service": {"namespace": "b"}}}, {"clientConfig": {"url": "https://x"}},
              {"clientConfig": {"service": {"namespace": "a"}}}, {"clientConfig": {"service": {"namespace": "b"}}}]}
            """.utf8))
        guard case .serviceNamespaces(let under, let path)? = TraversalRules.byType[.init("admissionregistration.k8s.io",
            "validatingwebhookconfigurations")]
        else {
            Issue.record("validating webhooks have no rule")
            return
        }
        #expect(TraversalRules.namespaces(in: webhooks, under: under, path: path) == ["a", "b"])
        let crd = try JSONParser.parse(Array("""
            {"spec": {"conversion": {"webhook": {"clientConfig": {"service": {"namespace": "conversions"}}}}}}
            """.utf8))
        guard case .serviceNamespaces(let none, let crdPath)? = TraversalRules.byType[.init("apiextensions.k8s.io",
            "customresourcedefinitions")]
        else {
            Issue.record("CRDs have no rule")
            return
        }
        #expect(TraversalRules.namespaces(in: crd, under: none, path: crdPath) == ["conversions"])
        #expect(TraversalRules.byType[.init("", "pods")] == .containerLogs)
        #expect(TraversalRules.byType[.init("apps", "deployments")] == nil)
    }
}
