import Foundation
import JSONCoding

/// Appends times to byte buffers quickly: the calendar part is computed once per second and reused, the fraction is
/// written digit by digit. Streaming logs formats millions of timestamps; `String(format:)` made that the bottleneck.
public struct TimestampWriter {
    /// A writer with an empty cache.
    init() {}

    private var cachedSecond = Int.min
    private var cachedRFC3339: [UInt8] = []
    private var cachedJournal: [UInt8] = []

    /// Appends `2006-01-02T15:04:05.000000000Z`.
    mutating func appendRFC3339(_ date: Date, to buffer: inout [UInt8]) {
        let nanos = nanoseconds(date)
        buffer.append(contentsOf: cachedRFC3339)
        buffer.append(UInt8(ascii: "."))
        appendDigits(nanos, count: 9, to: &buffer)
        buffer.append(UInt8(ascii: "Z"))
    }

    /// Appends the journal's short-precise time, `Nov 25 10:00:00.123456`.
    mutating func appendJournal(_ date: Date, to buffer: inout [UInt8]) {
        let nanos = nanoseconds(date)
        buffer.append(contentsOf: cachedJournal)
        buffer.append(UInt8(ascii: "."))
        appendDigits(nanos / 1000, count: 6, to: &buffer)
    }

    /// The nanoseconds within the second, after refreshing the cached calendar part for that second.
    private mutating func nanoseconds(_ date: Date) -> Int {
        let seconds = floor(date.timeIntervalSince1970)
        let whole = Int(seconds)
        let nanos = min(Int(((date.timeIntervalSince1970 - seconds) * 1e9).rounded()), 999_999_999)
        if whole != cachedSecond {
            cachedSecond = whole
            var time = time_t(whole)
            var parts = tm()
            gmtime_r(&time, &parts)
            var rfc: [UInt8] = []
            appendDigits(Int(parts.tm_year) + 1900, count: 4, to: &rfc)
            rfc.append(UInt8(ascii: "-"))
            appendDigits(Int(parts.tm_mon) + 1, count: 2, to: &rfc)
            rfc.append(UInt8(ascii: "-"))
            appendDigits(Int(parts.tm_mday), count: 2, to: &rfc)
            rfc.append(UInt8(ascii: "T"))
            var clock: [UInt8] = []
            appendDigits(Int(parts.tm_hour), count: 2, to: &clock)
            clock.append(UInt8(ascii: ":"))
            appendDigits(Int(parts.tm_min), count: 2, to: &clock)
            clock.append(UInt8(ascii: ":"))
            appendDigits(Int(parts.tm_sec), count: 2, to: &clock)
            cachedRFC3339 = rfc + clock
            var journal = Array(JournalTime.months[Int(parts.tm_mon)].utf8)
            journal.append(UInt8(ascii: " "))
            appendDigits(Int(parts.tm_mday), count: 2, to: &journal)
            journal.append(UInt8(ascii: " "))
            cachedJournal = journal + clock
        }
        return nanos
    }

    private func appendDigits(_ value: Int, count: Int, to buffer: inout [UInt8]) {
        var digits = [UInt8](repeating: UInt8(ascii: "0"), count: count)
        var rest = value
        for position in stride(from: count - 1, through: 0, by: -1) {
            digits[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        buffer.append(contentsOf: digits)
    }
}
