import Foundation
import JSONCoding

/// The logs a synthetic cluster makes up: container logs, journal units and audit logs, sized in bytes.
extension EvenlySpacedLines {
    /// A container log of about `bytes` bytes (rendered with timestamps), one line every `interval`.
    static func containerLog(bytes: Int, end: Date, interval: TimeInterval = 2, prefix: String, lineLength: Int = 120)
        -> EvenlySpacedLines
    {
        let payload = max(lineLength - 31 - prefix.utf8.count - 12, 0)
        let head = Array((prefix + " line ").utf8)
        let padding = Array((" " + String(repeating: "abcdefghij", count: payload / 10 + 1).prefix(payload)).utf8)
        return EvenlySpacedLines(count: max(bytes / lineLength, bytes > 0 ? 1 : 0), end: end, interval: interval) {
            index, _, buffer, _ in
            buffer.append(contentsOf: head)
            appendDecimal(index, to: &buffer)
            buffer.append(contentsOf: padding)
        }
    }

    /// A journal unit in `journalctl --output=short-precise` form: `Nov 25 10:00:00.123456 host unit[pid]: text`.
    static func journal(bytes: Int, end: Date, host: String, unit: String) -> EvenlySpacedLines {
        let middle = Array(" \(host) \(unit)[\(1000 + unit.count)]: \(unit) message ".utf8)
        let tail = Array(" on \(host)".utf8)
        return EvenlySpacedLines(count: max(bytes / 110, 1), end: end, interval: 0.5) { index, time, buffer, writer in
            writer.appendJournal(time, to: &buffer)
            buffer.append(contentsOf: middle)
            appendDecimal(index, to: &buffer)
            buffer.append(contentsOf: tail)
        }
    }

    /// Audit events, one JSON object a line, as the API servers write them.
    static func audit(bytes: Int, end: Date, node: String, server: String) -> EvenlySpacedLines {
        let head = Array(#"{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"\#(server)-\#(node)-"#.utf8)
        let middle = Array(#"","stage":"ResponseComplete","requestURI":"/api/v1/namespaces/default/pods?limit=500","verb":"list","user":{"username":"system:admin"},"responseStatus":{"code":200},"requestReceivedTimestamp":""#.utf8)
        let stage = Array(#"","stageTimestamp":""#.utf8)
        return EvenlySpacedLines(count: max(bytes / 330, 1), end: end, interval: 0.05) { index, time, buffer, writer in
            buffer.append(contentsOf: head)
            appendDecimal(index, to: &buffer)
            buffer.append(contentsOf: middle)
            writer.appendRFC3339(time, to: &buffer)
            buffer.append(contentsOf: stage)
            writer.appendRFC3339(time, to: &buffer)
            buffer.append(contentsOf: #""}"#.utf8)
        }
    }

    /// Appends the decimal digits of a non-negative `value`.
    static func appendDecimal(_ value: Int, to buffer: inout [UInt8]) {
        if value >= 10 { appendDecimal(value / 10, to: &buffer) }
        buffer.append(UInt8(ascii: "0") + UInt8(value % 10))
    }
}
