import Foundation
import GatherKit

/// Arbitrary text as `MUST_GATHER_SINCE` and `MUST_GATHER_SINCE_TIME`: a window or a clean error, and a parsed
/// duration that formats and parses back to the same whole seconds. The window is then written in each API's syntax.
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
    for variable in ["MUST_GATHER_SINCE", "MUST_GATHER_SINCE_TIME"] {
        if let window = try? SinceWindow.resolve(since: nil, sinceTime: nil, environment: [variable: text]) {
            _ = window.podLogQuery
            _ = window.journalSince()
            _ = window.cutoff(from: Date(timeIntervalSince1970: 1_700_000_000))
            _ = window.description
        }
    }
    return 0
}
