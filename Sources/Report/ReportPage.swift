/// `gather-report.html`: the page a support engineer opens first. The cluster at a glance (version, nodes,
/// operators, pods, warnings, etcd) and what the gather got and missed, in one self-contained file: styles, script and
/// charts inline, nothing fetched, so it opens from an unpacked archive on a desk with no network.
///
/// Every string from the cluster is escaped (``HTMLText``); every list is capped and says how much it left out, so
/// the page of a large cluster stays small.
enum ReportPage {
    /// The page's name, at the root of the gathered folder.
    static let fileName = "gather-report.html"

    /// The whole page.
    static func html(_ report: ClusterReport) -> String {
        var sections = [clusterSection(report), operatorsSection(report), nodesSection(report), podsSection(report),
            warningsSection(report)]
        if report.etcd != nil { sections.append(etcdSection(report)) }
        sections.append(gatherSection(report))
        if !report.unreadable.isEmpty { sections.append(unreadableSection(report)) }
        let title = "Must-gather report: " + report.title
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLText.escape(title))</title>
            <style>
            \(ReportStyle.css)
            </style>
            </head>
            <body>
            <header><h1>\(HTMLText.escape(title))</h1><p>\(HTMLText.escape(headline(report)))</p></header>
            <nav>\(sections.map { "<a href=\"#\($0.id)\">\(HTMLText.escape($0.shortName))</a>" }.joined())</nav>
            <main>
            \(cards(report))
            \(sections.map(\.html).joined(separator: "\n"))
            </main>
            <script>
            \(ReportStyle.script)
            </script>
            </body>
            </html>

            """
    }

    /// One section: its anchor, its name in the navigation bar, and its markup.
    struct Section {
        var id: String
        var shortName: String
        var html: String

        init(id: String, shortName: String, heading: String, content: String) {
            self.id = id
            self.shortName = shortName
            html = "<section id=\"\(id)\"><h2>\(HTMLText.escape(heading))</h2>\n\(content)</section>\n"
        }
    }

    /// The line under the title: version, platform, when.
    static func headline(_ report: ClusterReport) -> String {
        var parts: [String] = []
        if let version = report.identity.version {
            parts.append("OpenShift \(version)")
        } else if let seen = report.gather?.clusterVersion, !seen.isEmpty {
            parts.append(seen)
        }
        if let platform = report.identity.platform { parts.append("on \(platform)") }
        if !report.gatheredAt.isEmpty { parts.append("gathered \(report.gatheredAt)") }
        return parts.isEmpty ? "A gathered folder" : parts.joined(separator: " · ")
    }

    /// The cards at the top: one figure per question, coloured by how it looks.
    static func cards(_ report: ClusterReport) -> String {
        var cards: [String] = []
        func card(_ state: String, _ heading: String, _ figure: String, _ detail: String, _ anchor: String) {
            cards.append("<a class=\"card\(state.isEmpty ? "" : " card-" + state)\" href=\"#\(anchor)\">"
                + "<div class=\"muted\">\(HTMLText.escape(heading))</div><div class=\"figure\">\(HTMLText.escape(figure))</div>"
                + "<div>\(HTMLText.escape(detail))</div></a>")
        }
        let operators = report.operators
        if operators.operators.isEmpty {
            card("", "Cluster operators", "–", "none gathered", "operators")
        } else {
            let state = !operators.degraded.isEmpty || !operators.unavailable.isEmpty ? "bad"
                : operators.progressing.isEmpty ? "good" : "warning"
            card(state, "Cluster operators", "\(operators.degraded.count) degraded",
                "of \(operators.operators.count + operators.notListed); \(operators.unavailable.count) not available, "
                    + "\(operators.progressing.count) progressing", "operators")
        }
        let nodes = report.nodes
        let ready = nodes.byRole.reduce(0) { $0 + $1.ready }
        card(nodes.total == 0 ? "" : ready == nodes.total ? "good" : "bad", "Nodes", "\(ready) of \(nodes.total) ready",
            nodes.byRole.map { "\($0.ready + $0.notReady) \($0.roles)" }.joined(separator: " · "), "nodes")
        let pods = report.pods
        let notRunning = pods.notRunning.count + pods.notRunningNotListed
        card(pods.total == 0 ? "" : notRunning == 0 ? "good" : "warning", "Pods", "\(notRunning) not running",
            "of \(pods.total); most restarts: \(pods.mostRestarts.first?.restarts ?? 0)", "pods")
        card(report.warnings.total == 0 ? "good" : "warning", "Warning events", "\(report.warnings.total)",
            "in \(report.warnings.groupCount) groups of one reason about one object", "warnings")
        if let gather = report.gather {
            let succeeded = gather.collectors.filter(\.succeeded).count
            let applicable = gather.collectors.filter { !$0.notApplicable }.count
            card(succeeded == applicable && gather.problems.isEmpty ? "good" : "warning",
                "Collectors of this gather", "\(succeeded) of \(applicable) succeeded",
                "\(gather.problems.count + gather.problemsNotListed) problems; "
                    + "\(gather.collectors.count - applicable) not applicable here", "gather")
        } else {
            card("", "This gather", "no summary", "made without gather-summary.json", "gather")
        }
        return "<div class=\"cards\">\(cards.joined())</div>"
    }

    /// A sentence for a part of the tree that is not there.
    static func missing(_ sentence: String) -> String { "<p class=\"muted\">\(HTMLText.escape(sentence))</p>\n" }

    /// A sentence for an empty list, in the colour of good news.
    static func allClear(_ sentence: String) -> String { "<p class=\"ok-line\">\(HTMLText.escape(sentence))</p>\n" }

    /// The class of a condition's status cell: `True` is `good` or `bad` as the condition means, `Unknown` a warning.
    static func conditionClass(_ status: String, trueIsGood: Bool) -> String {
        switch status {
        case "True": trueIsGood ? "good" : "bad"
        case "False": trueIsGood ? "bad" : "good"
        default: "warning"
        }
    }
}
