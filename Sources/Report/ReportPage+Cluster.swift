/// The sections about the cluster itself: which it is, its operators, its nodes.
extension ReportPage {
    static func clusterSection(_ report: ClusterReport) -> Section {
        let identity = report.identity
        var facts: [(String, String?)] = [
            ("Version", identity.version), ("Update channel", identity.channel), ("Platform", identity.platform),
            ("Infrastructure name", identity.infrastructureName),
            ("Control plane topology", identity.controlPlaneTopology), ("Cluster ID", identity.clusterID),
            ("Last update", identity.lastUpdate),
            ("Version seen by the gather", report.gather.map(\.clusterVersion).flatMap { $0.isEmpty ? nil : $0 }),
            ("Gathered", report.gatheredAt.isEmpty ? nil : report.gatheredAt),
        ]
        facts = facts.filter { $0.1 != nil }
        var content = facts.isEmpty
            ? "<p class=\"muted\">No ClusterVersion or Infrastructure was gathered.</p>\n"
            : "<dl class=\"facts\">" + facts.map { "<dt>\(HTMLText.escape($0.0))</dt><dd>\(HTMLText.escape($0.1!))</dd>" }
                .joined() + "</dl>\n"
        for warning in identity.versionWarnings {
            content += "<p class=\"warning\">\(HTMLText.clipped(warning))</p>\n"
        }
        return Section(id: "cluster", shortName: "Cluster", heading: "Which cluster is this?", content: content)
    }

    static func operatorsSection(_ report: ClusterReport) -> Section {
        let status = report.operators
        let section = { Section(id: "operators", shortName: "Operators", heading: "Are the cluster operators healthy?", content: $0) }
        guard !status.operators.isEmpty else {
            return section(missing("No cluster operators were gathered (not OpenShift, or not collected)."))
        }
        var content = ""
        let degraded = status.degraded.map(\.name)
        content += degraded.isEmpty ? allClear("No cluster operator is degraded.")
            : "<p class=\"bad\">Degraded: \(HTMLText.escape(degraded.joined(separator: ", ")))</p>\n"
        let unavailable = status.unavailable.map(\.name)
        if !unavailable.isEmpty {
            content += "<p class=\"bad\">Not available: \(HTMLText.escape(unavailable.joined(separator: ", ")))</p>\n"
        }
        let progressing = status.progressing.map(\.name)
        if !progressing.isEmpty {
            content += "<p class=\"warning\">Progressing: \(HTMLText.escape(progressing.joined(separator: ", ")))</p>\n"
        }
        let total = status.operators.count
        let healthy = status.operators.filter { !$0.needsAttention }.count
        content += SVGChart.horizontalBars([
            .init(label: "Available", segments: [.init(value: Double(total - unavailable.count), colour: .good, title: "available")],
                valueText: "\(total - unavailable.count) of \(total)"),
            .init(label: "Healthy and settled", segments: [.init(value: Double(healthy), colour: .good, title: "healthy")],
                valueText: "\(healthy)"),
            .init(label: "Progressing", segments: [.init(value: Double(progressing.count), colour: .warning, title: "progressing")],
                valueText: "\(progressing.count)"),
            .init(label: "Degraded", segments: [.init(value: Double(degraded.count), colour: .bad, title: "degraded")],
                valueText: "\(degraded.count)"),
            .init(label: "Not available", segments: [.init(value: Double(unavailable.count), colour: .bad, title: "not available")],
                valueText: "\(unavailable.count)"),
        ], title: "Cluster operators by state")
        var table = HTMLTable(id: "operators-table",
            headings: ["Operator", "Available", "Progressing", "Degraded", "Version", "Message"],
            notListed: status.notListed, notListedWhat: "cluster operators")
        for entry in status.operators {
            table.rows.append([
                .text(entry.name, className: entry.needsAttention ? "bad" : nil),
                .text(entry.available, className: conditionClass(entry.available, trueIsGood: true)),
                .text(entry.progressing, className: entry.progressing == "True" ? "warning" : nil),
                .text(entry.degraded, className: conditionClass(entry.degraded, trueIsGood: false)),
                .text(entry.version),
                .init(html: HTMLText.clipped(entry.message), className: "message"),
            ])
        }
        content += "<h3>All \(total) cluster operators, those needing attention first</h3>\n" + table.html
        return section(content)
    }

    static func nodesSection(_ report: ClusterReport) -> Section {
        let nodes = report.nodes
        let section = { Section(id: "nodes", shortName: "Nodes", heading: "Are the nodes ready?", content: $0) }
        guard nodes.total > 0 else {
            return section(missing("No nodes were gathered."))
        }
        var content = "<p>\(nodes.total) nodes. Ready and not ready, by role:</p>\n"
        content += "<p class=\"legend\"><span><i style=\"background:\(SVGChart.Colour.good.rawValue)\"></i>ready</span>"
            + "<span><i style=\"background:\(SVGChart.Colour.bad.rawValue)\"></i>not ready</span></p>\n"
        content += SVGChart.horizontalBars(nodes.byRole.map { role in
            SVGChart.Bar(label: role.roles, segments: [
                .init(value: Double(role.ready), colour: .good, title: "\(role.ready) ready"),
                .init(value: Double(role.notReady), colour: .bad, title: "\(role.notReady) not ready"),
            ], valueText: "\(role.ready) ready" + (role.notReady > 0 ? ", \(role.notReady) not" : ""))
        }, title: "Nodes by role and readiness")
        var roles = HTMLTable(id: "node-roles-table", headings: ["Roles", "Ready", "Not ready"])
        for role in nodes.byRole {
            roles.rows.append([.text(role.roles), .number(Int64(role.ready)),
                .init(html: String(role.notReady), sortKey: String(role.notReady),
                    className: role.notReady > 0 ? "number bad" : "number")])
        }
        content += roles.html
        if nodes.notReady.isEmpty {
            content += allClear("All \(nodes.total) nodes are ready and schedulable.")
        } else {
            var table = HTMLTable(id: "nodes-not-ready-table",
                headings: ["Node", "Roles", "Ready", "Schedulable", "Kubelet", "Conditions"],
                notListed: nodes.notReadyNotListed, notListedWhat: "nodes")
            for node in nodes.notReady {
                let conditions = node.troubles.map { "\($0.type)=\($0.status) \($0.reason): \($0.message)" }
                table.rows.append([.text(node.name), .text(node.roles),
                    .text(node.ready ? "Ready" : "NotReady", className: node.ready ? "good" : "bad"),
                    .text(node.unschedulable ? "cordoned" : "yes", className: node.unschedulable ? "warning" : nil),
                    .text(node.kubeletVersion),
                    .init(html: HTMLText.clipped(conditions.joined(separator: "\n")), className: "message")])
            }
            content += "<h3>Nodes not ready or cordoned</h3>\n" + table.html
        }
        return section(content)
    }
}
