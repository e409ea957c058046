/// The section about etcd, from `etcd_info/` when the gather ran etcdctl.
extension ReportPage {
    static func etcdSection(_ report: ClusterReport) -> Section {
        guard let etcd = report.etcd else {
            return Section(id: "etcd", shortName: "etcd", heading: "Is etcd healthy?", content: "")
        }
        var content = ""
        if etcd.alarmsGathered {
            content += etcd.alarms.isEmpty ? allClear("No etcd alarm is raised.")
                : "<p class=\"bad\">Alarms: \(HTMLText.escape(etcd.alarms.joined(separator: "; ")))</p>\n"
        } else {
            content += "<p class=\"muted\">The alarm list was not gathered.</p>\n"
        }
        if !etcd.members.isEmpty {
            content += "<h3>\(etcd.members.count) members</h3>\n<ul>"
                + etcd.members.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>\n"
        }
        if !etcd.endpoints.isEmpty {
            let unhealthy = etcd.endpoints.filter { !$0.healthy }.count
            content += "<h3>Endpoint health: \(etcd.endpoints.count - unhealthy) of \(etcd.endpoints.count) healthy</h3>\n"
            var table = HTMLTable(id: "etcd-health-table", headings: ["Endpoint", "Healthy", "Took", "Error"])
            for endpoint in etcd.endpoints {
                table.rows.append([.text(endpoint.endpoint),
                    .text(endpoint.healthy ? "yes" : "no", className: endpoint.healthy ? "good" : "bad"),
                    .text(endpoint.took), .init(html: HTMLText.clipped(endpoint.error, 400), className: "message")])
            }
            content += table.html
        }
        if !etcd.statuses.isEmpty {
            var table = HTMLTable(id: "etcd-status-table",
                headings: ["Endpoint", "Version", "Database size", "In use", "Leader"])
            for status in etcd.statuses {
                table.rows.append([.text(status.endpoint), .text(status.version),
                    status.databaseBytes.map { .number($0, shown: ByteText.format($0)) } ?? .text(""),
                    status.databaseBytesInUse.map { .number($0, shown: ByteText.format($0)) } ?? .text(""),
                    .text(status.isLeader ? "leader" : "")])
            }
            content += "<h3>Endpoint status</h3>\n" + table.html
        }
        return Section(id: "etcd", shortName: "etcd", heading: "Is etcd healthy?", content: content)
    }
}
