import Foundation
import JSONCoding
import KubeClient

/// A log as a sequence of time-stamped lines, which the server filters (`sinceTime`, `tailLines`, `limitBytes`) and
/// renders (with or without the RFC 3339 timestamp prefix) while streaming.
public protocol LogLines: Sendable {
    /// How many lines there are.
    var count: Int { get }
    /// Line `index`: its time and its text without the trailing newline.
    func line(at index: Int) -> (time: Date, text: Substring)
    /// The first index whose time is at or after `time` (lines are in time order).
    func firstIndex(notBefore time: Date) -> Int
    /// Appends line `index` and its newline to `buffer`, with its RFC 3339 time first when `timestamps` is set.
    func appendLine(at index: Int, timestamps: Bool, to buffer: inout [UInt8], using writer: inout TimestampWriter)
}

extension LogLines {
    func appendLine(at index: Int, timestamps: Bool, to buffer: inout [UInt8], using writer: inout TimestampWriter) {
        let line = line(at: index)
        if timestamps {
            writer.appendRFC3339(line.time, to: &buffer)
            buffer.append(UInt8(ascii: " "))
        }
        buffer.append(contentsOf: line.text.utf8)
        buffer.append(UInt8(ascii: "\n"))
    }

    func firstIndex(notBefore time: Date) -> Int {
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
struct EvenlySpacedLines: LogLines {
    /// Appends the text of line `index` (at `time`, without newline) to a buffer; the writer formats times fast.
    typealias Renderer = @Sendable (_ index: Int, _ time: Date, _ buffer: inout [UInt8], _ writer: inout TimestampWriter)
        -> Void

    let count: Int
    let end: Date
    let interval: TimeInterval
    let render: Renderer

    /// Creates the lines.
    init(count: Int, end: Date, interval: TimeInterval, render: @escaping Renderer) {
        self.count = count
        self.end = end
        self.interval = interval
        self.render = render
    }

    func time(at index: Int) -> Date { end.addingTimeInterval(-Double(count - 1 - index) * interval) }

    func line(at index: Int) -> (time: Date, text: Substring) {
        var bytes: [UInt8] = []
        var writer = TimestampWriter()
        render(index, time(at: index), &bytes, &writer)
        return (time(at: index), Substring(String(decoding: bytes, as: UTF8.self)))
    }

    func appendLine(at index: Int, timestamps: Bool, to buffer: inout [UInt8], using writer: inout TimestampWriter) {
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
/// without one takes the time of the line before it. The text is served as it is: blank lines stay, and a last line
/// without a newline is sent without one.
struct TimestampedTextLines: LogLines {
    private let lines: [(time: Date, stamp: Substring?, text: Substring)]
    /// Whether the text's last line ends with a newline.
    private let endsWithNewline: Bool
    var count: Int { lines.count }

    /// Parses `text`.
    init(text: String) {
        var pieces = text.split(separator: "\n", omittingEmptySubsequences: false)
        // The empty piece after the last newline is no line.
        if pieces.last?.isEmpty == true { pieces.removeLast() }
        endsWithNewline = text.isEmpty || text.hasSuffix("\n")
        var lines: [(time: Date, stamp: Substring?, text: Substring)] = []
        var last = Date(timeIntervalSince1970: 0)
        for line in pieces {
            if let space = line.firstIndex(of: " "), let time = RFC3339.parse(line[..<space]) {
                last = time
                lines.append((time, line[..<space], line[line.index(after: space)...]))
            } else {
                lines.append((last, nil, line))
            }
        }
        self.lines = lines
    }

    func line(at index: Int) -> (time: Date, text: Substring) { (lines[index].time, lines[index].text) }

    /// Appends the line with its timestamp as the file had it (a `Date` cannot hold nanoseconds of a 2021 epoch
    /// exactly).
    func appendLine(at index: Int, timestamps: Bool, to buffer: inout [UInt8], using writer: inout TimestampWriter) {
        let line = lines[index]
        if timestamps {
            if let stamp = line.stamp { buffer.append(contentsOf: stamp.utf8) } else { writer.appendRFC3339(line.time, to: &buffer) }
            buffer.append(UInt8(ascii: " "))
        }
        buffer.append(contentsOf: line.text.utf8)
        if endsWithNewline || index < lines.count - 1 { buffer.append(UInt8(ascii: "\n")) }
    }
}
