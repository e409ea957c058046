import Foundation
import Synchronization

/// Every request the fake cluster answered: what tests and benchmarks read to know what a client did.
final class RequestLog: Sendable {
    /// One answered request.
    struct Entry: Sendable {
        let method: String
        /// Path and query, as requested.
        let target: String
        let status: Int
        /// Body bytes sent.
        let bytes: Int
        let duration: Duration
    }

    private let entries = Mutex<[Entry]>([])
    private let file: FileHandle?
    /// Whether a request has been answered, and who waits for the first.
    private let first = Mutex<(answered: Bool, waiting: [CheckedContinuation<Void, Never>])>((false, []))

    /// A log kept in memory, and appended to `path` as tab-separated lines when given.
    init(path: String? = nil) {
        if let path {
            FileManager.default.createFile(atPath: path, contents: nil)
            file = FileHandle(forWritingAtPath: path)
        } else {
            file = nil
        }
    }

    func record(_ entry: Entry) {
        entries.withLock { $0.append(entry) }
        let waiting = first.withLock { first in
            defer { first = (true, []) }
            return first.waiting
        }
        for waiter in waiting { waiter.resume() }
        if let file {
            let millis = Double(entry.duration.components.attoseconds) / 1e15 + Double(entry.duration.components.seconds) * 1000
            let line = "\(entry.method)\t\(entry.target)\t\(entry.status)\t\(entry.bytes)\t\(String(format: "%.3f", millis))\n"
            file.write(Data(line.utf8))
        }
    }

    /// Marks an event that is not a request (an outage beginning or ending) in the file, in its order among the
    /// requests: a line whose method is `OUTAGE`, with `text` for its target.
    func note(_ text: String) {
        file?.write(Data("OUTAGE\t\(text)\t0\t0\t0.000\n".utf8))
    }

    /// Returns once the first request has been answered.
    func waitForFirstRequest() async {
        await withCheckedContinuation { continuation in
            let answered = first.withLock { first in
                if !first.answered { first.waiting.append(continuation) }
                return first.answered
            }
            if answered { continuation.resume() }
        }
    }

    /// The entries so far.
    var all: [Entry] { entries.withLock { $0 } }
}
