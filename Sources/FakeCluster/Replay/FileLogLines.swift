import Foundation
import Synchronization

/// The lines of a log file on the serving machine, read and parsed on first use (a replayed cluster has thousands of
/// logs; most are never asked for).
final class FileLogLines: LogLines, Sendable {
    private let path: String
    private let parsed = Mutex<TimestampedTextLines?>(nil)

    init(path: String) { self.path = path }

    private var lines: TimestampedTextLines {
        parsed.withLock { cached in
            if let cached { return cached }
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            let lines = TimestampedTextLines(text: text)
            cached = lines
            return lines
        }
    }

    var count: Int { lines.count }
    func line(at index: Int) -> (time: Date, text: Substring) { lines.line(at: index) }
    func appendLine(at index: Int, timestamps: Bool, to buffer: inout [UInt8], using writer: inout TimestampWriter) {
        lines.appendLine(at: index, timestamps: timestamps, to: &buffer, using: &writer)
    }
}
