/// `event-filter.html`: every gathered event in one table, filterable by column, as oc builds it, except that the
/// page carries its own styles and script, so it works on a desk with no network.
enum EventFilterPage {
    /// How many bytes of rows are gathered before each write of ``write(_:dropped:pieceBytes:to:)``.
    static let pieceBytes = 256 * 1024

    /// Writes the page for `events`, oldest first (`dropped` older events did not fit), through `emit`, a piece of
    /// about `pieceBytes` at a time: the page is never whole in memory, whatever the number of events.
    static func write(_ events: [EventDigest], dropped: Int, pieceBytes: Int = pieceBytes,
                             to emit: ([UInt8]) throws -> Void) rethrows {
        try emit(Array(head(count: events.count, dropped: dropped).utf8))
        var piece: [UInt8] = []
        piece.reserveCapacity(pieceBytes + 4096)
        // A cluster's events share a few dozen reasons: each is classed once.
        var classes: [String: String] = [:]
        for event in events {
            let reasonClass: String
            if let known = classes[event.reason] {
                reasonClass = known
            } else {
                reasonClass = Self.reasonClass(event.reason)
                classes[event.reason] = reasonClass
            }
            appendRow(event, reasonClass: reasonClass, to: &piece)
            if piece.count >= pieceBytes {
                try emit(piece)
                piece.removeAll(keepingCapacity: true)
            }
        }
        piece.append(contentsOf: tail.utf8)
        try emit(piece)
    }

    /// The whole page as text: for small pages; ``write(_:dropped:pieceBytes:to:)`` writes large ones.
    static func html(_ events: [EventDigest], dropped: Int) -> String {
        var page: [UInt8] = []
        write(events, dropped: dropped) { page.append(contentsOf: $0) }
        return String(decoding: page, as: UTF8.self)
    }

    /// One event's table row.
    private static func appendRow(_ event: EventDigest, reasonClass: String, to buffer: inout [UInt8]) {
        buffer.append(contentsOf: "<tr><td>".utf8)
        appendEscaped(event.time, to: &buffer)
        buffer.append(contentsOf: "</td><td>".utf8)
        appendEscaped(event.namespace, to: &buffer)
        buffer.append(contentsOf: "</td><td>".utf8)
        appendEscaped(event.component, to: &buffer)
        buffer.append(contentsOf: "</td><td>".utf8)
        appendEscaped(event.relatedObject, to: &buffer)
        buffer.append(contentsOf: "</td><td class=\"".utf8)
        buffer.append(contentsOf: reasonClass.utf8)
        buffer.append(contentsOf: "\">".utf8)
        appendEscaped(event.reason, to: &buffer)
        buffer.append(contentsOf: "</td><td>".utf8)
        appendEscaped(event.message, to: &buffer)
        buffer.append(contentsOf: "</td></tr>\n".utf8)
    }

    /// The page up to the first row.
    private static func head(count: Int, dropped: Int) -> String {
        let note = dropped > 0 ? """
            <p class="note">\(dropped) older events are not shown; every event is in the namespaces' \
            core/events.yaml.</p>
            """ : ""
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Events</title>
            <style>
            body { font-family: sans-serif; font-size: 13px; margin: 1em; }
            table { border-collapse: collapse; width: 100%; }
            th, td { border: 1px solid #ccc; padding: 3px 6px; vertical-align: top; text-align: left; }
            th { background: #eee; cursor: pointer; position: sticky; top: 0; }
            input { width: 95%; font-size: 12px; }
            td:first-child { white-space: nowrap; }
            .text-danger { color: #a94442; font-weight: bold; }
            .text-warning { color: #8a6d3b; font-weight: bold; }
            .text-muted { color: #777; }
            .note { color: #777; }
            </style>
            </head>
            <body>
            <h1>Events</h1>
            <p><span id="shown">\(count)</span> of \(count) events. Type in a box to filter a column;
            click a heading to sort.</p>
            \(note)
            <table id="events">
            <thead>
            <tr><th>Time</th><th>Namespace</th><th>Component</th><th>RelatedObject</th><th>Reason</th><th>Message</th></tr>
            <tr class="filters"><td><input></td><td><input></td><td><input></td><td><input></td><td><input></td><td><input></td></tr>
            </thead>
            <tbody>

            """
    }

    /// The page after the last row: the table's end and the script that filters and sorts it.
    private static let tail = """
        </tbody>
        </table>
        <script>
        (function () {
          var table = document.getElementById("events");
          var body = table.tBodies[0];
          var inputs = table.querySelectorAll("tr.filters input");
          function filter() {
            var needles = Array.prototype.map.call(inputs, function (input) { return input.value.toLowerCase(); });
            var shown = 0;
            Array.prototype.forEach.call(body.rows, function (row) {
              var visible = needles.every(function (needle, column) {
                return needle === "" || row.cells[column].textContent.toLowerCase().indexOf(needle) >= 0;
              });
              row.style.display = visible ? "" : "none";
              if (visible) { shown += 1; }
            });
            document.getElementById("shown").textContent = shown;
          }
          Array.prototype.forEach.call(inputs, function (input) { input.addEventListener("input", filter); });
          Array.prototype.forEach.call(table.tHead.rows[0].cells, function (heading, column) {
            var ascending = true;
            heading.addEventListener("click", function () {
              var rows = Array.prototype.slice.call(body.rows);
              rows.sort(function (a, b) {
                var x = a.cells[column].textContent, y = b.cells[column].textContent;
                return ascending ? x.localeCompare(y) : y.localeCompare(x);
              });
              ascending = !ascending;
              rows.forEach(function (row) { body.appendChild(row); });
            });
          });
        })();
        </script>
        </body>
        </html>

        """

    /// oc's colours: failures and kills red, health problems amber, the rest grey.
    static func reasonClass(_ reason: String) -> String {
        let lowered = reason.lowercased()
        if ["fail", "error", "kill", "backoff"].contains(where: lowered.contains) { return "text-danger" }
        if ["notready", "unhealthy", "missing"].contains(where: lowered.contains) { return "text-warning" }
        return "text-muted"
    }

    /// Text made safe inside HTML elements and attributes.
    static func escape(_ text: String) -> String {
        var output: [UInt8] = []
        appendEscaped(text, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `text` made safe inside HTML elements and attributes. Most text has nothing to replace and is
    /// appended as it is.
    private static func appendEscaped(_ text: String, to buffer: inout [UInt8]) {
        guard text.utf8.contains(where: { entity(for: $0) != nil }) else {
            buffer.append(contentsOf: text.utf8)
            return
        }
        for byte in text.utf8 {
            if let entity = entity(for: byte) { buffer.append(contentsOf: entity.utf8) } else { buffer.append(byte) }
        }
    }

    /// The entity that stands for `byte` in HTML text, if it needs one.
    private static func entity(for byte: UInt8) -> String? {
        switch byte {
        case UInt8(ascii: "&"): "&amp;"
        case UInt8(ascii: "<"): "&lt;"
        case UInt8(ascii: ">"): "&gt;"
        case UInt8(ascii: "\""): "&quot;"
        case UInt8(ascii: "'"): "&#39;"
        default: nil
        }
    }
}
