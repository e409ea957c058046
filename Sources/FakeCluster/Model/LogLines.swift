import Foundation

/// A log as a sequence of time-stamped lines, which the server filters (`sinceTime`, `tailLines`, `limitBytes`) and
/// renders (with or without the RFC 3339 timestamp prefix) while streaming.
public protocol LogLines: Sendable {
    /// How many lines there are.
    var count: Int { get }
    /// Line `index`: its time and its text without the trailing newline.
    func line(at index: Int) -> (time: Date, text: Substring)
    /// The first index whose time is at or after `time` (lines are in time order).
    func firstIndex(notBefore time: Date) -> Int
    /// The RFC 3339 time of line `index` as served with `timestamps=true`.
    func timestampText(at index: Int) -> String
    /// Appends line `index` and its newline to `buffer`, with its RFC 3339 time first when `timestamps` is set.
    func appendLine(at index: Int, timestamps: Bool, to buffer: inout [UInt8], using writer: inout TimestampWriter)
}

extension LogLines {
    public func timestampText(at index: Int) -> String { RFC3339.format(line(at: index).time) }

    public func appendLine(at index: Int, timestamps: Bool, to buffer: inout [UInt8], using writer: inout TimestampWriter) {
        let line = line(at: index)
        if timestamps {
            writer.appendRFC3339(line.time, to: &buffer)
            buffer.append(UInt8(ascii: " "))
        }
        buffer.append(contentsOf: line.text.utf8)
        buffer.append(UInt8(ascii: "\n"))
    }

    public func firstIndex(notBefore time: Date) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if line(at: middle).time < time { low = middle + 1 } else { high = middle }
        }
        return low
    }
}

/// A deterministic log of `count` lines, one every `interval`, the last at `end`, each line made by `render` as it is
/// read, so a gigabyte of logs costs no memory.
public struct EvenlySpacedLines: LogLines {
    /// Appends the text of line `index` (at `time`, without newline) to a buffer; the writer formats times fast.
    public typealias Renderer = @Sendable (_ index: Int, _ time: Date, _ buffer: inout [UInt8], _ writer: inout TimestampWriter)
        -> Void

    public let count: Int
    let end: Date
    let interval: TimeInterval
    let render: Renderer

    /// Creates the lines.
    public init(count: Int, end: Date, interval: TimeInterval, render: @escaping Renderer) {
        self.count = count
        self.end = end
        self.interval = interval
        self.render = render
    }

    func time(at index: Int) -> Date { end.addingTimeInterval(-Double(count - 1 - index) * interval) }

    public func line(at index: Int) -> (time: Date, text: Substring) {
        var bytes: [UInt8] = []
        var writer = TimestampWriter()
        render(index, time(at: index), &bytes, &writer)
        return (time(at: index), Substring(String(decoding: bytes, as: UTF8.self)))
    }

    public func appendLine(at index: Int, timestamps: Bool, to buffer: inout [UInt8], using writer: inout TimestampWriter) {
        let time = time(at: index)
        if timestamps {
            writer.appendRFC3339(time, to: &buffer)
            buffer.append(UInt8(ascii: " "))
        }
        render(index, time, &buffer, &writer)
        buffer.append(UInt8(ascii: "\n"))
    }
}

/// Lines read from text whose lines start with an RFC 3339 timestamp (as `oc logs --timestamps` writes them); a line
/// without one takes the time of the line before it.
public struct TimestampedTextLines: LogLines {
    private let lines: [(time: Date, stamp: Substring?, text: Substring)]
    public var count: Int { lines.count }

    /// Parses `text`.
    public init(text: String) {
        var lines: [(time: Date, stamp: Substring?, text: Substring)] = []
        var last = Date(timeIntervalSince1970: 0)
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty && lines.count > 0 { continue }
            if let space = line.firstIndex(of: " "), let time = RFC3339.parse(line[..<space]) {
                last = time
                lines.append((time, line[..<space], line[line.index(after: space)...]))
            } else if !line.isEmpty {
                lines.append((last, nil, line))
            }
        }
        self.lines = lines
    }

    public func line(at index: Int) -> (time: Date, text: Substring) { (lines[index].time, lines[index].text) }

    /// The timestamp as the file had it (a `Date` cannot hold nanoseconds of a 2021 epoch exactly).
    public func timestampText(at index: Int) -> String {
        lines[index].stamp.map(String.init) ?? RFC3339.format(lines[index].time)
    }

    public func appendLine(at index: Int, timestamps: Bool, to buffer: inout [UInt8], using writer: inout TimestampWriter) {
        let line = lines[index]
        if timestamps {
            if let stamp = line.stamp { buffer.append(contentsOf: stamp.utf8) } else { writer.appendRFC3339(line.time, to: &buffer) }
            buffer.append(UInt8(ascii: " "))
        }
        buffer.append(contentsOf: line.text.utf8)
        buffer.append(UInt8(ascii: "\n"))
    }
}

/// RFC 3339 timestamps with nanoseconds, as the kubelet writes them.
public enum RFC3339 {
    /// Formats `date` as `2006-01-02T15:04:05.000000000Z`.
    public static func format(_ date: Date) -> String {
        let seconds = floor(date.timeIntervalSince1970)
        let nanos = Int((date.timeIntervalSince1970 - seconds) * 1e9)
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02d.%09dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), nanos)
    }

    /// Formats `date` with whole seconds: `2006-01-02T15:04:05Z`.
    public static func formatSeconds(_ date: Date) -> String {
        var time = time_t(floor(date.timeIntervalSince1970))
        var parts = tm()
        gmtime_r(&time, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
            Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    /// Parses `2006-01-02T15:04:05[.fraction](Z|±hh:mm)`; nil otherwise.
    public static func parse(_ text: some StringProtocol) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = number(17..<19)
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        var offset = 0
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "Z") {
            index += 1
        } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"), index + 6 <= bytes.count,
            let hours = number(index + 1..<index + 3), let minutes = number(index + 4..<index + 6)
        {
            offset = (hours * 3600 + minutes * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
            index += 6
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let seconds = timegm(&parts)
        return Date(timeIntervalSince1970: Double(seconds - offset) + fraction)
    }
}
