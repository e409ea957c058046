import Foundation

/// Go's `Time.String()` of the present in UTC, with the monotonic reading: `2024-05-01 10:20:30.123456789 +0000 UTC
/// m=+0.041000000`.
enum GoTimeText {
    static func now(monotonicSince start: ContinuousClock.Instant) -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = spec.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let elapsed = ContinuousClock.now - start
        let monotonic = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d.%09ld +0000 UTC m=+%.9f", parts.tm_year + 1900,
            parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec, spec.tv_nsec, monotonic)
    }
}
