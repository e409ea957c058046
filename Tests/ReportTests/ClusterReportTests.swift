import Foundation
import TestSupport
import Testing

@testable import Report

/// The report's model, read from small trees: what each section finds, and what it tolerates.
struct ClusterReportTests {
    @Test func readsEverySectionOfASmallCluster() throws {
        let directory = try TemporaryDirectory()
        try SmallCluster.write(into: directory)
        let report = try ClusterReport.read(directory.path)

        #expect(report.identity.version == "4.16.3")
        #expect(report.identity.channel == "stable-4.16")
        #expect(report.identity.platform == "BareMetal")
        #expect(report.identity.lastUpdate == "Completed to 4.16.3")

        #expect(report.operators.operators.map(\.name) == ["ingress", "monitoring", "etcd"])
        #expect(report.operators.degraded.map(\.name) == ["monitoring"])
        #expect(report.operators.unavailable.map(\.name) == ["ingress"])
        #expect(report.operators.operators[1].message == "Degraded: Prometheus is down")
        #expect(report.operators.operators[2].version == "4.16.3")

        #expect(report.nodes.total == 3)
        #expect(report.nodes.byRole == [.init(roles: "master", ready: 1, notReady: 0),
            .init(roles: "worker", ready: 1, notReady: 1)])
        #expect(report.nodes.notReady.map(\.name) == ["worker-1"])
        #expect(report.nodes.notReady[0].troubles.map(\.type) == ["DiskPressure", "Ready"])

        #expect(report.pods.total == 3)
        #expect(report.pods.notRunning.map(\.name) == ["cart-1"])
        #expect(report.pods.notRunning[0].status == "CrashLoopBackOff")
        #expect(report.pods.mostRestarts.map(\.name) == ["cart-1", "web-1"])
        #expect(report.pods.mostRestarts[0].logs == [
            LogLink(label: "main", href: "namespaces/shop/pods/cart-1/main/main/logs/current.log"),
            LogLink(label: "main (previous)", href: "namespaces/shop/pods/cart-1/main/main/logs/previous.log"),
        ])
        #expect(report.pods.mostRestarts[1].logs.isEmpty)

        #expect(report.warnings.total == 37)
        #expect(report.warnings.groups.map(\.count) == [35, 2])
        #expect(report.warnings.groups[0].object == "pod/cart-1")
        #expect(report.warnings.groups[0].message == "Back-off again")
        #expect(report.warnings.reasons == [.init(reason: "BackOff", count: 35), .init(reason: "FailedMount", count: 2)])

        #expect(report.etcd?.alarms == ["NOSPACE on member 13518803987065864191"])
        #expect(report.etcd?.endpoints.map(\.healthy) == [true, false])

        let gather = try #require(report.gather)
        #expect(gather.collectors.map(\.status) == ["succeeded", "partial", "skipped"])
        #expect(gather.collectors[1].startOffset == 1)
        #expect(gather.collectors[1].endOffset == 41)
        #expect(gather.problems == [.init(collector: "inspect", subject: "pods/cart-1", message: "log stream ended early")])
        #expect(gather.problemsNotListed == 7)
        #expect(gather.collectors[2].reason == "the run's deadline passed before it started")
        #expect(report.gatheredAt == "2024-01-01T12:00:00Z")
        #expect(report.unreadable.isEmpty)
    }

    @Test func readsTheStockLayoutInsideItsImageFolderAndLinksThroughIt() throws {
        let directory = try TemporaryDirectory()
        try SmallCluster.write(into: directory, prefix: "quay-io-example-sha256-0123/")
        try directory.write("timestamp", "2024-01-01 12:00:00\n")
        let report = try ClusterReport.read(directory.path)
        #expect(report.operators.operators.count == 3)
        #expect(report.pods.mostRestarts[0].logs.first?.href
            == "quay-io-example-sha256-0123/namespaces/shop/pods/cart-1/main/main/logs/current.log")
    }

    @Test func toleratesATreeWithOnlySomeOfItsParts() throws {
        let directory = try TemporaryDirectory()
        try directory.write("namespaces/a/core/pods.yaml", "kind: PodList\nitems:\n"
            + SmallCluster.pod("p", namespace: "a", waiting: "ImagePullBackOff"))
        try directory.write("namespaces/b/core/events.yaml", "items:\n- [this is: not, an: event\n")
        let report = try ClusterReport.read(directory.path)
        #expect(report.operators.operators.isEmpty)
        #expect(report.nodes.total == 0)
        #expect(report.identity == ClusterIdentity())
        #expect(report.etcd == nil)
        #expect(report.gather == nil)
        #expect(report.pods.notRunning.map(\.status) == ["ImagePullBackOff"])
        #expect(report.unreadable.count == 1)
        #expect(report.unreadable.first?.hasPrefix("namespaces/b/core/events.yaml: invalid YAML") == true)
        let page = ReportPage.html(report)
        #expect(page.contains("No cluster operators were gathered"))
        #expect(page.contains("What this page could not read"))
    }

    @Test func refusesAPathThatIsNotAGatheredFolder() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: ReportError.notAFolder(directory.path + "/missing")) {
            try ClusterReport.read(directory.path + "/missing")
        }
        try directory.write("notes.txt", "hello\n")
        #expect(throws: ReportError.noGatheredData(directory.path)) { try ClusterReport.read(directory.path) }
        #expect(throws: ReportError.notAFolder(directory.path + "/notes.txt")) {
            try ClusterReport.read(directory.path + "/notes.txt")
        }
    }

    @Test func capsLongListsAndSaysHowManyWereLeftOut() throws {
        let directory = try TemporaryDirectory()
        var pods = "kind: PodList\nitems:\n"
        for index in 0..<(PodTroubles.maximumNotRunning + 50) {
            pods += SmallCluster.pod("p-\(index)", namespace: "crowd", waiting: "ErrImagePull", restarts: index)
        }
        try directory.write("namespaces/crowd/core/pods.yaml", pods)
        let report = try ClusterReport.read(directory.path)
        #expect(report.pods.total == PodTroubles.maximumNotRunning + 50)
        #expect(report.pods.notRunning.count == PodTroubles.maximumNotRunning)
        #expect(report.pods.notRunningNotListed == 50)
        #expect(report.pods.mostRestarts.count == PodTroubles.maximumRestarting)
        #expect(report.pods.mostRestarts.first?.restarts == PodTroubles.maximumNotRunning + 49)
        let page = ReportPage.html(report)
        #expect(page.contains("50 more pods not running are not listed here."))
    }
}
