import Foundation

/// The logs a synthetic cluster makes up: container logs, journal units and audit logs, sized in bytes.
extension EvenlySpacedLines {
    /// A container log of about `bytes` bytes (rendered with timestamps), one line every `interval`.
    static func containerLog(bytes: Int, end: Date, interval: TimeInterval = 2, prefix: String, lineLength: Int = 120)
        -> EvenlySpacedLines
    {
        let payload = max(lineLength - 31 - prefix.utf8.count - 12, 0)
        let padding = String(String(repeating: "abcdefghij", count: payload / 10 + 1).prefix(payload))
        return EvenlySpacedLines(count: max(bytes / lineLength, bytes > 0 ? 1 : 0), end: end, interval: interval) {
            index, _ in "\(prefix) line \(index) \(padding)"
        }
    }

    /// A journal unit in `journalctl --output=short-precise` form: `Nov 25 10:00:00.123456 host unit[pid]: text`.
    static func journal(bytes: Int, end: Date, host: String, unit: String) -> EvenlySpacedLines {
        EvenlySpacedLines(count: max(bytes / 110, 1), end: end, interval: 0.5) { index, time in
            "\(JournalTime.format(time)) \(host) \(unit)[\(1000 + unit.count)]: \(unit) message \(index) on \(host)"
        }
    }

    /// Audit events, one JSON object a line, as the API servers write them.
    static func audit(bytes: Int, end: Date, node: String, server: String) -> EvenlySpacedLines {
        EvenlySpacedLines(count: max(bytes / 330, 1), end: end, interval: 0.05) { index, time in
            let stamp = RFC3339.format(time)
            return #"{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"\#(server)-\#(node)-\#(index)","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/default/pods?limit=500","verb":"list","user":{"username":"system:admin"},"responseStatus":{"code":200},"requestReceivedTimestamp":"\#(stamp)","stageTimestamp":"\#(stamp)"}"#
        }
    }
}
