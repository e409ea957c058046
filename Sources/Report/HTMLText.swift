/// Text from the cluster made safe to put in the page: every name and message passes through here, so a pod named
/// `<script>` shows as text and never as markup.
enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities: safe in element content and in quoted attributes
    /// (HTML and the SVG inside it).
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { needsEntity($0) }) else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count + 16)
        for character in text.unicodeScalars {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.unicodeScalars.append(character)
            }
        }
        return escaped
    }

    /// `text` cut to `limit` characters (a degraded operator's message can run to pages), marked when cut, escaped.
    static func clipped(_ text: String, _ limit: Int = 1_500) -> String {
        guard text.count > limit else { return escape(text) }
        return escape(String(text.prefix(limit))) + "… <span class=\"muted\">(\(text.count - limit) more characters)</span>"
    }

    private static func needsEntity(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
            || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }
}
