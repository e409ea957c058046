/// A table of the page: headings the reader can click to sort by, rows of cells, and a line saying how many rows
/// were left out when a list was capped.
struct HTMLTable {
    /// One cell: its markup (already escaped) and, when the text does not sort right, the value to sort by.
    struct Cell {
        var html: String
        var sortKey: String?
        var className: String?

        /// A cell showing `text`, escaped.
        static func text(_ text: String, className: String? = nil) -> Cell {
            Cell(html: HTMLText.escape(text), sortKey: nil, className: className)
        }

        /// A cell showing a number, sorted as one.
        static func number(_ value: Int64, shown: String? = nil) -> Cell {
            Cell(html: HTMLText.escape(shown ?? String(value)), sortKey: String(value), className: "number")
        }
    }

    var id: String
    var headings: [String]
    var rows: [[Cell]] = []
    /// Rows left out of the list, and what they are, for the line under the table.
    var notListed = 0
    var notListedWhat = "rows"

    /// The table's markup.
    var html: String {
        var html = "<table class=\"sortable\" id=\"\(HTMLText.escape(id))\"><thead><tr>"
        for heading in headings {
            html += "<th scope=\"col\" title=\"Sort by \(HTMLText.escape(heading))\">\(HTMLText.escape(heading))</th>"
        }
        html += "</tr></thead><tbody>\n"
        for row in rows {
            html += "<tr>"
            for cell in row {
                html += "<td"
                if let className = cell.className { html += " class=\"\(className)\"" }
                if let sortKey = cell.sortKey { html += " data-sort=\"\(HTMLText.escape(sortKey))\"" }
                html += ">\(cell.html)</td>"
            }
            html += "</tr>\n"
        }
        html += "</tbody></table>\n"
        if notListed > 0 {
            html += "<p class=\"muted\">\(notListed) more \(HTMLText.escape(notListedWhat)) are not listed here.</p>\n"
        }
        return html
    }
}
