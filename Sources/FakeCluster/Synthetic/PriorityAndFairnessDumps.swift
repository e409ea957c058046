/// What kube-apiserver's `/debug/api_priority_and_fairness/` endpoints print: the priority levels, their queues and
/// the requests waiting, as the comma-aligned tables the API server writes (the stock priority-and-fairness script
/// keeps them under each kube-apiserver pod's folder).
enum PriorityAndFairnessDumps {
    /// The levels of a default cluster, with how many queues each has and how many requests it runs.
    static let levels: [(name: String, queues: Int, executing: Int)] = [
        ("catch-all", 0, 0), ("exempt", 0, 0), ("global-default", 128, 1), ("leader-election", 16, 0),
        ("node-high", 64, 2), ("openshift-control-plane-operators", 128, 3), ("system", 64, 1),
        ("workload-high", 128, 5), ("workload-low", 128, 2),
    ]

    /// The documents by path.
    static var documents: [String: [UInt8]] {
        let prefix = "/debug/api_priority_and_fairness/"
        return [
            prefix + "dump_priority_levels": table(
                ["PriorityLevelName", "ActiveQueues", "IsIdle", "IsQuiescing", "WaitingRequests", "ExecutingRequests"],
                levels.map { [$0.name, "0", $0.executing == 0 ? "true" : "false", "false", "0", "\($0.executing)"] }),
            prefix + "dump_queues": table(
                ["PriorityLevelName", "Index", "PendingRequests", "ExecutingRequests", "VirtualStart"],
                levels.flatMap { level in
                    (0..<min(level.queues, 4)).map { [level.name, "\($0)", "0", "0", "0.0000"] }
                }),
            prefix + "dump_requests": table(
                ["PriorityLevelName", "FlowSchemaName", "QueueIndex", "RequestIndexInQueue", "FlowDistingsher",
                    "ArriveTime"], []),
        ]
    }

    /// Rows padded as Go's tabwriter pads them: each column as wide as its widest cell, cells ending with `,`.
    static func table(_ header: [String], _ rows: [[String]]) -> [UInt8] {
        let all = [header] + rows
        var widths = Array(repeating: 0, count: header.count)
        for row in all {
            for (column, cell) in row.enumerated() { widths[column] = max(widths[column], cell.count + 1) }
        }
        var text = ""
        for row in all {
            let cells = row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : (cell + ",").padding(toLength: widths[column] + 1, withPad: " ",
                    startingAt: 0)
            }
            text += cells.joined() + "\n"
        }
        return Array(text.utf8)
    }
}
