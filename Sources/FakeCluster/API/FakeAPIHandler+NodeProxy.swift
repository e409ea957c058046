import Foundation
import Hummingbird
import HTTPTypes
import JSONCoding
import KubeClient
import NIOCore

extension FakeAPIHandler {
    /// `GET /api/v1/nodes/<node>/proxy/logs/...`: journal queries and the kubelet's `/var/log` file server.
    func nodeProxy(node: String, path: [String], trailingSlash: Bool, query: QueryParameters, request: Request,
        hostileListing: Bool = false, streamed: @escaping @Sendable (Int, Int) -> Void) -> Response
    {
        guard path.first == "logs" else { return APIResponses.status(404, "404 page not found") }
        let rest = Array(path.dropFirst())
        let gzip = request.headers[.acceptEncoding] == "gzip"
        if rest == ["journal"] {
            return journal(node: node, query: query, gzip: gzip, streamed: streamed)
        }
        guard let tree = data.nodeFiles[node] else { return APIResponses.status(404, "404 page not found") }
        let relative = rest.joined(separator: "/")
        if var listing = tree.listing(of: relative) {
            if hostileListing { listing = (listing + Self.hostileNames).sorted() }
            guard trailingSlash || relative.isEmpty else {
                return Response(status: .movedPermanently, headers: [.location: "\(rest.last ?? "")/"])
            }
            var html = "<!doctype html>\n<meta name=\"viewport\" content=\"width=device-width\">\n<pre>\n"
            for entry in listing {
                html += "<a href=\"\(Self.hrefEscape(entry))\">\(Self.htmlEscape(entry))</a>\n"
            }
            html += "</pre>\n"
            return APIResponses.json(Array(html.utf8), contentType: "text/html; charset=utf-8")
        }
        guard let content = tree.files[relative] else { return APIResponses.status(404, "404 page not found") }
        switch content {
        case .bytes(let bytes):
            return APIResponses.json(bytes, contentType: "text/plain; charset=utf-8")
        case .lines(let lines):
            let streamer = LogStreamer(lines: lines, onFinish: { streamed($0, 200) })
            return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: streamer.body())
        case .file(let diskPath):
            return Response(status: .ok, headers: [.contentType: "application/octet-stream"],
                body: Self.fileBody(diskPath, onFinish: { streamed($0, 200) }))
        }
    }

    /// The journal of one unit on one node, `since` as the kubelet accepts it, gzipped when asked.
    func journal(node: String, query: QueryParameters, gzip: Bool, streamed: @escaping @Sendable (Int, Int) -> Void)
        -> Response
    {
        guard data.nodeFiles[node] != nil || data.journals.keys.contains(where: { $0.node == node }) else {
            return APIResponses.status(404, "nodes \"\(node)\" not found")
        }
        let unit = query["unit"] ?? query["query"] ?? ""
        var since: Date?
        if let text = query["since"] ?? query["sinceTime"] {
            guard let time = Self.journalTime(text, now: data.currentTime) else {
                return APIResponses.status(406,
                    "date must be a relative time of the form '(+|-)[0-9]+(s|m|h|d)' or a date in 'YYYY-MM-DD HH:MM:SS' form")
            }
            since = time
        }
        guard let lines = data.journals[.init(node: node, unit: unit)] else {
            return APIResponses.json(Array("-- No entries --\n".utf8), contentType: "text/plain;charset=UTF-8")
        }
        var headers: HTTPFields = [.contentType: "text/plain;charset=UTF-8"]
        if gzip { headers[.contentEncoding] = "gzip" }
        let streamer = LogStreamer(lines: lines, since: since, gzip: gzip, onFinish: { streamed($0, 200) })
        return Response(status: .ok, headers: headers, body: streamer.body())
    }

    /// `-7d`, `+2h`, `30m`, `YYYY-MM-DD HH:MM:SS` (UTC) or RFC 3339.
    static func journalTime(_ text: String, now: Date) -> Date? {
        if let last = text.last, "smhd".contains(last) {
            var digits = text.dropLast()
            var sign = 1.0
            if digits.first == "-" || digits.first == "+" {
                sign = digits.first == "-" ? -1 : 1
                digits = digits.dropFirst()
            }
            guard let amount = Double(digits) else { return nil }
            let unit: Double = ["s": 1, "m": 60, "h": 3600, "d": 86400][last] ?? 1
            return now.addingTimeInterval(sign * amount * unit)
        }
        if let date = RFC3339.parse(text) { return date }
        return RFC3339.parse(text.replacingOccurrences(of: " ", with: "T") + "Z")
    }

    /// Names no kubelet should list, which a gather must refuse to use as paths.
    static let hostileNames = ["../../etc/passwd", "/etc/shadow", String(repeating: "x", count: 300) + ".log",
        "odd\u{0}byte.log", "new\nline.log", "..", "sub/../../escape.log"]

    static func htmlEscape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&#34;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    static func hrefEscape(_ name: String) -> String {
        let escaped = name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? name
        if let colon = escaped.firstIndex(of: ":"), !escaped[..<colon].contains("/") { return "./" + escaped }
        return escaped
    }

    /// Streams a file from the serving machine in 64 KiB chunks.
    static func fileBody(_ path: String, onFinish: @escaping @Sendable (Int) -> Void) -> ResponseBody {
        ResponseBody { writer in
            var sent = 0
            defer { onFinish(sent) }
            guard let handle = FileHandle(forReadingAtPath: path) else {
                try await writer.finish(nil)
                return
            }
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: 64 * 1024), !chunk.isEmpty {
                try await writer.write(ByteBuffer(bytes: chunk))
                sent += chunk.count
            }
            try await writer.finish(nil)
        }
    }
}
