import Foundation

/// Charts drawn as inline SVG from the report's numbers: the page needs no script library and no network to show them.
enum SVGChart {
    /// The colours of states, shared by the charts and the styles.
    enum Colour: String {
        case good = "#3e8635"
        case warning = "#f0ab00"
        case bad = "#c9190b"
        case neutral = "#8a8d90"
        case info = "#0066cc"
    }

    /// One part of a bar.
    struct Segment {
        var value: Double
        var colour: Colour
        /// The tooltip.
        var title: String
    }

    /// One labelled bar, of one or more segments.
    struct Bar {
        var label: String
        var segments: [Segment]
        /// What is written after the bar.
        var valueText: String
    }

    /// Horizontal bars, one per row, each made of stacked segments, scaled to the largest total.
    static func horizontalBars(_ bars: [Bar], title: String, labelWidth: Int = 220, barWidth: Int = 460) -> String {
        let rowHeight = 24
        let valueWidth = 120
        let width = labelWidth + barWidth + valueWidth
        let height = max(1, bars.count) * rowHeight + 4
        let largest = max(bars.map { $0.segments.reduce(0) { $0 + $1.value } }.max() ?? 0, 1)
        var svg = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\">"
        svg += "<title>\(HTMLText.escape(title))</title>"
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight + 2
            svg += "<text x=\"\(labelWidth - 8)\" y=\(quoted(y + 16)) text-anchor=\"end\">"
                + "\(HTMLText.escape(shortened(bar.label, 30)))</text>"
            var x = Double(labelWidth)
            for segment in bar.segments where segment.value > 0 {
                let length = max(2, segment.value / largest * Double(barWidth))
                svg += "<rect x=\(quoted(x)) y=\(quoted(y + 3)) width=\(quoted(length)) height=\"18\" rx=\"2\" "
                    + "fill=\"\(segment.colour.rawValue)\"><title>\(HTMLText.escape(segment.title))</title></rect>"
                x += length
            }
            svg += "<text x=\(quoted(x + 6)) y=\(quoted(y + 16))>\(HTMLText.escape(bar.valueText))</text>"
        }
        return svg + "</svg>\n"
    }

    /// One row of a timeline.
    struct Span {
        var label: String
        var start: Double
        var end: Double
        var colour: Colour
        var title: String
    }

    /// A timeline: each span as a bar from its start to its end, on a shared axis of seconds from 0 to `length`.
    static func timeline(_ spans: [Span], length: Double, title: String, labelWidth: Int = 220, axisWidth: Int = 580)
        -> String
    {
        let rowHeight = 22
        let width = labelWidth + axisWidth + 20
        let height = spans.count * rowHeight + 30
        let scale = Double(axisWidth) / max(length, 1)
        var svg = "<svg class=\"chart\" role=\"img\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\">"
        svg += "<title>\(HTMLText.escape(title))</title>"
        for tick in ticks(length) {
            let x = Double(labelWidth) + tick * scale
            svg += "<line x1=\(quoted(x)) x2=\(quoted(x)) y1=\"0\" y2=\(quoted(height - 16)) class=\"grid\"/>"
                + "<text x=\(quoted(x)) y=\(quoted(height - 3)) text-anchor=\"middle\" class=\"axis\">"
                + "\(formatSeconds(tick))</text>"
        }
        for (index, span) in spans.enumerated() {
            let y = index * rowHeight + 2
            svg += "<text x=\"\(labelWidth - 8)\" y=\(quoted(y + 15)) text-anchor=\"end\">"
                + "\(HTMLText.escape(shortened(span.label, 30)))</text>"
            let x = Double(labelWidth) + span.start * scale
            let length = max(3, (span.end - span.start) * scale)
            svg += "<rect x=\(quoted(x)) y=\(quoted(y + 3)) width=\(quoted(length)) height=\"16\" rx=\"2\" "
                + "fill=\"\(span.colour.rawValue)\"><title>\(HTMLText.escape(span.title))</title></rect>"
        }
        return svg + "</svg>\n"
    }

    /// A small bar inside a table cell, `fraction` of its width filled.
    static func cellBar(_ fraction: Double, colour: Colour = .info) -> String {
        let width = Int((min(max(fraction, 0), 1) * 120).rounded())
        return "<svg class=\"cellbar\" width=\"120\" height=\"10\" aria-hidden=\"true\">"
            + "<rect width=\"120\" height=\"10\" fill=\"#e8e8e8\"/>"
            + "<rect width=\"\(max(width, fraction > 0 ? 1 : 0))\" height=\"10\" fill=\"\(colour.rawValue)\"/></svg>"
    }

    /// About six round ticks from 0 to `length` seconds.
    static func ticks(_ length: Double) -> [Double] {
        guard length > 0 else { return [0] }
        let raw = length / 6
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        return stride(from: 0, through: length, by: step).map { $0 }
    }

    /// Seconds as the axis shows them: `0 s`, `2.5 s`, `90 s`.
    static func formatSeconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : String(format: "%.1f s", seconds)
    }

    private static func quoted(_ value: Int) -> String { "\"\(value)\"" }
    private static func quoted(_ value: Double) -> String { "\"" + String(format: "%.1f", value) + "\"" }

    private static func shortened(_ text: String, _ limit: Int) -> String {
        text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
    }
}
