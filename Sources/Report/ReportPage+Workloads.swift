/// The sections about what runs on the cluster: pods in trouble, warning events.
extension ReportPage {
    static func podsSection(_ report: ClusterReport) -> Section {
        let pods = report.pods
        let section = {
            Section(id: "pods", shortName: "Pods", heading: "Which pods are not running, and which restart most?", content: $0)
        }
        guard pods.total > 0 else {
            return section(missing("No pods were gathered."))
        }
        var content = "<p>\(pods.total) pods gathered.</p>\n"
        if pods.notRunning.isEmpty {
            content += allClear("Every pod is running or completed.")
        } else {
            var table = HTMLTable(id: "pods-not-running-table",
                headings: ["Namespace", "Pod", "Status", "Restarts", "Node", "Logs"],
                notListed: pods.notRunningNotListed, notListedWhat: "pods not running")
            for pod in pods.notRunning {
                table.rows.append([.text(pod.namespace), .text(pod.name), .text(pod.status, className: "bad"),
                    .number(Int64(pod.restarts)), .text(pod.node), logsCell(pod.logs)])
            }
            content += "<h3>Pods not running</h3>\n" + table.html
        }
        if pods.mostRestarts.isEmpty {
            content += allClear("No container has restarted.")
        } else {
            var table = HTMLTable(id: "pods-restarting-table",
                headings: ["Namespace", "Pod", "Restarts", "Status", "Node", "Logs"])
            for pod in pods.mostRestarts {
                table.rows.append([.text(pod.namespace), .text(pod.name), .number(Int64(pod.restarts)),
                    .text(pod.status), .text(pod.node), logsCell(pod.logs)])
            }
            content += "<h3>The \(pods.mostRestarts.count) pods restarting most</h3>\n" + table.html
        }
        return section(content)
    }

    /// Links to a pod's container logs, relative to the page.
    private static func logsCell(_ links: [LogLink]) -> HTMLTable.Cell {
        guard !links.isEmpty else { return .text("not gathered", className: "muted") }
        return .init(html: links.map { "<a href=\"\(HTMLText.escape($0.href))\">\(HTMLText.escape($0.label))</a>" }
            .joined(separator: " · "), sortKey: String(links.count))
    }

    static func warningsSection(_ report: ClusterReport) -> Section {
        let warnings = report.warnings
        let section = { Section(id: "warnings", shortName: "Warnings", heading: "What do the warning events say?", content: $0) }
        guard warnings.total > 0 else {
            return section(allClear("No warning events were gathered."))
        }
        var content = "<p>\(warnings.total) warnings, in \(warnings.groupCount) groups of one reason about one object."
        if warnings.ungrouped > 0 { content += " \(warnings.ungrouped) more were counted but not grouped." }
        content += "</p>\n<h3>The most frequent reasons</h3>\n"
        content += SVGChart.horizontalBars(warnings.reasons.map {
            SVGChart.Bar(label: $0.reason, segments: [.init(value: Double($0.count), colour: .warning,
                title: "\($0.count) \($0.reason)")], valueText: String($0.count))
        }, title: "Warning events by reason")
        var table = HTMLTable(id: "warnings-table",
            headings: ["Reason", "Namespace", "Object", "Count", "Last seen", "Latest message"],
            notListed: warnings.groupCount - warnings.groups.count, notListedWhat: "smaller groups")
        for group in warnings.groups {
            table.rows.append([.text(group.reason, className: "warning"), .text(group.namespace), .text(group.object),
                .number(Int64(group.count)), .text(group.lastSeen, className: "time"),
                .init(html: HTMLText.clipped(group.message, 600), className: "message")])
        }
        content += "<h3>Warnings by reason and object, the most frequent first</h3>\n" + table.html
        return section(content)
    }
}
