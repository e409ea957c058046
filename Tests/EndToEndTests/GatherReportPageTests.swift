import Foundation
import JSONCoding
import TestSupport
import Testing
import YAMLCoding

/// `gather-report.html` as the run writes it and as a browser shows it, and `gather report` on its own.
@Suite(.serialized)
struct GatherReportPageTests {
    @Test func theRunWritesThePageAndChromiumShowsTheSyntheticCluster() async throws {
        let directory = try TemporaryDirectory()
        let server = try await FakeClusterProcess.start(in: directory, ["--namespaces", "3"])
        defer { server.stop() }
        let tree = directory.path + "/mg"
        let result = try await ProcessRunner.run(BuiltProduct.path("gather"), ["--dest-dir", tree],
            environment: server.environment)
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.contains("report: \(tree)/gather-report.html"))
        let page = tree + "/gather-report.html"

        // What the page should hold, read from the tree the way a reader would.
        let operators = try YAMLReader.documents(Array(try Data(contentsOf: URL(fileURLWithPath:
            tree + "/cluster-scoped-resources/config.openshift.io/clusteroperators.yaml"))))[0]["items"]?.arrayValue ?? []
        let degraded = operators.filter { item in
            item[path: "status", "conditions"]?.arrayValue?.contains {
                $0["type"] == "Degraded" && $0["status"] == "True"
            } == true
        }.compactMap { $0[path: "metadata", "name"]?.stringValue }
        let nodes = try FileManager.default.contentsOfDirectory(atPath: tree + "/cluster-scoped-resources/core/nodes")
        let collectors = (try SummaryFile.read(tree)["collectors"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(operators.count > 20 && degraded == ["monitoring"] && nodes.count == 6)
        #expect(collectors == (try DefaultList.names()))

        let dom = try await HeadlessChromium.dom(of: page)
        #expect(rows(of: "operators-table", in: dom).count == operators.count)
        #expect(rows(of: "operators-table", in: dom).first?.contains("<td class=\"bad\">monitoring</td>") == true)
        #expect(dom.contains("Degraded: monitoring"))
        #expect(dom.contains("\(nodes.count) of \(nodes.count) ready"))
        #expect(rows(of: "node-roles-table", in: dom).count == 2)
        let collectorRows = rows(of: "collectors-table", in: dom)
        #expect(collectorRows.count == collectors.count)
        for (row, name) in zip(collectorRows, collectors) {
            #expect(row.hasPrefix("<td>\(name)</td>"), "\(row)")
            // Succeeded, or not applicable: an add-on this cluster does not have.
            #expect(row.contains("<td class=\"good\">succeeded</td>") || row.contains("<td class=\"\">not-applicable</td>"),
                "\(row)")
        }
        let restarting = rows(of: "pods-restarting-table", in: dom)
        #expect(!restarting.isEmpty)
        // The links to logs lead to files of the tree.
        let afterHref = try #require(restarting.first?.components(separatedBy: "href=\"").dropFirst().first)
        let href = String(afterHref.prefix { $0 != "\"" })
        #expect(FileManager.default.fileExists(atPath: tree + "/" + (href.removingPercentEncoding ?? "")), "\(href)")
        #expect(rows(of: "warnings-table", in: dom).contains { $0.contains("BackOff") })

        let png = directory.path + "/page.png"
        try await HeadlessChromium.screenshot(of: page, to: png)
        let image = try PNGPixels([UInt8](try Data(contentsOf: URL(fileURLWithPath: png))))
        #expect(image.width >= 1000 && image.height >= 1000)
        #expect(image.distinctColours > 50, "\(image.distinctColours) colours")
        #expect(image.largestColourShare < 0.9, "\(image.largestColourShare) of the pixels share one colour")
    }

    @Test func reportWritesThePageForAFolderAndRefusesWhatIsNotOne() async throws {
        let directory = try TemporaryDirectory()
        let gather = BuiltProduct.path("gather")
        let environment = ["HOME": directory.path]
        let missing = try await ProcessRunner.run(gather, ["report", directory.path + "/none"], environment: environment)
        #expect(missing.status == 2)
        #expect(missing.standardError.contains("\(directory.path)/none is not a folder"), "\(missing.standardError)")
        try directory.write("empty/readme", "nothing gathered here\n")
        let empty = try await ProcessRunner.run(gather, ["report", directory.path + "/empty"], environment: environment)
        #expect(empty.status == 2)
        #expect(empty.standardError.contains("holds no gathered data"), "\(empty.standardError)")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/empty/gather-report.html"))
        let usage = try await ProcessRunner.run(gather, ["report"], environment: environment)
        #expect(usage.status == 2)

        try directory.write("mg/cluster-scoped-resources/core/nodes/a.yaml",
            "kind: Node\nmetadata: {name: a}\nstatus: {conditions: [{type: Ready, status: \"True\"}]}\n")
        let written = try await ProcessRunner.run(gather, ["report", directory.path + "/mg", "--output",
            directory.path + "/page.html"], environment: environment)
        #expect(written.status == 0, "\(written.standardError)")
        let page = try String(contentsOfFile: directory.path + "/page.html", encoding: .utf8)
        #expect(page.contains("1 of 1 ready"))
    }

    @Test func aPageThatCannotBeWrittenIsAProblemOfTheRunNotAFailure() async throws {
        let directory = try TemporaryDirectory()
        let spec = try directory.write("spec.yaml", "collectors:\n  - name: version\n    kind: version\n")
        // A folder where the page should go: the rename onto it fails.
        try directory.write("mg/gather-report.html/keep", "in the way\n")
        let result = try await ProcessRunner.run(BuiltProduct.path("gather"),
            ["--spec", spec, "--dest-dir", directory.path + "/mg"], environment: ["HOME": directory.path])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.contains("report: not written: cannot write"), "\(result.standardOutput)")
        let collectors = try SummaryFile.read(directory.path + "/mg")["collectors"] as? [[String: Any]] ?? []
        #expect(collectors.map { $0["name"] as? String } == ["version", "report"])
        #expect(collectors.first?["status"] as? String == "succeeded")
        #expect(collectors.last?["status"] as? String == "failed")
        let problems = collectors.last?["problems"] as? [[String: String]] ?? []
        #expect(problems.first?["subject"] == "gather-report.html")
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/mg/gather-report.html.partial"))
    }

    /// The body rows of the table `id` in `html`, each as the markup between `<tr>` and `</tr>`.
    func rows(of id: String, in html: String) -> [String] {
        guard let start = html.range(of: "id=\"\(id)\"") else { return [] }
        let rest = html[start.upperBound...]
        guard let end = rest.range(of: "</table>"), let body = rest[..<end.lowerBound].range(of: "<tbody>") else {
            return []
        }
        return rest[body.upperBound..<end.lowerBound].components(separatedBy: "<tr>").dropFirst()
            .map { $0.components(separatedBy: "</tr>")[0] }
    }
}
