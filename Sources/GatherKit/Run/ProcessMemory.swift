import Foundation

/// This process's memory, as Linux reports it in `/proc/self/status`.
enum ProcessMemory {
    /// The peak resident set size so far (`VmHWM`), in bytes; nil where `/proc` does not say.
    static func peakResidentBytes() -> Int64? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int64(line.filter(\.isNumber)).map { $0 * 1024 }
        }
        return nil
    }
}
