import Foundation
import JSONCoding
import KubeClient

/// The journal's short-precise time: `Nov 25 10:00:00.123456` (UTC).
enum JournalTime {
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Parses the time at the start of a short-precise line (`Aug 03 09:17:42.077259 host ...`) in `year` (UTC).
    static func parse(_ line: Substring, year: Int) -> Date? {
        let fields = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
        guard fields.count >= 3, let month = months.firstIndex(of: String(fields[0])), let day = Int(fields[1]) else {
            return nil
        }
        let month2 = String(month + 1).leftPadded(to: 2)
        let day2 = String(day).leftPadded(to: 2)
        return RFC3339.parse("\(year)-\(month2)-\(day2)T\(fields[2])Z")
    }

    static func format(_ date: Date) -> String {
        let seconds = floor(date.timeIntervalSince1970)
        let micros = Int((date.timeIntervalSince1970 - seconds) * 1e6)
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return months[Int(parts.tm_mon)] + String(format: " %02d %02d:%02d:%02d.%06d", Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), micros)
    }
}
