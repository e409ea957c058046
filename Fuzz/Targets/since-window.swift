import Foundation
import GatherKit

/// Arbitrary text as `--since` and `--since-time`: a window or a clean error, and a parsed duration that formats and
/// parses back to the same whole seconds.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSinceWindow(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let duration = GoDuration.parse(text) {
        let formatted = GoDuration.format(duration)
        guard let again = GoDuration.parse(formatted) else { fatalError("\(formatted) from \(text) does not parse") }
        // The format keeps whole seconds, as Go's does for durations of a second or more.
        guard again.components.seconds == duration.components.seconds else {
            fatalError("\(text) formats as \(formatted), which reads back \(again)")
        }
    }
    for (since, sinceTime) in [(text, nil), (nil, text)] as [(String?, String?)] {
        if let window = try? SinceWindow.resolve(since: since, sinceTime: sinceTime, environment: [:]) {
            _ = window.podLogQuery
            _ = window.journalSince()
            _ = window.cutoff(from: Date(timeIntervalSince1970: 1_700_000_000))
            _ = window.description
        }
    }
    return 0
}
