/// Go's duration syntax, as `oc adm must-gather` passes `MUST_GATHER_SINCE` (`Duration.String()`: `2h0m0s`, `30m0s`,
/// `1.5h`, `300ms`).
public enum GoDuration {
    /// Parses `text`; nil when it is not a Go duration. A leading `-` or `+` is allowed, as in Go.
    ///
    /// Counts in integer nanoseconds as Go's `time.ParseDuration` does: a sum in floating point loses whole seconds
    /// past about a century, and one past Int64's range would trap when converted. Such durations are refused, as Go
    /// refuses them.
    public static func parse(_ text: String) -> Duration? {
        var rest = Substring(text)
        var negative = false
        if rest.first == "-" || rest.first == "+" {
            negative = rest.first == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" { return .zero }
        guard !rest.isEmpty else { return nil }
        var total: UInt64 = 0
        while !rest.isEmpty {
            let whole = rest.prefix(while: isDigit)
            rest = rest.dropFirst(whole.count)
            var fraction = Substring()
            if rest.first == "." {
                fraction = rest.dropFirst().prefix(while: isDigit)
                rest = rest.dropFirst(1 + fraction.count)
            }
            guard !whole.isEmpty || !fraction.isEmpty else { return nil }
            let unit = rest.prefix { !isDigit($0) && $0 != "." }
            guard let scale = units[String(unit)] else { return nil }
            rest = rest.dropFirst(unit.count)
            guard let integer = whole.isEmpty ? 0 : UInt64(whole) else { return nil }
            var (part, overflow) = integer.multipliedReportingOverflow(by: scale)
            guard !overflow else { return nil }
            if let digits = Double("0." + fraction.prefix(18)), digits > 0 {
                (part, overflow) = part.addingReportingOverflow(UInt64(digits * Double(scale)))
                guard !overflow else { return nil }
            }
            (total, overflow) = total.addingReportingOverflow(part)
            guard !overflow, total <= UInt64(Int64.max) + (negative ? 1 : 0) else { return nil }
        }
        if negative { return .nanoseconds(total == UInt64(Int64.max) + 1 ? Int64.min : -Int64(total)) }
        return .nanoseconds(Int64(total))
    }

    private static func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }

    /// Nanoseconds per unit.
    private static let units: [String: UInt64] = [
        "ns": 1, "us": 1_000, "µs": 1_000, "μs": 1_000, "ms": 1_000_000, "s": 1_000_000_000, "m": 60_000_000_000,
        "h": 3_600_000_000_000,
    ]

    /// Formats as Go does for whole seconds: `2h0m0s`, `30m0s`, `45s`.
    public static func format(_ duration: Duration) -> String {
        var seconds = duration.components.seconds
        let sign = seconds < 0 ? "-" : ""
        seconds = abs(seconds)
        let hours = seconds / 3600
        let minutes = seconds % 3600 / 60
        let remainder = seconds % 60
        if hours > 0 { return "\(sign)\(hours)h\(minutes)m\(remainder)s" }
        if minutes > 0 { return "\(sign)\(minutes)m\(remainder)s" }
        return "\(sign)\(remainder)s"
    }
}
