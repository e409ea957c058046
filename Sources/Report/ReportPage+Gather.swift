/// The sections about the gather itself: what each collector did, and what the page could not read.
extension ReportPage {
    static func gatherSection(_ report: ClusterReport) -> Section {
        let heading = "Did the gather get everything?"
        guard let gather = report.gather else {
            return Section(id: "gather", shortName: "Gather", heading: heading, content: """
                <p class="muted">This folder has no gather-summary.json: it was made by another tool (the stock \
                must-gather image writes none), so what it missed is not recorded.</p>

                """)
        }
        var facts: [(String, String)] = [("gather version", gather.toolVersion), ("Started", gather.startedAt),
            ("Ended", gather.endedAt.isEmpty ? "did not finish (killed?)" : gather.endedAt)]
        if let peak = gather.peakResidentBytes { facts.append(("Peak memory", ByteText.format(peak))) }
        if !gather.interrupted.isEmpty { facts.append(("Interrupted", gather.interrupted)) }
        facts += gather.options.map { ($0.name, $0.value) }
        var content = "<dl class=\"facts\">"
            + facts.map { "<dt>\(HTMLText.escape($0.0))</dt><dd>\(HTMLText.escape($0.1))</dd>" }.joined() + "</dl>\n"

        let largest = max(gather.collectors.map(\.bytes).max() ?? 0, 1)
        var table = HTMLTable(id: "collectors-table",
            headings: ["Collector", "Kind", "Status", "Seconds", "Files", "Bytes", "Share of bytes", "Problems", "Why"])
        for collector in gather.collectors {
            table.rows.append([.text(collector.name), .text(collector.kind),
                .text(collector.status, className: statusClass(collector.status)),
                collector.seconds.map { .init(html: String(format: "%.1f", $0), sortKey: String($0), className: "number") }
                    ?? .text(""),
                .number(Int64(collector.files)), .number(collector.bytes, shown: ByteText.format(collector.bytes)),
                .init(html: SVGChart.cellBar(Double(collector.bytes) / Double(largest)), sortKey: String(collector.bytes)),
                .number(Int64(collector.problemCount)), .init(html: HTMLText.clipped(collector.reason, 400), className: "message")])
        }
        content += "<h3>Each collector</h3>\n" + table.html
        let ran = gather.collectors.filter { $0.startOffset != nil }
        if !ran.isEmpty {
            content += "<h3>When each collector ran</h3>\n"
            content += SVGChart.timeline(ran.map { collector in
                let start = collector.startOffset ?? 0
                return SVGChart.Span(label: collector.name, start: start, end: collector.endOffset ?? gather.span,
                    colour: statusColour(collector.status),
                    title: "\(collector.name): \(collector.status), \(String(format: "%.1f", collector.seconds ?? 0)) s")
            }, length: max(gather.span, 1), title: "Collectors on a timeline, in seconds from the start of the run")
            content += "<h3>What each collector wrote</h3>\n"
            content += SVGChart.horizontalBars(gather.collectors.map {
                SVGChart.Bar(label: $0.name, segments: [.init(value: Double($0.bytes), colour: .info,
                    title: "\($0.bytes) bytes in \($0.files) files")], valueText: ByteText.format($0.bytes))
            }, title: "Bytes written by each collector")
        }
        content += problemsAndSkips(gather)
        return Section(id: "gather", shortName: "Gather", heading: heading, content: content)
    }

    /// Every problem, and what was skipped and why.
    private static func problemsAndSkips(_ gather: GatherRecord) -> String {
        var content = ""
        if gather.problems.isEmpty {
            content += allClear("No collector met a problem.")
        } else {
            var problems = HTMLTable(id: "problems-table", headings: ["Collector", "About", "Problem"],
                notListed: gather.problemsNotListed, notListedWhat: "problems (counted in gather-summary.json)")
            for problem in gather.problems {
                problems.rows.append([.text(problem.collector), .text(problem.subject),
                    .init(html: HTMLText.clipped(problem.message, 600), className: "message")])
            }
            content += "<h3>Problems</h3>\n" + problems.html
        }
        let notDone = gather.collectors.filter { !$0.succeeded && !$0.notApplicable && $0.status != "partial" }
        if notDone.isEmpty {
            content += allClear("No collector was skipped or cut short.")
        } else {
            var skipped = HTMLTable(id: "skipped-table", headings: ["Collector", "Status", "Why"])
            for collector in notDone {
                skipped.rows.append([.text(collector.name), .text(collector.status, className: statusClass(collector.status)),
                    .init(html: HTMLText.clipped(collector.reason, 600), className: "message")])
            }
            content += "<h3>Skipped or cut short</h3>\n" + skipped.html
        }
        let notes = gather.collectors.flatMap { collector in collector.notes.map { (collector.name, $0) } }
        if !notes.isEmpty {
            var table = HTMLTable(id: "notes-table", headings: ["Collector", "Note"])
            for (collector, note) in notes { table.rows.append([.text(collector), .text(note)]) }
            content += "<h3>Left out on purpose, or not served by the cluster</h3>\n" + table.html
        }
        return content
    }

    static func unreadableSection(_ report: ClusterReport) -> Section {
        Section(id: "unreadable", shortName: "Not read", heading: "What this page could not read",
            content: "<ul>" + report.unreadable.map { "<li>\(HTMLText.escape($0))</li>" }.joined() + "</ul>\n")
    }

    private static func statusClass(_ status: String) -> String {
        switch status {
        case "succeeded": "good"
        case "not-applicable": ""
        case "partial", "skipped", "pending", "running": "warning"
        default: "bad"
        }
    }

    private static func statusColour(_ status: String) -> SVGChart.Colour {
        switch status {
        case "succeeded": .good
        case "partial": .warning
        case "skipped", "pending", "running", "not-applicable": .neutral
        default: .bad
        }
    }
}
