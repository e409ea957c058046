/// `event-filter.html`: every gathered event in one table, filterable by column, as oc builds it, except that the
/// page carries its own styles and script, so it works on a desk with no network.
public enum EventFilterPage {
    /// The page for `events`, oldest first; `dropped` older events did not fit.
    public static func html(_ events: [EventDigest], dropped: Int) -> String {
        var rows = ""
        rows.reserveCapacity(events.count * 300)
        // A cluster's events share a few dozen reasons: each is classed once.
        var classes: [String: String] = [:]
        func classed(_ reason: String) -> String {
            if let known = classes[reason] { return known }
            let found = reasonClass(reason)
            classes[reason] = found
            return found
        }
        for event in events {
            let reasonClass = classed(event.reason)
            rows += "<tr><td>\(escape(event.time))</td><td>\(escape(event.namespace))</td>"
            rows += "<td>\(escape(event.component))</td><td>\(escape(event.relatedObject))</td>"
            rows += "<td class=\"\(reasonClass)\">\(escape(event.reason))</td>"
            rows += "<td>\(escape(event.message))</td></tr>\n"
        }
        let note = dropped > 0 ? "<p class=\"note\">\(dropped) older events are not shown.</p>" : ""
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
            <p><span id="shown">\(events.count)</span> of \(events.count) events. Type in a box to filter a column;
            click a heading to sort.</p>
            \(note)
            <table id="events">
            <thead>
            <tr><th>Time</th><th>Namespace</th><th>Component</th><th>RelatedObject</th><th>Reason</th><th>Message</th></tr>
            <tr class="filters"><td><input></td><td><input></td><td><input></td><td><input></td><td><input></td><td><input></td></tr>
            </thead>
            <tbody>
            \(rows)</tbody>
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
    }

    /// oc's colours: failures and kills red, health problems amber, the rest grey.
    static func reasonClass(_ reason: String) -> String {
        let lowered = reason.lowercased()
        if ["fail", "error", "kill", "backoff"].contains(where: lowered.contains) { return "text-danger" }
        if ["notready", "unhealthy", "missing"].contains(where: lowered.contains) { return "text-warning" }
        return "text-muted"
    }

    /// Text made safe inside HTML elements and attributes. Most text has nothing to replace and is returned as it is.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { entity(for: $0) != nil }) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            if let entity = entity(for: byte) { output.append(contentsOf: entity.utf8) } else { output.append(byte) }
        }
        return String(decoding: output, as: UTF8.self)
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
