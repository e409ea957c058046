import Foundation
import GatherKit

/// The kubelet's `/var/log` directory listing (Go's `http.FileServer` page), read as `oc adm node-logs` reads it:
/// every `href` is an entry. A listing is hostile input: only plain file names are accepted.
public enum DirectoryListing {
    /// The entries of `html`: names accepted as files, and the names refused with why. Folders (`name/`) are skipped.
    public static func entries(_ html: String) -> (files: [String], refused: [(name: String, reason: String)]) {
        var files: [String] = []
        var refused: [(String, String)] = []
        var rest = Substring(html)
        while let start = rest.range(of: "href=\"") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let href = String(rest[..<end])
            rest = rest[rest.index(after: end)...]
            guard !href.isEmpty, !href.hasSuffix("/") else { continue }
            var name = unescapeHTML(href).removingPercentEncoding ?? href
            if name.hasPrefix("./") { name.removeFirst(2) }
            if let reason = refusal(name) {
                refused.append((name, reason))
            } else {
                files.append(name)
            }
        }
        return (files, refused)
    }

    /// Why `name` is not a plain file name, or nil when it is.
    static func refusal(_ name: String) -> String? {
        if name == "." || name == ".." { return "not a file name" }
        if name.contains("/") { return "holds a path separator" }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "holds control characters" }
        if name.utf8.count > PathComponent.maximumBytes { return "longer than \(PathComponent.maximumBytes) bytes" }
        if !PathComponent.isSafe(name) { return "not safe as a file name" }
        return nil
    }

    private static func unescapeHTML(_ text: String) -> String {
        text.replacingOccurrences(of: "&#34;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }
}
