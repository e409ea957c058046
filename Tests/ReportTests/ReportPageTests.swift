import Foundation
import TestSupport
import Testing

@testable import Report

/// The page: self-contained, escaped, and holding what the model found.
struct ReportPageTests {
    @Test func hostileNamesAndMessagesShowAsTextNeverAsMarkup() throws {
        let directory = try TemporaryDirectory()
        let script = "<script>alert('pod')</script>"
        let image = "\"><img src=x onerror=alert(1)>"
        try directory.write("cluster-scoped-resources/config.openshift.io/clusteroperators.yaml",
            "items:\n" + SmallCluster.clusterOperator(script, degraded: "True", message: image))
        try directory.write("namespaces/evil/core/pods.yaml", "items:\n"
            + SmallCluster.pod(script, namespace: "evil", waiting: "</td></tr></table><h1>x", restarts: 2,
                container: "c'\"&<>"))
        try directory.write("namespaces/evil/core/events.yaml", "items:\n"
            + SmallCluster.warning(reason: "<b>Bold</b>", object: image, namespace: "evil", count: 1,
                time: "2024-01-01T00:00:00Z", message: "<iframe src=//example.com>"))
        try directory.write("cluster-scoped-resources/core/nodes/n.yaml",
            SmallCluster.node("<svg onload=alert(1)>", role: "wor<ker", ready: false))
        try directory.write("gather-summary.json", #"""
            {"toolVersion": "<i>", "startedAt": "2024-01-01T00:00:00Z", "options": {"<o>": "</dd><script>"},
             "collectors": [{"name": "<c>", "kind": "k", "status": "partial", "startedAt": "2024-01-01T00:00:00Z",
               "seconds": 1, "files": 0, "bytes": 0, "notes": ["<note>"],
               "problems": [{"subject": "<s>", "message": "<script>x</script>"}]}]}
            """#)
        let written = try GatherReport.write(folder: directory.path)
        let page = try String(contentsOfFile: written.path, encoding: .utf8)
        // The page's own script is the only one; no injected element or attribute survives.
        #expect(page.components(separatedBy: "<script").count == 2)
        for injected in ["<img", "<iframe", "<svg onload", "<h1>x", "<b>Bold", "<i>", "<o>", "<c>", "<s>", "<note>",
            "onerror=alert(1)>", "</td></tr></table><h1>"]
        {
            #expect(!page.contains(injected), "\(injected) reached the page as markup")
        }
        #expect(page.contains("&lt;script&gt;alert(&#39;pod&#39;)&lt;/script&gt;"))
        #expect(page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
        #expect(page.contains("&lt;iframe src=//example.com&gt;"))
    }

    @Test func thePageIsSelfContained() throws {
        let directory = try TemporaryDirectory()
        try SmallCluster.write(into: directory)
        let page = ReportPage.html(try ClusterReport.read(directory.path))
        // Nothing to fetch: no external script, style sheet, font or image; links only to anchors and gathered files.
        for external in ["<link", "src=\"http", "url(", "@import", "https://fonts", "<img"] {
            #expect(!page.contains(external), "\(external)")
        }
        let hrefs = page.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(!hrefs.isEmpty)
        for href in hrefs {
            #expect(href.hasPrefix("#") || href.hasPrefix("namespaces/"), "\(href)")
        }
        #expect(page.contains("<svg class=\"chart\""))
        #expect(page.contains("Degraded: monitoring"))
        #expect(page.contains("NOSPACE on member 13518803987065864191"))
        #expect(page.contains("the run&#39;s deadline passed before it started"))
        #expect(page.contains("7 more problems (counted in gather-summary.json) are not listed here."))
    }

    @Test func theRealMustGathersPageShowsItsOperatorsNodesAndEtcd() async throws {
        let unpacked = try await RealMustGather.directory()
        let folder = unpacked + "/must-gather-aws"
        let output = try TemporaryDirectory()
        let written = try await offThePool { try GatherReport.write(folder: folder, to: output.path + "/page.html") }
        let page = try String(contentsOfFile: written.path, encoding: .utf8)
        #expect(written.bytes < 3_000_000)
        #expect(rows(of: "operators-table", in: page) == 31)
        #expect(page.contains("All 31 cluster operators"))
        // Every operator of that cluster was healthy when it was gathered: none is listed as degraded.
        #expect(page.contains("No cluster operator is degraded."))
        #expect(page.contains("6 of 6 ready"))
        #expect(rows(of: "node-roles-table", in: page) == 2)
        #expect(page.contains("All 6 nodes are ready and schedulable."))
        #expect(page.contains("OpenShift 4.8.0-0.nightly-2021-07-31-065602 · on AWS"))
        #expect(page.contains("Endpoint health: 3 of 6 healthy"))
        #expect(page.contains("No etcd alarm is raised."))
        #expect(page.contains("no gather-summary.json"))
        #expect(page.contains("gathered 2021-08-03 10:12:00.016988581 +0000 UTC</p>"))
        // The links to logs go through the image folder, to files that exist.
        let report = try ClusterReport.read(folder)
        #expect(report.pods.total > 200)
        let link = try #require(report.pods.mostRestarts.first?.logs.first)
        #expect(link.href.hasPrefix("quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-"))
        #expect(FileManager.default.fileExists(atPath: folder + "/" + (link.href.removingPercentEncoding ?? "")))
        #expect(report.unreadable.isEmpty, "\(report.unreadable)")
    }

    /// The number of body rows of the table `id`.
    func rows(of id: String, in page: String) -> Int {
        guard let start = page.range(of: "id=\"\(id)\"") else { return -1 }
        let table = page[start.upperBound...].prefix { _ in true }
        guard let end = table.range(of: "</table>") else { return -1 }
        let body = table[..<end.lowerBound]
        return body.components(separatedBy: "<tr>").count - 2
    }
}
