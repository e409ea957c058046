/// The page's own styles and script, inline so that the page opens offline and alone, as a file in a browser.
enum ReportStyle {
    static let css = """
        :root { --good: #3e8635; --warning: #f0ab00; --bad: #c9190b; --neutral: #8a8d90; --info: #0066cc; }
        * { box-sizing: border-box; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          font-size: 14px; color: #151515; background: #f5f5f5; margin: 0; line-height: 1.4; }
        header { background: #1f1f1f; color: #fff; padding: 14px 24px; }
        header h1 { margin: 0; font-size: 20px; font-weight: 600; }
        header p { margin: 4px 0 0; color: #d2d2d2; }
        nav { background: #fff; border-bottom: 1px solid #d2d2d2; padding: 6px 24px; position: sticky; top: 0; z-index: 1; }
        nav a { margin-right: 16px; color: var(--info); text-decoration: none; white-space: nowrap; }
        main { padding: 8px 24px 40px; max-width: 1400px; }
        section { scroll-margin-top: 40px; background: #fff; border: 1px solid #d2d2d2; border-radius: 4px; margin: 16px 0; padding: 4px 18px 14px; }
        h2 { font-size: 17px; margin: 12px 0 8px; }
        h3 { font-size: 15px; margin: 14px 0 6px; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 16px 0; }
        .card { background: #fff; border: 1px solid #d2d2d2; border-top: 4px solid var(--neutral); border-radius: 4px;
          padding: 10px 14px; min-width: 190px; flex: 1; }
        .card .figure { font-size: 22px; font-weight: 600; }
        a.card { text-decoration: none; color: inherit; }
        .card-good { border-top-color: var(--good); } .card-warning { border-top-color: var(--warning); }
        .card-bad { border-top-color: var(--bad); }
        table { border-collapse: collapse; width: 100%; margin: 6px 0; font-size: 13px; }
        th, td { border-bottom: 1px solid #e0e0e0; padding: 4px 8px; text-align: left; vertical-align: top; }
        th { background: #f0f0f0; cursor: pointer; user-select: none; white-space: nowrap; }
        th[aria-sort="ascending"]::after { content: " \\25B2"; } th[aria-sort="descending"]::after { content: " \\25BC"; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.time { white-space: nowrap; }
        td.message { white-space: pre-wrap; word-break: break-word; max-width: 700px; }
        .good { color: var(--good); } .warning { color: #8f6a00; } .bad { color: var(--bad); font-weight: 600; }
        .muted { color: #6a6e73; }
        .ok-line { color: var(--good); font-weight: 600; }
        .chart text { font-size: 12px; fill: #151515; } .chart .axis { fill: #6a6e73; font-size: 11px; }
        .chart .grid { stroke: #e0e0e0; }
        .legend span { display: inline-block; margin-right: 14px; }
        .legend i { display: inline-block; width: 10px; height: 10px; margin-right: 4px; border-radius: 2px; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 6px 0; }
        dl.facts dt { color: #6a6e73; } dl.facts dd { margin: 0; }
        a { color: var(--info); }
        """

    /// Sorts a table by the heading clicked: numbers as numbers (a cell's `data-sort` when it has one), text as text,
    /// a second click the other way.
    static let script = """
        (function () {
          function key(cell) {
            var value = cell.getAttribute("data-sort");
            if (value === null) { value = cell.textContent.trim(); }
            return /^-?[0-9]+(\\.[0-9]+)?$/.test(value) ? parseFloat(value) : value.toLowerCase();
          }
          Array.prototype.forEach.call(document.querySelectorAll("table.sortable"), function (table) {
            var headings = table.tHead.rows[0].cells;
            Array.prototype.forEach.call(headings, function (heading, column) {
              heading.addEventListener("click", function () {
                var ascending = heading.getAttribute("aria-sort") !== "ascending";
                Array.prototype.forEach.call(headings, function (other) { other.removeAttribute("aria-sort"); });
                heading.setAttribute("aria-sort", ascending ? "ascending" : "descending");
                var body = table.tBodies[0];
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (a, b) {
                  var x = key(a.cells[column]), y = key(b.cells[column]);
                  if (typeof x !== typeof y) { x = String(x); y = String(y); }
                  return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
                });
                rows.forEach(function (row) { body.appendChild(row); });
              });
            });
          });
        })();
        """
}
