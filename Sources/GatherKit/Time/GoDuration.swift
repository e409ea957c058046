/// Go's duration syntax, as `oc adm must-gather` passes `MUST_GATHER_SINCE` (`Duration.String()`: `2h0m0s`, `30m0s`,
/// `1.5h`, `300ms`).
public enum GoDuration {
    /// Parses `text`; nil when it is not a Go duration. A leading `-` or `+` is allowed, as in Go.
    public static func parse(_ text: String) -> Duration? {
        var rest = Substring(text)
        var negative = false
        if rest.first == "-" || rest.first == "+" {
            negative = rest.first == "-"
            rest = rest.dropFirst()
        }
        if rest == "0" { return .zero }
        guard !rest.isEmpty else { return nil }
        var total = 0.0  // nanoseconds
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, number != ".", let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { !$0.isNumber && $0 != "." }
            guard let scale = units[String(unit)] else { return nil }
            rest = rest.dropFirst(unit.count)
            total += value * scale
        }
        let nanoseconds = Int64(total.rounded())
        return .nanoseconds(negative ? -nanoseconds : nanoseconds)
    }

    private static let units: [String: Double] = [
        "ns": 1, "us": 1e3, "µs": 1e3, "μs": 1e3, "ms": 1e6, "s": 1e9, "m": 60e9, "h": 3600e9,
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
